// The rules of measures.md computed by hand: medians and p90 of minutes, the IKM worked
// example, grades at their cut-offs and the Krejcie–Morgan table.
#include "mpp/measures.hpp"

#include <doctest/doctest.h>

using mpp::SurveySums;

TEST_CASE("medians and the 90th percentile of whole minutes")
{
    // Sorted waits 1, 3, 10, 10: the median is (3 + 10) / 2 = 6.5; 90 % of 4 is 3.6, so p90 is
    // the smallest value with 4 waits at or below it: 10.
    const std::map<int, long long> waits = {{1, 1}, {3, 1}, {10, 2}};
    CHECK(*mpp::histogram_median(waits) == doctest::Approx(6.5));
    CHECK(*mpp::histogram_percentile(waits, 90) == 10);
    // 1..10 once each: 9 values (90 %) are at or below 9, so p90 = 9; median (5 + 6) / 2.
    std::map<int, long long> ten;
    for (int m = 1; m <= 10; ++m)
    {
        ten[m] = 1;
    }
    CHECK(*mpp::histogram_percentile(ten, 90) == 9);
    CHECK(*mpp::histogram_median(ten) == doctest::Approx(5.5));
    // An odd count: 2, 7, 7 -> 7; nothing counted -> empty.
    CHECK(*mpp::histogram_median({{2, 1}, {7, 2}}) == doctest::Approx(7.0));
    CHECK_FALSE(mpp::histogram_median({}).has_value());
    CHECK_FALSE(mpp::histogram_percentile({}, 90).has_value());
}

TEST_CASE("visits per working day and the busiest day, earliest on a tie")
{
    mpp::VisitSums v;
    v.visits = 23;
    v.per_day = {{*mpp::make_date(2022, 10, 24), 9},
                 {*mpp::make_date(2022, 10, 25), 5},
                 {*mpp::make_date(2022, 10, 26), 9}};
    CHECK(*v.busiest_day() == *mpp::make_date(2022, 10, 24));
    CHECK(*v.per_working_day(6) == doctest::Approx(3.8)); // 23 / 6 = 3.83
    CHECK_FALSE(v.per_working_day(0).has_value());
    CHECK_FALSE(mpp::VisitSums{}.busiest_day().has_value());
}

TEST_CASE("the IKM of a worked example")
{
    // Four respondents, u1..u9 (0 = not answered):
    //   r1: 4 3 3 4 3 3 4 4 3
    //   r2: 3 3 2 4 3 3 3 4 3
    //   r3: 3 2 3 4 4 3 3 3 3
    //   r4: 4 3 3 4 3 4 4 0 3
    // NRR: u1 14/4 = 3.5, u2 11/4 = 2.75, u3 11/4 = 2.75, u4 4, u5 13/4 = 3.25, u6 13/4 = 3.25,
    // u7 14/4 = 3.5, u8 11/3 = 3.6667, u9 3. Their sum is 29.6667, the IKM 29.6667 / 9 =
    // 3.2963, converted 82.407 -> 82.41: grade B (Baik). Weakest: u2 and u3 tie at 2.75 -> u2.
    const int rows[4][9] = {{4, 3, 3, 4, 3, 3, 4, 4, 3},
                            {3, 3, 2, 4, 3, 3, 3, 4, 3},
                            {3, 2, 3, 4, 4, 3, 3, 3, 3},
                            {4, 3, 3, 4, 3, 4, 4, 0, 3}};
    SurveySums s;
    for (const auto& row : rows)
    {
        std::array<std::optional<int>, mpp::k_unsur> given;
        for (std::size_t u = 0; u < 9; ++u)
        {
            given[u] = row[u] ? std::optional<int>(row[u]) : std::nullopt;
        }
        s.add_response(given);
    }
    CHECK(s.respondents == 4);
    CHECK(*s.nrr(0) == doctest::Approx(3.5));
    CHECK(*s.nrr(7) == doctest::Approx(11.0 / 3));
    CHECK(*s.ikm() == doctest::Approx(3.296296).epsilon(1e-6));
    CHECK(*s.ikm_converted() == doctest::Approx(82.41));
    CHECK(*s.weakest() == 1);
    CHECK(mpp::grade_of(*s.ikm_converted(), {}).letter == 'B');
    // An unsur nobody answered is left out of the mean, not counted as 0.
    SurveySums only_u1;
    only_u1.add_response({4, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                          std::nullopt, std::nullopt, std::nullopt, 2});
    CHECK(*only_u1.ikm() == doctest::Approx(3.0));
    CHECK(*only_u1.weakest() == 8);
    CHECK_FALSE(SurveySums{}.ikm().has_value());
}

