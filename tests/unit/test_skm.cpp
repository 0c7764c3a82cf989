// `report skm`: periods, rows per service, agency and MPP, population and the Krejcie–Morgan
// minimum sample, the respondent profile and the table's columns.
#include "helpers.hpp"
#include "mpp/skm.hpp"
#include "mpp/survey.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace
{

std::string period(const std::string& text)
{
    const auto [from, to] = mpp::skm_period(text);
    return mpp::format_date(from) + ".." + mpp::format_date(to);
}

// One response per line: day, agency id, service id (NULL: none), u1..u9, gender, age.
void respond(mpp::test::KupangDatabase& f, const std::string& values)
{
    f.db->sql().exec("INSERT INTO survey_response (surveyed_on, agency_id, service_id, u1, u2, u3, "
                     "u4, u5, u6, u7, u8, u9, gender, age, education, created_at) VALUES " +
                     values);
    mpp::rebuild_survey_tallies(f.db->sql());
}

// The cells of a table row by column key.
std::string cell(const mpp::Table& t, std::size_t row, const std::string& key)
{
    for (std::size_t i = 0; i < t.columns.size(); ++i)
    {
        if (t.columns[i].key == key)
        {
            return t.rows.at(row)[i].value_or("");
        }
    }
    return "?";
}

} // namespace

TEST_CASE("periods: a year, semesters, quarters and months")
{
    CHECK(period("2025") == "2025-01-01..2025-12-31");
    CHECK(period("2025-S1") == "2025-01-01..2025-06-30");
    CHECK(period("2025-s2") == "2025-07-01..2025-12-31");
    CHECK(period("2024-Q1") == "2024-01-01..2024-03-31");
    CHECK(period("2022-Q4") == "2022-10-01..2022-12-31");
    CHECK(period("2024-02") == "2024-02-01..2024-02-29");
    CHECK(period("2025-12") == "2025-12-01..2025-12-31");
    for (const char* bad : {"", "25", "2025-S3", "2025-Q0", "2025-Q5", "2025-13", "2025-00", "1999",
                            "2025-6", "2025-H1", "Q4-2025"})
    {
        CHECK_THROWS_WITH(mpp::skm_period(bad), doctest::Contains("not a period"));
    }
}

TEST_CASE("rows per service, agency and MPP; a response naming only its agency counts above")
{
    mpp::test::KupangDatabase f;
    // KTP: (4,3,…) and (2,3,…): NRR u1 = 3.00; PDAM-BARU: one response; DUKCAPIL alone: one.
    respond(f, "('2022-10-24', 1, 1, 4, 3, 3, 3, 3, 3, 3, 3, 3, 'L', 19, 'SMA', 'x'),"
               "('2022-10-25', 1, 1, 2, 3, 3, 3, 3, 3, 3, NULL, 3, 'P', 20, 'S1', 'x'),"
               "('2022-10-25', 1, NULL, 1, 1, 1, 1, 1, 1, 1, 1, 1, NULL, 59, NULL, 'x'),"
               "('2022-10-26', 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 'P', NULL, 'S1', 'x'),"
               "('2022-11-01', 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 'P', 59, 'S1', 'x')");
    const mpp::SkmReport r = mpp::build_skm_report(
        f.db->sql(), f.office, *mpp::make_date(2022, 10, 1), *mpp::make_date(2022, 10, 31));
    const mpp::Table t = mpp::skm_table(r);
    REQUIRE(t.rows.size() == 5);
    CHECK(cell(t, 0, "level") == "service");
    CHECK(cell(t, 0, "service_code") == "DUKCAPIL-KTP");
    CHECK(cell(t, 0, "respondents") == "2");
    CHECK(cell(t, 0, "nrr_u1") == "3.00");
    CHECK(cell(t, 0, "nrr_u8") == "3.00");
    CHECK(cell(t, 1, "level") == "agency");
    CHECK(cell(t, 1, "respondents") == "3");
    // u1: (4 + 2 + 1) / 3 = 2.333…; u8: (3 + 1) / 2 = 2.00, the weakest (lowest), u8.
    CHECK(cell(t, 1, "nrr_u1") == "2.33");
    CHECK(cell(t, 1, "nrr_u8") == "2.00");
    CHECK(cell(t, 1, "weakest") == "u8");
    CHECK(cell(t, 2, "service_code") == "PDAM-BARU");
    CHECK(cell(t, 2, "ikm_converted") == "100.00");
    CHECK(cell(t, 2, "grade") == "A");
    CHECK(cell(t, 2, "performance") == "Sangat Baik");
    CHECK(cell(t, 4, "level") == "total");
    CHECK(cell(t, 4, "respondents") == "4"); // 1 November is outside the period
    CHECK(cell(t, 4, "agency_code").empty());
    // The profile of the period's four: by gender, age band and education.
    CHECK(r.profile.gender.at("L") == 1);
    CHECK(r.profile.gender.at("P") == 2);
    CHECK(r.profile.gender.at("") == 1);
    // Ages 19, 20, 59 and one not given: <20, 20–29, 50–59 and (not given).
    CHECK(r.profile.age_bands == std::array<long long, 7>{1, 1, 0, 0, 1, 0, 1});
    CHECK(r.profile.education.at("S1") == 2);
}

