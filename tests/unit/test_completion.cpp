// Completion look-ups: codes and references by prefix in any case, through index ranges, from a
// database opened read-only that is never created.
#include "helpers.hpp"
#include "mpp/completion.hpp"

#include <doctest/doctest.h>
#include <filesystem>

namespace
{
using Strings = std::vector<std::string>;

struct Fixture : mpp::test::KupangDatabase
{
    std::string submit(const char* when)
    {
        mpp::NewApplication a;
        a.service = "DUKCAPIL-KTP";
        a.applicant_name = "Maria Lay";
        a.nik = "5371014107900001";
        a.submitted_at = mpp::test::wita(when);
        return store->create(a, mpp::test::k_actor).reference;
    }
};

} // namespace

TEST_CASE("prefix_successor is the first text past every text with the prefix")
{
    CHECK(mpp::prefix_successor("KPG-") == "KPG.");
    CHECK(mpp::prefix_successor("DUKCAPIL") == "DUKCAPIM");
    CHECK(mpp::prefix_successor("a\xFF") == "b");
    CHECK(mpp::prefix_successor("") == "");
}

TEST_CASE_FIXTURE(Fixture, "agency and service codes start with the prefix in any case")
{
    CHECK(mpp::agency_codes_starting(db->sql(), "") == Strings{"DUKCAPIL", "PDAM-KUPANG"});
    CHECK(mpp::agency_codes_starting(db->sql(), "pd") == Strings{"PDAM-KUPANG"});
    CHECK(mpp::agency_codes_starting(db->sql(), "DUKCAPIL") == Strings{"DUKCAPIL"});
    CHECK(mpp::agency_codes_starting(db->sql(), "DUKCAPIL-").empty());
    CHECK(mpp::agency_codes_starting(db->sql(), "", 1) == Strings{"DUKCAPIL"});
    CHECK(mpp::service_codes_starting(db->sql(), "") ==
          Strings{"DUKCAPIL-KTP", "OLD", "PDAM-BARU"});
    CHECK(mpp::service_codes_starting(db->sql(), "dukcapil-k") == Strings{"DUKCAPIL-KTP"});
    CHECK(mpp::service_codes_starting(db->sql(), "Old") == Strings{"OLD"});
    CHECK(mpp::service_codes_starting(db->sql(), "x").empty());
}

TEST_CASE_FIXTURE(Fixture, "references start with the prefix in any case, in order, limited")
{
    const std::string first = submit("2022-10-24 09:15");
    const std::string second = submit("2022-10-24 10:15");
    const std::string third = submit("2022-11-02 08:00");
    REQUIRE(first == "KPG-202210-000001");
    REQUIRE(third == "KPG-202211-000001");
    CHECK(mpp::references_starting(db->sql(), "kpg-202210") == Strings{first, second});
    CHECK(mpp::references_starting(db->sql(), "KPG-2022") == Strings{first, second, third});
    CHECK(mpp::references_starting(db->sql(), "kpg-2022", 2) == Strings{first, second});
    CHECK(mpp::references_starting(db->sql(), "KPG-202211-000001") == Strings{third});
    CHECK(mpp::references_starting(db->sql(), "KPG-202212").empty());
    // A template may hold lower-case letters: any spelling of the prefix finds them.
    db->sql().exec("UPDATE application SET reference = 'Mpp/kpg/1' WHERE reference = '" + third +
                   "'");
    CHECK(mpp::references_starting(db->sql(), "mpp/KPG") == Strings{"Mpp/kpg/1"});
    CHECK(mpp::references_starting(db->sql(), "MPP/") == Strings{"Mpp/kpg/1"});
    // Stored prefixes in two cases: both ranges, merged in order.
    db->sql().exec("UPDATE application SET reference = 'mPP/2' WHERE reference = '" + second + "'");
    CHECK(mpp::references_starting(db->sql(), "mpp/") == Strings{"Mpp/kpg/1", "mPP/2"});
    CHECK(mpp::references_starting(db->sql(), "mpp/k") == Strings{"Mpp/kpg/1"});
}

TEST_CASE("a path becomes a file URI with its special characters percent-encoded")
{
    CHECK(mpp::sqlite_file_uri("/srv/mpp/kupang.db") == "file:///srv/mpp/kupang.db");
    CHECK(mpp::sqlite_file_uri("a b#c?d%e.db") == "file:a%20b%23c%3Fd%25e.db");
    CHECK(mpp::sqlite_file_uri("//x") == "file:////x");
}

TEST_CASE("open_for_completion opens only an existing database of this schema, read-only")
{
    mpp::test::TestDatabase t;
    const std::string missing = t.dir.file("missing.db");
    CHECK(mpp::open_for_completion(missing) == nullptr);
    CHECK_FALSE(std::filesystem::exists(missing));
    CHECK(mpp::open_for_completion(t.dir.file("")) == nullptr); // a folder
    CHECK(mpp::open_for_completion(t.dir.write("empty.db", "")) == nullptr);
    const auto db = mpp::open_for_completion(t.path);
    REQUIRE(db != nullptr);
    CHECK_THROWS(db->exec("DELETE FROM agency"));
    t.db->sql().exec("PRAGMA user_version = 8");
    CHECK(mpp::open_for_completion(t.path) == nullptr);
}

TEST_CASE("open_for_completion leaves no -wal or -shm beside a closed database")
{
    mpp::test::TestDatabase t;
    t.db.reset();
    REQUIRE_FALSE(std::filesystem::exists(t.path + "-wal"));
    {
        const auto db = mpp::open_for_completion(t.path);
        REQUIRE(db != nullptr);
        CHECK(db->execAndGet("SELECT count(*) FROM agency").getInt() == 0);
    }
    CHECK_FALSE(std::filesystem::exists(t.path + "-wal"));
    CHECK_FALSE(std::filesystem::exists(t.path + "-shm"));
}
