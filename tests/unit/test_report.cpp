// Reports against a hand-built May 2022 (Idul Fitri and its cuti bersama, Waisak, Kenaikan):
// carry-in and carry-out, same-day decisions, decisions after the month, a Saturday
// submission, a returned pause open at month end, a cancellation, local dates near midnight.
#include "helpers.hpp"
#include "mpp/report.hpp"
#include "mpp/report_render.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_wita;

mpp::Instant at(const char* text)
{
    return mpp::parse_when(text, k_wita).instant;
}

struct May2022 : mpp::test::KupangDatabase
{
    May2022()
    {
        add("A1", "DUKCAPIL-KTP", "2022-04-27 10:00", 5000, {{"completed", "2022-05-09 10:00"}});
        add("A2", "DUKCAPIL-KTP", "2022-04-28 09:00", 0, {{"processing", "2022-04-28 10:00"}});
        add("A3", "DUKCAPIL-KTP", "2022-05-09 09:00", 10000, {{"completed", "2022-05-09 15:00"}});
        add("A4", "DUKCAPIL-KTP", "2022-05-30 10:00", 0, {{"completed", "2022-06-02 10:00"}});
        add("A5", "DUKCAPIL-KTP", "2022-05-07 08:00", 0, {{"completed", "2022-05-10 09:00"}});
        add("A6", "PDAM-BARU", "2022-05-10 09:00", 1500000,
            {{"returned", "2022-05-11 10:00"},
             {"processing", "2022-05-16 09:00"},
             {"completed", "2022-06-03 09:00"}});
        add("A7", "DUKCAPIL-KTP", "2022-05-12 09:00", 0, {{"cancelled", "2022-05-13 09:00"}});
        add("A8", "DUKCAPIL-KTP", "2022-05-31T16:30:00Z", 0, {}); // 00:30 WITA on 1 June
        add("A9", "DUKCAPIL-KTP", "2022-04-30T16:30:00Z", 0, {{"rejected", "2022-05-10 11:00"}});
        add("A10", "DUKCAPIL-KTP", "2022-05-20 09:00", 0, {{"completed", "2022-06-10 09:00"}});
        add("A11", "DUKCAPIL-KTP", "2022-05-24 09:00", 0, {{"returned", "2022-05-25 10:00"}});
    }

    void add(const char* ref, const char* service, const char* submitted, long long fee,
             std::vector<std::pair<const char*, const char*>> moves)
    {
        mpp::NewApplication a;
        a.reference = ref;
        a.service = service;
        a.applicant_name = "Pemohon";
        a.nik = "5371014107900001";
        a.submitted_at = at(submitted);
        a.fee = fee;
        store->create(a, k_actor);
        for (const auto& [status, when] : moves)
        {
            store->set_status(ref, status, at(when), std::nullopt, k_actor);
        }
    }

    mpp::PeriodReport may() const
    {
        return mpp::build_report(db->sql(), office, *calendar, *mpp::make_date(2022, 5, 1),
                                 *mpp::make_date(2022, 5, 31), true);
    }
};

void check_invariant(const mpp::Figures& f)
{
    CHECK(f.carried_in + f.received - f.completed - f.rejected - f.cancelled == f.carried_out);
}
} // namespace

