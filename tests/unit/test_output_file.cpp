// Output files: refused targets, files written through their descriptor and moved into place,
// cleanup of every live temporary on a signal, the interrupt handle of closed connections.
#include "helpers.hpp"
#include "mpp/cancel.hpp"
#include "mpp/error.hpp"
#include "mpp/output_file.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>

namespace
{
int exit_code_of_refusal(const std::string& target, const std::string& database,
                         const std::vector<std::string>& inputs = {})
{
    try
    {
        mpp::refuse_output_target(target, database, inputs);
        return 0;
    }
    catch (const mpp::Error& e)
    {
        return mpp::exit_code(e.kind());
    }
}

// Names in a folder that start with `prefix`.
int count_named(const std::string& folder, const std::string& prefix)
{
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
    {
        n += entry.path().filename().string().rfind(prefix, 0) == 0 ? 1 : 0;
    }
    return n;
}
} // namespace

TEST_CASE("the database, its companions and the input are refused by device and inode")
{
    mpp::test::TempDir dir;
    const std::string db = dir.write("w.db", "database");
    const std::string input = dir.write("in.csv", "a,b\n");
    std::filesystem::create_symlink(db, dir.file("link.db"));
    std::filesystem::create_hard_link(input, dir.file("hard.csv"));
    CHECK(exit_code_of_refusal(db, db) == 73);
    CHECK(exit_code_of_refusal(dir.file("link.db"), db) == 73);
    CHECK(exit_code_of_refusal(dir.file("w.db-wal"), db) == 73); // not there yet
    CHECK(exit_code_of_refusal(dir.file("w.db-shm"), db) == 73);
    CHECK(exit_code_of_refusal(dir.file("hard.csv"), db, {input}) == 73);
    CHECK(exit_code_of_refusal(dir.file("other.csv"), db, {input}) == 0);
    CHECK(exit_code_of_refusal(dir.file("w.db.csv"), db, {input}) == 0);
    CHECK(exit_code_of_refusal("-", db) == 0);
}

TEST_CASE("a folder, a device or a FIFO is refused as an output")
{
    mpp::test::TempDir dir;
    REQUIRE(::mkfifo(dir.file("fifo").c_str(), 0600) == 0);
    CHECK(exit_code_of_refusal(dir.file("fifo"), "") == 73);
    CHECK(exit_code_of_refusal(dir.file(""), "") == 73);
    // A device reached through a link of our own: should a bug rename over it, only the link goes.
    std::filesystem::create_symlink("/dev/null", dir.file("device"));
    CHECK(exit_code_of_refusal(dir.file("device"), "") == 73);
    CHECK_THROWS_AS(mpp::AtomicFile(dir.file("fifo")), mpp::Error);
}

TEST_CASE("an AtomicFile appears whole at commit, with the asked mode, and never before")
{
    mpp::test::TempDir dir;
    const std::string target = dir.write("out.csv", "old");
    {
        mpp::AtomicFile file(target);
        file.write("new", 3);
        CHECK(count_named(dir.file(""), ".mpp-out-") == 1);
        std::ifstream before(target);
        CHECK(std::string(std::istreambuf_iterator<char>(before), {}) == "old");
        file.commit();
    }
    std::ifstream after(target);
    CHECK(std::string(std::istreambuf_iterator<char>(after), {}) == "new");
    struct stat st
    {
    };
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    {
        mpp::AtomicFile abandoned(dir.file("never.csv"));
        abandoned.write("x", 1);
    }
    CHECK(!std::filesystem::exists(dir.file("never.csv")));
    CHECK(count_named(dir.file(""), ".mpp-out-") == 0);
}

TEST_CASE("two live output files hold two cleanup slots, released one by one")
{
    mpp::test::TempDir dir;
    const std::size_t before = mpp::temporary_paths();
    {
        mpp::AtomicFile rejects(dir.file("rejects.csv"));
        {
            mpp::AtomicFile output(dir.file("out.csv"));
            CHECK(mpp::temporary_paths() == before + 2);
        }
        CHECK(mpp::temporary_paths() == before + 1);
    }
    CHECK(mpp::temporary_paths() == before);
}

TEST_CASE("a signal removes every live temporary file, not only the last one")
{
    mpp::test::TempDir dir;
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        mpp::AtomicFile rejects(dir.file("rejects.csv"));
        mpp::AtomicFile output(dir.file("out.csv"));
        mpp::StagedDatabase backup(dir.file("backup.db"));
        std::ofstream(backup.path()) << "partial";
        mpp::request_cancel(SIGTERM); // ends the process
        ::_exit(1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 143);
    CHECK(count_named(dir.file(""), ".mpp-") == 0);
}

TEST_CASE("a staged database is published exclusively: an existing file is never replaced")
{
    mpp::test::TempDir dir;
    const std::string target = dir.write("taken.db", "precious");
    {
        mpp::StagedDatabase staged(target);
        std::ofstream(staged.path()) << "new";
        CHECK_THROWS_AS(staged.publish(false), mpp::Error);
    }
    std::ifstream kept(target);
    CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == "precious");
    CHECK(count_named(dir.file(""), ".mpp-") == 0);
}

TEST_CASE("a closed Database is no longer the connection a signal interrupts")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, {"MPP", "KPG", "+08:00", std::nullopt, false}, mpp::test::k_actor);
    CHECK(mpp::interruptible() == nullptr);
    {
        mpp::Database outer(path, 100);
        CHECK(mpp::interruptible() == outer.sql().getHandle());
        {
            mpp::Database inner(path, 100);
            CHECK(mpp::interruptible() == inner.sql().getHandle());
        }
        CHECK(mpp::interruptible() == outer.sql().getHandle());
    }
    CHECK(mpp::interruptible() == nullptr);
}