TEST_CASE("grades at their cut-offs")
{
    const mpp::SkmGrades g;
    CHECK(mpp::grade_of(88.31, g).letter == 'A');
    CHECK(mpp::grade_of(88.30, g).letter == 'B');
    CHECK(mpp::grade_of(76.61, g).letter == 'B');
    CHECK(mpp::grade_of(76.60, g).letter == 'C');
    CHECK(mpp::grade_of(65.00, g).letter == 'C');
    CHECK(mpp::grade_of(64.99, g).letter == 'D');
    CHECK(std::string(mpp::grade_of(80, g).label_id) == "Baik");
}

TEST_CASE("Krejcie-Morgan reproduces its published table")
{
    CHECK(mpp::krejcie_morgan(0) == 0);
    CHECK(mpp::krejcie_morgan(10) == 10);
    CHECK(mpp::krejcie_morgan(50) == 44);
    CHECK(mpp::krejcie_morgan(100) == 80);
    CHECK(mpp::krejcie_morgan(200) == 132);
    CHECK(mpp::krejcie_morgan(500) == 217);
    CHECK(mpp::krejcie_morgan(1000) == 278);
    CHECK(mpp::krejcie_morgan(10000) == 370);
    CHECK(mpp::krejcie_morgan(1000000) == 384);
}

TEST_CASE("rounding half away from zero through the decimal form")
{
    CHECK(mpp::round_to(80.865, 2) == doctest::Approx(80.87));
    CHECK(mpp::round_to(56.25, 1) == doctest::Approx(56.3));
    CHECK(mpp::round_to(3.2345, 3) == doctest::Approx(3.235));
}

TEST_CASE("complaints on time over resolved")
{
    mpp::ComplaintSums c;
    c.resolved = 3;
    c.rejected = 1; // not a resolution: it does not count in the on-time share
    c.on_time = 2;
    c.resolution_days = {{2, 1}, {4, 1}, {9, 1}};
    CHECK(*c.on_time_pct() == doctest::Approx(66.7));
    CHECK(*c.resolution_median() == doctest::Approx(4.0));
    CHECK_FALSE(mpp::ComplaintSums{}.on_time_pct().has_value());
}

TEST_CASE("the weakest unsur is compared exactly, not as the rounded NRRs people see")
{
    // u1: 7 / 3 = 2.3333 and u2: 233 / 100 = 2.33 both show as 2.33; u2 is lower.
    SurveySums s;
    s.respondents = 100;
    s.sum = {7, 233, 300, 300, 300, 300, 300, 300, 300};
    s.answers = {3, 100, 100, 100, 100, 100, 100, 100, 100};
    CHECK(*s.weakest() == 1);
    // The grade follows the converted IKM rounded to 2 decimals: 3.5322 x 25 = 88.305 -> 88.31, A.
    SurveySums edge;
    edge.respondents = 5000;
    edge.sum = {17661};
    edge.answers = {5000};
    CHECK(*edge.ikm_converted() == doctest::Approx(88.31));
    CHECK(mpp::grade_of(*edge.ikm_converted(), {}).letter == 'A');
}