TEST_CASE("every figure of a hand-built month")
{
    May2022 m;
    const mpp::PeriodReport r = m.may();
    REQUIRE(r.agencies.size() == 2);
    REQUIRE(r.agencies[0].services.size() == 2); // DUKCAPIL-KTP, and OLD (not yet retired)
    const mpp::Figures& ktp = r.agencies[0].services.at(0).figures;
    CHECK(r.agencies[0].services[0].code == "DUKCAPIL-KTP");
    CHECK(ktp.carried_in == 2);  // A1, A2
    CHECK(ktp.received == 7);    // A3 A4 A5 A7 A9 A10 A11 (A8 is 1 June local time)
    CHECK(ktp.completed == 3);   // A1 A3 A5
    CHECK(ktp.rejected == 1);    // A9
    CHECK(ktp.cancelled == 1);   // A7
    CHECK(ktp.carried_out == 4); // A2 A4 A10 A11
    CHECK(ktp.decided() == 4);
    CHECK(ktp.on_time == 3);
    CHECK(ktp.late == 1); // A1: due 28 April, decided 9 May
    CHECK(ktp.on_time_pct() == doctest::Approx(75.0));
    CHECK(ktp.elapsed_histogram == std::map<int, long long>{{0, 1}, {1, 2}, {2, 1}});
    CHECK(ktp.elapsed_avg() == doctest::Approx(1.0));
    CHECK(ktp.elapsed_median() == doctest::Approx(1.0));
    CHECK(ktp.elapsed_max() == std::optional<int>(2));
    CHECK(ktp.overdue_open == 2); // A2 and A10; A11's open pause keeps it in time
    CHECK(ktp.fees == 15000);     // completed in May: A1 5,000 + A3 10,000
    CHECK_FALSE(r.agencies[0].services[1].figures.any());
    const mpp::Figures& pdam = r.agencies[1].services.at(0).figures;
    CHECK(pdam.received == 1);
    CHECK(pdam.carried_out == 1);
    CHECK(pdam.overdue_open == 0);
    CHECK_FALSE(pdam.on_time_pct());
    CHECK(r.totals.received == 8);
    CHECK(r.totals.carried_out == 5);
    CHECK(r.totals.fees == 15000);
    CHECK(r.working_days == 15);
    CHECK(r.non_working.size() == 7);
    CHECK(r.previous_received == std::optional<long long>(2));
    CHECK(r.active_agencies == 2);
    CHECK(r.active_services == 3); // OLD retires only in October
    for (const auto& a : r.agencies)
    {
        check_invariant(a.totals);
        for (const auto& s : a.services)
        {
            check_invariant(s.figures);
        }
    }
    check_invariant(r.totals);
}

TEST_CASE("the next month carries the same applications in")
{
    May2022 m;
    const auto june =
        mpp::build_report(m.db->sql(), m.office, *m.calendar, *mpp::make_date(2022, 6, 1),
                          *mpp::make_date(2022, 6, 30), true);
    CHECK(june.totals.carried_in == m.may().totals.carried_out);
    CHECK(june.totals.received == 1); // A8
    CHECK(june.previous_received == std::optional<long long>(8));
    check_invariant(june.totals);
}

TEST_CASE("pooled figures: subtotals recompute medians, never average them")
{
    mpp::Figures a;
    a.completed = 2;
    a.on_time = 2;
    a.elapsed_histogram = {{0, 1}, {10, 1}};
    mpp::Figures b;
    b.completed = 1;
    b.on_time = 0;
    b.late = 1;
    b.elapsed_histogram = {{1, 1}};
    mpp::Figures total;
    total.add(a);
    total.add(b);
    CHECK(total.elapsed_median() == doctest::Approx(1.0)); // not (5 + 1) / 2
    CHECK(total.on_time_pct() == doctest::Approx(66.7));
    CHECK(mpp::round1(56.25) == doctest::Approx(56.3));
    CHECK(mpp::round1(-0.25) == doctest::Approx(-0.3));
    CHECK(mpp::round1(100.0 * 18 / 32) == doctest::Approx(56.3));
}

TEST_CASE("months from --month")
{
    const auto today = *mpp::make_date(2022, 11, 1);
    CHECK(mpp::month_period("previous", today).first == *mpp::make_date(2022, 10, 1));
    CHECK(mpp::month_period("previous", today).second == *mpp::make_date(2022, 10, 31));
    CHECK(mpp::month_period("current", today).second == today);
    CHECK(mpp::month_period("2024-02", today).second == *mpp::make_date(2024, 2, 29));
    CHECK(mpp::month_period("previous", *mpp::make_date(2023, 1, 15)).first ==
          *mpp::make_date(2022, 12, 1));
    CHECK_THROWS_AS(mpp::month_period("2022-13", today), mpp::Error);
    CHECK_THROWS_AS(mpp::month_period("oktober", today), mpp::Error);
}