TEST_CASE("population: applications received, else visits; the minimum sample follows it")
{
    mpp::test::KupangDatabase f;
    respond(f, "('2022-10-24', 1, 1, 4, 4, 4, 4, 4, 4, 4, 4, 4, NULL, NULL, NULL, 'x'),"
               "('2022-10-24', 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, NULL, NULL, NULL, 'x')");
    // 100 KTP applications received in October (two days), 900 more in November; PDAM-BARU has
    // none, but 1,000 visits: 10,000 visits of PDAM without a service count at the agency only.
    f.db->sql().exec(
        "INSERT INTO report_day (service_id, day, received) VALUES (1, '2022-10-03', 60), "
        "(1, '2022-10-31', 40), (1, '2022-11-01', 900);"
        "INSERT INTO visit_tally (day, agency_id, service_id, visits) VALUES "
        "('2022-10-10', 2, 2, 1000), ('2022-10-11', 2, 0, 9000), ('2022-10-11', 1, 1, 5)");
    const auto t = mpp::skm_table(mpp::build_skm_report(
        f.db->sql(), f.office, *mpp::make_date(2022, 10, 1), *mpp::make_date(2022, 10, 31)));
    REQUIRE(t.rows.size() == 5);
    CHECK(cell(t, 0, "population") == "100"); // applications win over its 5 visits
    CHECK(cell(t, 0, "sample_min") == "80");
    CHECK(cell(t, 0, "sample_ok") == "false");
    CHECK(cell(t, 1, "population") == "100");
    CHECK(cell(t, 2, "population") == "1000");
    CHECK(cell(t, 2, "sample_min") == "278");
    CHECK(cell(t, 3, "population") == "10000");
    CHECK(cell(t, 3, "sample_min") == "370");
    CHECK(cell(t, 4, "population") == "100"); // the MPP has applications
}

TEST_CASE("grade cut-offs come from the settings; every small population is met or not")
{
    mpp::test::KupangDatabase f;
    // Ten responses of 3 everywhere: IKM 3.000, converted 75.00: C under the defaults.
    std::string values;
    for (int i = 0; i < 10; ++i)
    {
        values += std::string(i ? "," : "") +
                  "('2022-10-24', 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, NULL, NULL, NULL, 'x')";
    }
    respond(f, values);
    f.db->sql().exec("INSERT INTO report_day (service_id, day, received) VALUES (1, "
                     "'2022-10-24', 10)");
    auto office = f.office;
    auto table = [&]
    {
        return mpp::skm_table(mpp::build_skm_report(
            f.db->sql(), office, *mpp::make_date(2022, 10, 1), *mpp::make_date(2022, 10, 31)));
    };
    CHECK(cell(table(), 0, "grade") == "C");
    CHECK(cell(table(), 0, "performance") == "Kurang Baik");
    CHECK(cell(table(), 0, "sample_min") == "10");
    CHECK(cell(table(), 0, "sample_ok") == "true"); // 10 of N = 10
    office.skm_grades.b = 75.00;
    CHECK(cell(table(), 0, "grade") == "B");
    office.skm_grades.c = 75.01;
    office.skm_grades.b = 80;
    CHECK(cell(table(), 0, "grade") == "D");
}
