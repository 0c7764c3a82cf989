// Agencies: validation, store, audit rows, table rows.
#include "helpers.hpp"
#include "mpp/agency.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_today;
using mpp::test::k_wita;

struct Fixture : mpp::test::TestDatabase
{
    int audit_rows(const std::string& action)
    {
        SQLite::Statement st(db->sql(), "SELECT count(*) FROM audit WHERE action = ?");
        st.bind(1, action);
        st.executeStep();
        return st.getColumn(0).getInt();
    }
};

mpp::RawRecord raw(std::initializer_list<std::pair<const char*, const char*>> fields)
{
    mpp::RawRecord r;
    for (const auto& [k, v] : fields)
    {
        r.set(k, v);
    }
    return r;
}
} // namespace

TEST_CASE("parse_agency validates every field and reports each problem")
{
    mpp::FieldProblems problems;
    const auto a = mpp::parse_agency(raw({{"code", "pln-kupang"},
                                          {"name", "PT PLN (Persero) UP3 Kupang"},
                                          {"kind", "BUMN"},
                                          {"phone", "(0380) 832288"},
                                          {"joined_on", "24/10/2022"}}),
                                     k_today, k_wita, problems);
    REQUIRE(a);
    CHECK(problems.empty());
    CHECK(a->code == "PLN-KUPANG");
    CHECK(a->kind == "soe");
    CHECK(a->phone == std::optional<std::string>("+62380832288"));
    CHECK(a->joined_on == k_today);

    const auto bad = mpp::parse_agency(raw({{"code", "X"},
                                            {"kind", "ngo"},
                                            {"email", "nope"},
                                            {"joined_on", "2022-10-24"},
                                            {"left_on", "2022-10-01"}}),
                                       k_today, k_wita, problems);
    CHECK_FALSE(bad);
    std::vector<std::string> fields;
    for (const auto& p : problems)
    {
        fields.push_back(p.field);
    }
    CHECK(fields == std::vector<std::string>{"code", "name", "kind", "email", "left_on"});
}

TEST_CASE("an agency phone may be a service number; a number that lost its 0 is refused")
{
    mpp::FieldProblems problems;
    const auto a = mpp::parse_agency(raw({{"code", "BPJS"},
                                          {"name", "BPJS Kesehatan"},
                                          {"kind", "vertical"},
                                          {"phone", "1500-400"}}),
                                     k_today, k_wita, problems);
    REQUIRE(a);
    CHECK(a->phone == std::optional<std::string>("1500400"));
    CHECK(mpp::agency_to_raw(*a).get("phone") == std::optional<std::string>("1500400"));
    CHECK_FALSE(mpp::parse_agency(
        raw({{"code", "BPJS"}, {"name", "BPJS"}, {"kind", "vertical"}, {"phone", "380821234"}}),
        k_today, k_wita, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "phone");
    CHECK(problems[0].message == "'380821234' looks like 0380821234 with its leading 0 lost; "
                                 "Excel stored the column as a number: format it as Text");
}

TEST_CASE("add, update, deactivate write one audit row per change and none for no change")
{
    Fixture f;
    mpp::AgencyStore store(f.db->sql());
    mpp::FieldProblems problems;
    auto a = *mpp::parse_agency(raw({{"code", "DUKCAPIL"}, {"name", "Dukcapil"}, {"kind", "opd"}}),
                                k_today, k_wita, problems);
    CHECK(store.add(a, false, k_actor) == mpp::WriteOutcome::created);
    CHECK_THROWS_AS(store.add(a, false, k_actor), mpp::Error);
    CHECK(store.add(a, true, k_actor) == mpp::WriteOutcome::unchanged);
    a.counter = "Loket 9";
    CHECK(store.add(a, true, k_actor) == mpp::WriteOutcome::updated);
    CHECK(store.update(a, k_actor) == mpp::WriteOutcome::unchanged);
    CHECK(f.audit_rows("create") == 2); // the database and the agency
    CHECK(f.audit_rows("update") == 1);
    const std::string detail =
        f.db->sql().execAndGet("SELECT detail FROM audit WHERE action = 'update'").getString();
    CHECK(detail == R"({"counter":{"from":null,"to":"Loket 9"}})");

    const auto leave = *mpp::make_date(2025, 1, 31);
    CHECK(store.deactivate("dukcapil", leave, k_actor));
    CHECK_FALSE(store.deactivate("DUKCAPIL", leave, k_actor));
    CHECK(f.audit_rows("deactivate") == 1);
    CHECK(store.get("DUKCAPIL").left_on == std::optional<mpp::Date>(leave));
    CHECK(store.list({false, *mpp::make_date(2025, 1, 30), std::nullopt}).size() == 1);
    CHECK(store.list({false, leave, std::nullopt}).empty());
    CHECK(store.list({true, leave, std::nullopt}).size() == 1);
}

TEST_CASE("get of an unknown code is not_found naming it")
{
    Fixture f;
    mpp::AgencyStore store(f.db->sql());
    try
    {
        store.get("NOPE");
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::not_found);
        CHECK(std::string(e.what()).find("'NOPE'") != std::string::npos);
    }
}

TEST_CASE("agency_table has the import columns and, for list, active")
{
    mpp::FieldProblems problems;
    const auto a =
        *mpp::parse_agency(raw({{"code", "BANK-NTT"}, {"name", "Bank NTT"}, {"kind", "bank"}}),
                           k_today, k_wita, problems);
    const auto t = mpp::agency_table({a}, k_today, true);
    REQUIRE(t.columns.size() == 11);
    CHECK(t.columns.back().key == "active");
    CHECK(t.rows[0][0] == std::optional<std::string>("BANK-NTT"));
    CHECK(t.rows[0][7] == std::optional<std::string>("2022-10-24"));
    CHECK(t.rows[0][10] == std::optional<std::string>("true"));
    CHECK(mpp::agency_table({a}, k_today, false).columns.size() == 10);
}