TEST_CASE("machine formats: level rows and the JSON document")
{
    May2022 m;
    const auto r = m.may();
    const auto t = mpp::report_table(r);
    CHECK(t.rows.size() == 6); // 3 services + 2 subtotals + total
    CHECK(t.rows[2][0] == std::optional<std::string>("agency"));
    CHECK(t.rows.back()[0] == std::optional<std::string>("total"));
    const std::string json = mpp::report_json(r);
    CHECK(json.find("\"period\":{\"from\":\"2022-05-01\",\"to\":\"2022-05-31\"}") !=
          std::string::npos);
    CHECK(json.find("\"elapsed_histogram\":{\"0\":1,\"1\":2,\"2\":1}") != std::string::npos);
    CHECK(json.find("\"on_time_pct\":75.0") != std::string::npos);
    CHECK(mpp::month_name(*mpp::make_date(2022, 10, 5), "id") == "Oktober 2022");
    CHECK(mpp::month_name(*mpp::make_date(2022, 10, 5), "en") == "October 2022");
}

TEST_CASE("the row set: not retired before F, agency joined by L and not gone before F")
{
    mpp::test::KupangDatabase k;
    auto report = [&](int y, int m)
    {
        const auto [from, to] = mpp::month_period(fmt::format("{}-{:02}", y, m), {});
        return mpp::build_report(k.db->sql(), k.office, *k.calendar, from, to, false);
    };
    auto codes = [](const mpp::PeriodReport& r)
    {
        std::vector<std::string> out;
        for (const auto& a : r.agencies)
        {
            for (const auto& s : a.services)
            {
                out.push_back(s.code);
            }
        }
        return out;
    };
    using Codes = std::vector<std::string>;
    // OLD retires on 1 October: still listed in October, not in November.
    CHECK(codes(report(2022, 10)) == Codes{"DUKCAPIL-KTP", "OLD", "PDAM-BARU"});
    CHECK(codes(report(2022, 11)) == Codes{"DUKCAPIL-KTP", "PDAM-BARU"});
    CHECK(report(2022, 11).working_days == 22); // Tuesday 1 November counts
    // PDAM leaves on 30 November (L): listed in November but no longer active; gone in December.
    k.db->sql().exec("UPDATE agency SET left_on = '2022-11-30' WHERE code = 'PDAM-KUPANG'");
    const auto november = report(2022, 11);
    CHECK(codes(november) == Codes{"DUKCAPIL-KTP", "PDAM-BARU"});
    CHECK(november.active_agencies == 1);
    CHECK(november.active_services == 1);
    CHECK(codes(report(2022, 12)) == Codes{"DUKCAPIL-KTP"});
    // An agency that joins in January is not listed before.
    k.db->sql().exec("INSERT INTO agency (code, name, kind, joined_on, created_at, updated_at) "
                     "VALUES ('BARU', 'Baru', 'regional', '2023-01-02', 'x', 'x');"
                     "INSERT INTO service (code, agency_id, name, category, sla_days, fee, "
                     "created_at, updated_at) VALUES ('BARU-IZIN', 3, 'Izin', 'non_permit', 5, "
                     "0, 'x', 'x')");
    CHECK(codes(report(2022, 12)) == Codes{"DUKCAPIL-KTP"});
    CHECK(codes(report(2023, 1)) == Codes{"BARU-IZIN", "DUKCAPIL-KTP"});
    CHECK(report(2023, 1).active_agencies == 2);
}

