// `config show`: the run's settings, the database's beside them, db init defaults apart.
#include "helpers.hpp"
#include "mpp/config_listing.hpp"
#include "mpp/settings.hpp"

#include <doctest/doctest.h>

namespace
{
// "scope key=value source" of each listed row whose key starts with `prefix`.
std::vector<std::string> rows_of(const std::vector<mpp::ListedSetting>& rows,
                                 const std::string& prefix)
{
    std::vector<std::string> out;
    for (const auto& r : rows)
    {
        if (r.setting.key.rfind(prefix, 0) == 0)
        {
            out.push_back(std::string(mpp::scope_name(r.scope)) + " " + r.setting.key + "=" +
                          r.setting.value + " " + r.setting.source);
        }
    }
    return out;
}
} // namespace

TEST_CASE("the database's settings are listed with their source beside the run's")
{
    mpp::test::TestDatabase t;
    mpp::WriteTransaction tx(*t.db);
    mpp::set_setting(t.db->sql(), mpp::test::k_actor, "office.code", "bks");
    tx.commit();
    t.db->sql().exec("DELETE FROM setting WHERE key = 'calendar.workweek'");
    const auto view = mpp::read_database_settings(t.path, 100);
    REQUIRE(!view.problem);
    const auto run = mpp::resolve_settings({}, {{"HOME", t.dir.file("h")}, {"MPP_DB", t.path}});
    const auto rows = mpp::config_listing(run, view);
    CHECK(rows_of(rows, "office.code") ==
          std::vector<std::string>{"database office.code=BKS database"});
    CHECK(rows_of(rows, "calendar.workweek") ==
          std::vector<std::string>{"database calendar.workweek=mon,tue,wed,thu,fri default"});
    CHECK(rows_of(rows, "database.path") ==
          std::vector<std::string>{"run database.path=" + t.path + " env"});
    const std::string file = t.dir.write("c.toml", "[office]\ncode = \"XYZ\"\n");
    const auto with_file = mpp::resolve_settings(
        {}, {{"HOME", t.dir.file("h")}, {"MPP_DB", t.path}, {"MPP_CONFIG", file}});
    CHECK(rows_of(mpp::config_listing(with_file, view), "office.code") ==
          std::vector<std::string>{"database office.code=BKS database",
                                   "db_init office.code=XYZ config"});
}

TEST_CASE("without a database: one problem, the db init defaults, nothing created")
{
    mpp::test::TempDir dir;
    const auto view = mpp::read_database_settings(dir.file("none.db"), 100);
    REQUIRE(view.problem);
    CHECK(view.problem->find("does not exist") != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("none.db")));
    const auto run = mpp::resolve_settings({}, {{"HOME", dir.file("h")}});
    CHECK(rows_of(mpp::config_listing(run, view), "office.") ==
          std::vector<std::string>{"db_init office.name=Mal Pelayanan Publik default",
                                   "db_init office.code=MPP default",
                                   "db_init office.utc_offset=+07:00 default"});
}
