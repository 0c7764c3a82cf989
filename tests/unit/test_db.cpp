// The database file: init, open checks, migrations, backup, check, settings, transactions.
#include "helpers.hpp"
#include "mpp/db.hpp"
#include "mpp/schema.hpp"
#include "mpp/settings.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>

namespace
{
const mpp::Actor k_actor{"tester", "root", 1666573200}; // 2022-10-24T01:00:00Z

mpp::InitOptions kupang()
{
    return mpp::InitOptions{"MPP Kota Kupang", "kpg", "+08:00", std::nullopt, false};
}

mpp::ErrorKind open_error(const std::string& path)
{
    try
    {
        mpp::Database db(path, 100);
    }
    catch (const mpp::Error& e)
    {
        return e.kind();
    }
    return mpp::ErrorKind::internal;
}
} // namespace

TEST_CASE("init creates a 0600 file with the schema, settings and an audit row")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, kupang(), k_actor);
    struct stat st
    {
    };
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    mpp::Database db(path, 100);
    CHECK(db.schema_version() == mpp::latest_schema_version());
    CHECK(db.sql().execAndGet("PRAGMA application_id").getInt() == mpp::k_application_id);
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    const auto office = mpp::load_office_settings(db.sql());
    CHECK(office.code == "KPG");
    CHECK(office.offset.minutes == 480);
    CHECK(office.workweek == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(db.sql().execAndGet("SELECT count(*) FROM audit WHERE action = 'create'").getInt() == 1);
}

TEST_CASE("init refuses an existing path and a missing folder, leaving nothing behind")
{
    mpp::test::TempDir dir;
    const std::string path = dir.write("exists.db", "x");
    CHECK_THROWS_AS(mpp::init_database(path, kupang(), k_actor), mpp::Error);
    try
    {
        mpp::init_database(dir.file("no/such/dir.db"), kupang(), k_actor);
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::cannot_create);
    }
    auto bad = kupang();
    bad.utc_offset = "WITA";
    CHECK_THROWS_AS(mpp::init_database(dir.file("bad.db"), bad, k_actor), mpp::Error);
    CHECK_FALSE(std::filesystem::exists(dir.file("bad.db")));
}

TEST_CASE("opening never creates and recognises foreign files")
{
    mpp::test::TempDir dir;
    CHECK(open_error(dir.file("missing.db")) == mpp::ErrorKind::db_unusable);
    CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));
    CHECK(open_error(dir.write("empty.db", "")) == mpp::ErrorKind::db_unusable);
    CHECK(open_error(dir.write("text.db", std::string(8192, 'z'))) == mpp::ErrorKind::db_unusable);
    {
        SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE t (x)");
    }
    CHECK(open_error(dir.file("other.db")) == mpp::ErrorKind::db_unusable);
}

TEST_CASE("newer and older schemas are refused; migrate brings an older one up with a backup")
{
    mpp::test::TempDir dir;
    const std::string newer = dir.file("newer.db");
    mpp::init_database(newer, kupang(), k_actor);
    {
        SQLite::Database raw(newer, SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 999");
    }
    CHECK(open_error(newer) == mpp::ErrorKind::db_unusable);

    const std::string older = dir.file("older.db");
    {
        SQLite::Database raw(older, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec(fmt::format("PRAGMA application_id = {}", mpp::k_application_id));
        raw.exec("CREATE TABLE placeholder (x)");
    }
    CHECK(open_error(older) == mpp::ErrorKind::db_unusable);
    const auto r = mpp::migrate_database(older, 100, k_actor);
    CHECK(r.from == 0);
    CHECK(r.to == mpp::latest_schema_version());
    CHECK(std::filesystem::exists(r.backup_path));
    mpp::Database db(older, 100);
    CHECK(db.schema_version() == mpp::latest_schema_version());
    CHECK(mpp::migrate_database(older, 100, k_actor).backup_path.empty());
}

TEST_CASE("check finds nothing on a sound database; backup makes an openable copy")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, kupang(), k_actor);
    mpp::Database db(path, 100);
    CHECK(mpp::check_database(db).empty());
    mpp::backup_database(db, dir.file("copy.db"));
    mpp::Database copy(dir.file("copy.db"), 100);
    CHECK(copy.sql().execAndGet("SELECT count(*) FROM audit").getInt() == 1);
    struct stat st
    {
    };
    REQUIRE(::stat(dir.file("copy.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_THROWS_AS(mpp::backup_database(db, dir.file("copy.db")), mpp::Error);
}

TEST_CASE("the audit trail refuses UPDATE and DELETE")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, kupang(), k_actor);
    mpp::Database db(path, 100);
    CHECK_THROWS(db.sql().exec("UPDATE audit SET operator = 'x'"));
    CHECK_THROWS(db.sql().exec("DELETE FROM audit"));
}

TEST_CASE("a write transaction rolls back unless committed")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, kupang(), k_actor);
    mpp::Database db(path, 100);
    {
        mpp::WriteTransaction tx(db);
        mpp::set_setting(db.sql(), k_actor, "office.name", "Changed");
    }
    CHECK(mpp::load_office_settings(db.sql()).name == "MPP Kota Kupang");
    {
        mpp::WriteTransaction tx(db);
        CHECK(mpp::set_setting(db.sql(), k_actor, "office.name", "Changed"));
        tx.commit();
    }
    CHECK(mpp::load_office_settings(db.sql()).name == "Changed");
}

TEST_CASE("a second writer waits for the busy timeout, then fails as busy")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("mpp.db");
    mpp::init_database(path, kupang(), k_actor);
    mpp::Database first(path, 100);
    mpp::Database second(path, 100);
    mpp::WriteTransaction tx(first);
    try
    {
        mpp::WriteTransaction blocked(second);
        FAIL("no error");
    }
    catch (const SQLite::Exception& e)
    {
        CHECK(mpp::from_sqlite(e).kind() == mpp::ErrorKind::busy);
    }
}
