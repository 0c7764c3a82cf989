// Settings precedence: flag > environment > config file > default; config errors with places.
#include "helpers.hpp"
#include "mpp/config.hpp"
#include "mpp/error.hpp"

#include <doctest/doctest.h>

namespace
{
std::string origin_of(const mpp::Settings& s, const std::string& key)
{
    for (const auto& item : s.listing)
    {
        if (item.key == key)
        {
            return item.origin;
        }
    }
    return "?";
}
} // namespace

TEST_CASE("defaults follow XDG")
{
    mpp::test::TempDir dir;
    const mpp::Environment env = {{"HOME", dir.file("home")}};
    const auto s = mpp::resolve_settings({}, env);
    CHECK(s.database_path == dir.file("home") + "/.local/share/mpp/mpp.db");
    CHECK(s.output_format == "table");
    CHECK(s.language == "id");
    CHECK(s.busy_timeout_ms == 5000);
    CHECK(origin_of(s, "database.path") == "default");
    const auto x = mpp::resolve_settings({}, {{"HOME", "/h"}, {"XDG_DATA_HOME", "/data"}});
    CHECK(x.database_path == "/data/mpp/mpp.db");
}

TEST_CASE("flag beats environment beats config file")
{
    mpp::test::TempDir dir;
    const std::string file =
        dir.write("c.toml", "[database]\npath = \"/cfg.db\"\nbusy_timeout_ms = 250\n"
                            "[output]\nformat = \"csv\"\n");
    mpp::Environment env = {{"HOME", dir.file("h")}, {"MPP_CONFIG", file}};
    auto s = mpp::resolve_settings({}, env);
    CHECK(s.database_path == "/cfg.db");
    CHECK(s.busy_timeout_ms == 250);
    CHECK(s.output_format == "csv");
    CHECK(origin_of(s, "database.path") == "config " + file);
    env["MPP_DB"] = "/env.db";
    s = mpp::resolve_settings({}, env);
    CHECK(s.database_path == "/env.db");
    CHECK(origin_of(s, "database.path") == "env MPP_DB");
    mpp::SettingFlags flags;
    flags.db = "/flag.db";
    s = mpp::resolve_settings(flags, env);
    CHECK(s.database_path == "/flag.db");
    CHECK(origin_of(s, "database.path") == "flag --db");
}

TEST_CASE("the user config file is found under XDG_CONFIG_HOME")
{
    mpp::test::TempDir dir;
    std::filesystem::create_directories(dir.file("cfg/mpp"));
    dir.write("cfg/mpp/config.toml", "operator = \"loket1\"\n");
    const auto s =
        mpp::resolve_settings({}, {{"HOME", dir.file("h")}, {"XDG_CONFIG_HOME", dir.file("cfg")}});
    CHECK(s.operator_name == "loket1");
    CHECK(s.config_file == dir.file("cfg/mpp/config.toml"));
}

TEST_CASE("config errors are configuration errors with FILE:LINE:COL")
{
    mpp::test::TempDir dir;
    auto error_of = [&](const std::string& text)
    {
        const std::string file = dir.write("bad.toml", text);
        try
        {
            mpp::resolve_settings({}, {{"HOME", dir.file("h")}, {"MPP_CONFIG", file}});
        }
        catch (const mpp::Error& e)
        {
            return e;
        }
        FAIL("no error");
        return mpp::Error(mpp::ErrorKind::internal, "");
    };
    auto e = error_of("[database]\npath = \"x\"\nbogus = 1\n");
    CHECK(e.kind() == mpp::ErrorKind::config);
    REQUIRE(e.place());
    CHECK(e.place()->line == 3);
    CHECK(e.place()->column == 1);
    CHECK(std::string(e.what()).find("database.bogus") != std::string::npos);
    e = error_of("[database]\nbusy_timeout_ms = \"soon\"\n");
    CHECK(e.place()->line == 2);
    e = error_of("[output]\nformat = \"xml\"\n");
    CHECK(e.kind() == mpp::ErrorKind::config);
    CHECK(e.place()->line == 2);
    e = error_of("this is = = not toml");
    CHECK(e.kind() == mpp::ErrorKind::config);
    CHECK(e.place()->line == 1);
}

TEST_CASE("a named config file that is missing is a configuration error")
{
    mpp::SettingFlags flags;
    flags.config = "/nonexistent/mpp.toml";
    CHECK_THROWS_AS(mpp::resolve_settings(flags, {{"HOME", "/h"}}), mpp::Error);
}

TEST_CASE("a bad flag value is a usage error; a bad environment value a configuration error")
{
    mpp::SettingFlags flags;
    flags.format = "xml";
    try
    {
        mpp::resolve_settings(flags, {{"HOME", "/h"}});
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::usage);
    }
    try
    {
        mpp::resolve_settings({}, {{"HOME", "/h"}, {"MPP_LANG", "fr"}});
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::config);
    }
}

TEST_CASE("non-ASCII text outside strings is refused before toml++ sees it")
{
    mpp::test::TempDir dir;
    auto kind_of = [&](const std::string& text)
    {
        const std::string file = dir.write("c.toml", text);
        try
        {
            const auto s =
                mpp::resolve_settings({}, {{"HOME", dir.file("h")}, {"MPP_CONFIG", file}});
            return s.office_name;
        }
        catch (const mpp::Error& e)
        {
            return std::string("error ") + std::to_string(static_cast<int>(e.kind())) + " " +
                   std::to_string(e.place() ? e.place()->line : 0);
        }
    };
    // Accents and dashes inside strings and comments are fine.
    CHECK(kind_of("# Kota Kupang – NTT\n[office]\nname = \"MPP Kupang – Flobamora\"\n") ==
          "MPP Kupang – Flobamora");
    CHECK(kind_of("[office]\nname = '''Mal \xC2\xA7 Pelayanan'''\n") == "Mal \xC2\xA7 Pelayanan");
    const std::string config_error =
        "error " + std::to_string(static_cast<int>(mpp::ErrorKind::config));
    CHECK(kind_of("\xCC\x85\xCB\xB3") == config_error + " 1"); // found by fuzzing
    CHECK(kind_of("[office]\nname = \"\"\"\\\n\xC2\xA7\"\"\"\n") ==
          config_error + " 3"); // upstream #190
    CHECK(kind_of("operator = \"x\"\n\xC2\xA0\n") == config_error + " 2");
    CHECK(kind_of("operator = \"bad \xE9\"\n") == config_error + " 1"); // not UTF-8
}
