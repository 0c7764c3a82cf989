// The one error type: every kind's documented exit code (cli.md "Exit codes"), places, hints.
#include "mpp/error.hpp"

#include <csignal>
#include <doctest/doctest.h>

TEST_CASE("every error kind maps to its documented exit code")
{
    using mpp::ErrorKind;
    CHECK(mpp::exit_code(ErrorKind::usage) == 64);
    CHECK(mpp::exit_code(ErrorKind::invalid_data) == 65);
    CHECK(mpp::exit_code(ErrorKind::not_found) == 66);
    CHECK(mpp::exit_code(ErrorKind::db_unusable) == 69);
    CHECK(mpp::exit_code(ErrorKind::internal) == 70);
    CHECK(mpp::exit_code(ErrorKind::cannot_create) == 73);
    CHECK(mpp::exit_code(ErrorKind::io) == 74);
    CHECK(mpp::exit_code(ErrorKind::busy) == 75);
    CHECK(mpp::exit_code(ErrorKind::permission) == 77);
    CHECK(mpp::exit_code(ErrorKind::config) == 78);
}

TEST_CASE("an interruption exits 128 + the signal, SIGINT when none is known")
{
    CHECK(mpp::exit_code(mpp::ErrorKind::interrupted, SIGINT) == 130);
    CHECK(mpp::exit_code(mpp::ErrorKind::interrupted, SIGTERM) == 143);
    CHECK(mpp::exit_code(mpp::ErrorKind::interrupted) == 130);
    const mpp::Error e = mpp::Error::interrupted(SIGTERM);
    CHECK(e.kind() == mpp::ErrorKind::interrupted);
    CHECK(e.signal() == SIGTERM);
    CHECK(mpp::exit_code(e.kind(), e.signal()) == 143);
    CHECK(std::string(e.what()) == "interrupted; nothing was written");
}

TEST_CASE("a place is FILE:LINE:COL with unknown parts left out")
{
    CHECK(mpp::format_place({"apps.csv", 12, 3}) == "apps.csv:12:3");
    CHECK(mpp::format_place({"apps.csv", 12, 0}) == "apps.csv:12");
    CHECK(mpp::format_place({"apps.csv", 0, 0}) == "apps.csv");
    CHECK(mpp::format_place({"apps.csv", 0, 7}) == "apps.csv"); // a column without a line
    CHECK(mpp::format_place({"-", 1, 1}) == "-:1:1");
}

TEST_CASE("an error carries its kind, message, place, hint and row diagnostics")
{
    mpp::Error plain(mpp::ErrorKind::not_found, "agency 'X' not found", "see: mpp agency list");
    CHECK(plain.kind() == mpp::ErrorKind::not_found);
    CHECK(std::string(plain.what()) == "agency 'X' not found");
    CHECK(plain.hint() == "see: mpp agency list");
    CHECK_FALSE(plain.place());
    CHECK(plain.diagnostics().empty());
    CHECK(plain.signal() == 0);

    mpp::Error placed(mpp::ErrorKind::invalid_data, mpp::Place{"a.csv", 3, 0},
                      "3 rows are invalid");
    placed.with_diagnostics({{{"a.csv", 2, 5}, "nik: 15 digits"}, {{"a.csv", 3, 1}, "x"}});
    REQUIRE(placed.place());
    CHECK(mpp::format_place(*placed.place()) == "a.csv:3");
    REQUIRE(placed.diagnostics().size() == 2);
    CHECK(mpp::format_place(placed.diagnostics()[0].place) == "a.csv:2:5");
    CHECK(placed.diagnostics()[0].message == "nik: 15 digits");
    CHECK(placed.hint().empty());
}