TEST_CASE("report overdue: working days overdue, the most overdue first")
{
    mpp::test::KupangDatabase k; // DUKCAPIL-KTP: 1 working day
    auto add = [&](const char* ref, const char* submitted)
    {
        mpp::NewApplication a;
        a.reference = ref;
        a.service = "DUKCAPIL-KTP";
        a.applicant_name = "Pemohon";
        a.nik = "5371014107900001";
        a.submitted_at = at(submitted);
        k.store->create(a, k_actor);
    };
    add("X1", "2022-10-03 09:00"); // due Tuesday 4 October
    add("X2", "2022-10-17 09:00"); // due Tuesday 18 October
    add("X3", "2022-10-20 09:00"); // due Friday 21 October
    add("X4", "2022-10-21 09:00"); // due Monday 24 October: not yet overdue
    mpp::ApplicationFilter filter;
    filter.overdue = true;
    filter.as_of = *mpp::make_date(2022, 10, 24);
    const auto lines = mpp::overdue_applications(*k.store, *k.calendar, filter);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].application.reference == "X1");
    CHECK(lines[0].due_on == *mpp::make_date(2022, 10, 4));
    CHECK(lines[0].days_overdue == 14); // working days 5 October to 24 October (20 calendar days)
    CHECK(lines[1].application.reference == "X2");
    CHECK(lines[1].days_overdue == 4); // 19, 20, 21, 24 October
    CHECK(lines[2].application.reference == "X3");
    CHECK(lines[2].days_overdue == 1); // Monday 24 October; the weekend does not count
}

TEST_CASE("the measure columns: empty without data, a grade as text, raw sums in JSON")
{
    May2022 m;
    auto r = m.may();
    // Give the first service two tickets (waits 3 and 10 minutes) and a 0-visit tally count;
    // the second service one SKM response; the rest nothing.
    mpp::Figures& first = r.agencies[0].services[0].figures;
    first.visits.records = 3;
    first.visits.visits = 2;
    first.visits.served = 1;
    first.visits.no_show = 1;
    first.visits.wait_minutes = {{3, 1}, {10, 1}};
    mpp::Figures& second = r.agencies[0].services[1].figures;
    second.survey.add_response({4, 4, 3, 4, 4, 4, 4, 4, 4}); // NRR mean 35/9: 97.22 -> A
    // The other agency's service: five respondents, every unsur 17/5 = 3.4: 85.00, a B that
    // a few points more would make an A.
    mpp::Figures& third = r.agencies[1].services[0].figures;
    third.survey.respondents = 5;
    third.survey.sum.fill(17);
    third.survey.answers.fill(5);
    const auto t = mpp::report_table(r);
    auto cell = [&](std::size_t row, const char* key)
    {
        for (std::size_t i = 0; i < t.columns.size(); ++i)
        {
            if (t.columns[i].key == key)
            {
                return t.rows[row][i];
            }
        }
        FAIL("no column " << key);
        return mpp::Cell{};
    };
    CHECK(cell(0, "visits") == std::optional<std::string>("2"));
    CHECK(cell(0, "served") == std::optional<std::string>("1"));
    CHECK(cell(0, "wait_median_min") == std::optional<std::string>("6.5"));
    CHECK_FALSE(cell(0, "respondents").has_value());
    CHECK_FALSE(cell(0, "complaints_received").has_value());
    CHECK(cell(1, "ikm_converted") == std::optional<std::string>("97.22"));
    CHECK(cell(1, "grade") == std::optional<std::string>("A"));
    CHECK_FALSE(cell(1, "visits").has_value()); // a service nobody counted: empty, not 0
    CHECK(cell(3, "ikm_converted") == std::optional<std::string>("85.00"));
    CHECK(cell(3, "grade") == std::optional<std::string>("B"));
    // A 0-visit tally count is a record: 0 visits is then the truth, not an absence.
    mpp::Figures zero;
    zero.visits.records = 1;
    second.add(zero);
    const auto visits = std::find_if(t.columns.begin(), t.columns.end(),
                                     [](const mpp::Column& c) { return c.key == "visits"; });
    CHECK(mpp::report_table(r).rows[1][static_cast<std::size_t>(visits - t.columns.begin())] ==
          std::optional<std::string>("0"));
    const std::string json = mpp::report_json(r);
    CHECK(json.find("\"grade\":\"A\"") != std::string::npos);
    CHECK(json.find("\"wait_minutes\":{\"3\":1,\"10\":1}") != std::string::npos);
    CHECK(json.find("\"sum\":[4,4,3,4,4,4,4,4,4],\"answers\":[1,1,1,1,1,1,1,1,1]") !=
          std::string::npos);
    CHECK(json.find("\"visits\":null") != std::string::npos);
}
