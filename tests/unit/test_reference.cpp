// References typed by a person are found in any case: the stored spellings, by a walk over the
// unique index.
#include "helpers.hpp"
#include "mpp/error.hpp"
#include "mpp/reference.hpp"
#include "mpp/spelling.hpp"

#include <doctest/doctest.h>

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

namespace
{
using Strings = std::vector<std::string>;

struct Stored : mpp::test::KupangDatabase
{
    void add(const char* reference)
    {
        mpp::NewApplication a;
        a.service = "DUKCAPIL-KTP";
        a.applicant_name = "Maria Lay";
        a.nik = "5371014107900001";
        a.submitted_at = mpp::test::wita("2022-10-24 09:15");
        a.reference = reference;
        store->create(a, mpp::test::k_actor);
    }
};

} // namespace

TEST_CASE_FIXTURE(Stored, "a mixed-case reference is found in any other spelling")
{
    add("Sc-2022/Kpg-1");
    add("Sc-2022/Kpg-10");
    for (const char* typed : {"sc-2022/kpg-1", "SC-2022/KPG-1", "sC-2022/kPG-1 "})
    {
        CAPTURE(typed);
        REQUIRE(store->find(typed));
        CHECK(store->find(typed)->reference == "Sc-2022/Kpg-1");
    }
    CHECK(store->get("sc-2022/KPG-10").reference == "Sc-2022/Kpg-10");
    CHECK(!store->find("sc-2022/kpg-2"));
    CHECK(!store->find("sc-2022/kpg-"));
}

TEST_CASE_FIXTURE(Stored, "the case walk keeps only the stored prefixes")
{
    add("Sc-2022/Kpg-1");
    add("sC-2022/x");
    mpp::CaseWalk walk(db->sql(), "application", "reference");
    CHECK(walk.prefixes("") == Strings{""});
    CHECK(walk.prefixes("SC") == Strings{"Sc", "sC"});
    CHECK(walk.prefixes("sc-2022/k") == Strings{"Sc-2022/K"});
    CHECK(walk.prefixes("sc-2022/kq").empty());
    CHECK(walk.spellings("SC-2022/KPG-1") == Strings{"Sc-2022/Kpg-1"});
    CHECK(walk.spellings("sc-2022/kpg-").empty());
    for (const std::string& detail : walk.plans())
    {
        CAPTURE(detail);
        CHECK(detail.find("SEARCH application USING COVERING INDEX") == 0);
    }
}

TEST_CASE_FIXTURE(Stored, "two stored spellings of a reference are ambiguous unless one is typed")
{
    add("AB-7");
    add("ab-7");
    CHECK(store->find("ab-7")->reference == "ab-7");
    CHECK(store->find("AB-7")->reference == "AB-7");
    try
    {
        store->find("Ab-7");
        FAIL("no ambiguity");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::invalid_data);
        CHECK(std::string(e.what()).find("AB-7, ab-7") != std::string::npos);
    }
}
