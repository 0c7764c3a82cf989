// References typed by a person are found in any case, each spelling an exact (indexed) match.
#include "helpers.hpp"
#include "mpp/error.hpp"
#include "mpp/reference.hpp"

#include <doctest/doctest.h>

TEST_CASE("a typed reference is looked up as given, upper-case and lower-case")
{
    const auto s = mpp::reference_spellings("  kpg-202210-000017 ");
    CHECK(s[0] == "kpg-202210-000017");
    CHECK(s[1] == "KPG-202210-000017");
    CHECK(s[2] == "kpg-202210-000017");
    CHECK(mpp::reference_spellings("Ab/7")[2] == "ab/7");
}

TEST_CASE("the exact spelling wins; two references that differ only in case are ambiguous")
{
    CHECK(!mpp::pick_spelling({}, "x"));
    CHECK(mpp::pick_spelling({"KPG-1"}, "kpg-1") == 0);
    CHECK(mpp::pick_spelling({"AB-7", "ab-7"}, "ab-7") == 1);
    CHECK(mpp::pick_spelling({"AB-7", "ab-7"}, " AB-7") == 0);
    CHECK_THROWS_AS(mpp::pick_spelling({"AB-7", "ab-7"}, "Ab-7"), mpp::Error);
}

TEST_CASE("the store finds an application whatever the case of the reference typed")
{
    mpp::test::KupangDatabase k;
    mpp::NewApplication a;
    a.service = "DUKCAPIL-KTP";
    a.applicant_name = "Maria Lay";
    a.nik = "5371014107900001";
    a.submitted_at = mpp::test::wita("2022-10-24 09:15");
    a.reference = "KPG-202210-000017";
    k.store->create(a, mpp::test::k_actor);
    REQUIRE(k.store->find("kpg-202210-000017"));
    CHECK(k.store->find("kpg-202210-000017")->reference == "KPG-202210-000017");
    CHECK(k.store->get("Kpg-202210-000017").applicant_name == "Maria Lay");
    CHECK(!k.store->find("kpg-202210-000018"));
}
