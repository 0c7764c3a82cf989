// Report tallies: the overdue spans against judging every day on its own, and whole reports
// from the tallies against figures computed application by application from reports.md.
#include "helpers.hpp"
#include "mpp/calendar.hpp"
#include "mpp/report.hpp"
#include "mpp/tally.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <random>

namespace
{
using mpp::Date;
using mpp::test::k_actor;
using mpp::test::k_wita;

// data.md, literally: open on D and D > due_on with the stays counted up to D.
bool overdue_on(const mpp::Application& a, const std::vector<mpp::Pause>& stays,
                const mpp::WorkCalendar& cal, Date d)
{
    const bool open = a.submitted_on <= d && (!a.decided_on || *a.decided_on > d);
    const int paused = a.imported_paused + cal.paused(a.start_on, stays, d);
    return open && d > cal.due_on(a.start_on, a.sla_days, paused);
}

bool in_spans(const std::vector<mpp::OverdueSpan>& spans, const mpp::WorkCalendar& cal, Date d)
{
    for (const auto& s : spans)
    {
        if (s.from <= d && (!s.until || d < *s.until) &&
            (!s.off_days_only || !cal.is_working_day(d)))
        {
            return true;
        }
    }
    return false;
}

// The figures of one service over F..L, application by application (reports.md).
struct Expected
{
    mpp::Figures f;
    void count(const mpp::Application& a, const std::vector<mpp::Pause>& stays,
               const mpp::WorkCalendar& cal, Date from, Date to)
    {
        const auto final_by = [&](Date d) { return a.decided_on && *a.decided_on <= d; };
        f.carried_in += a.submitted_on < from && !final_by(Date{from.days - 1}) ? 1 : 0;
        f.received += a.submitted_on >= from && a.submitted_on <= to ? 1 : 0;
        f.carried_out += a.submitted_on <= to && !final_by(to) ? 1 : 0;
        f.overdue_open += overdue_on(a, stays, cal, to) ? 1 : 0;
        if (!a.decided_on || *a.decided_on < from || *a.decided_on > to)
        {
            return;
        }
        if (a.status == "cancelled")
        {
            ++f.cancelled;
            return;
        }
        ++(a.status == "completed" ? f.completed : f.rejected);
        const int paused = a.imported_paused + cal.paused(a.start_on, stays, *a.decided_on);
        const bool on_time = *a.decided_on <= cal.due_on(a.start_on, a.sla_days, paused);
        ++(on_time ? f.on_time : f.late);
        ++f.elapsed_histogram[cal.elapsed(a.start_on, *a.decided_on, paused)];
        f.fees += a.status == "completed" ? a.fee : 0;
    }
};

void same_figures(const mpp::Figures& got, const mpp::Figures& want)
{
    CHECK(got.carried_in == want.carried_in);
    CHECK(got.received == want.received);
    CHECK(got.completed == want.completed);
    CHECK(got.rejected == want.rejected);
    CHECK(got.cancelled == want.cancelled);
    CHECK(got.carried_out == want.carried_out);
    CHECK(got.on_time == want.on_time);
    CHECK(got.late == want.late);
    CHECK(got.overdue_open == want.overdue_open);
    CHECK(got.fees == want.fees);
    CHECK(got.elapsed_histogram == want.elapsed_histogram);
}

// Random applications with random histories, written through the store.
void fill_randomly(mpp::test::KupangDatabase& k, int count, unsigned seed)
{
    std::mt19937 rng(seed);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const char* services[] = {"DUKCAPIL-KTP", "PDAM-BARU"};
    const mpp::Instant base = 1640995200; // 2022-01-01T00:00:00Z
    mpp::WriteTransaction tx(*k.db);
    for (int i = 0; i < count; ++i)
    {
        mpp::NewApplication a;
        a.service = services[pick(0, 1)];
        a.applicant_name = "Pemohon";
        a.nik = "5371014107900001";
        // Any minute of 2022, so local dates near midnight and weekends come up.
        mpp::Instant t = base + pick(0, 364 * 24 * 60) * 60LL;
        a.submitted_at = t;
        a.imported_paused = pick(0, 4) == 0 ? pick(1, 3) : 0;
        a.fee = pick(0, 2) * 50000;
        const std::string ref = fmt::format("R{:05}", i);
        a.reference = ref;
        k.store->create(a, k_actor);
        std::string status = "submitted";
        for (int step = pick(0, 6); step > 0 && !mpp::is_final_status(status); --step)
        {
            const auto& moves = mpp::allowed_moves(status);
            status = moves[static_cast<std::size_t>(pick(0, static_cast<int>(moves.size()) - 1))];
            t += pick(0, 9 * 24 * 60) * 60LL; // up to nine days later, same day included
            k.store->set_status(ref, status, t, std::nullopt, k_actor);
        }
    }
    tx.commit();
}

void compare_reports(mpp::test::KupangDatabase& k, Date from, Date to)
{
    std::map<std::string, Expected> want;
    k.store->each({}, [&](mpp::Application&& a)
                  { want[a.service].count(a, k.store->stays(a.id), *k.calendar, from, to); });
    const mpp::PeriodReport r =
        mpp::build_report(k.db->sql(), k.office, *k.calendar, from, to, false);
    std::map<std::string, mpp::Figures> got;
    for (const auto& agency : r.agencies)
    {
        for (const auto& s : agency.services)
        {
            got[s.code] = s.figures;
        }
    }
    for (const auto& [code, e] : want)
    {
        CAPTURE(code);
        CAPTURE(mpp::format_date(from));
        CAPTURE(mpp::format_date(to));
        same_figures(got[code], e.f);
    }
}

} // namespace

TEST_CASE("overdue spans agree with judging every day on its own")
{
    mpp::test::KupangDatabase k;
    const mpp::WorkCalendar& cal = *k.calendar;
    std::mt19937 rng(20221024);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const Date first = *mpp::make_date(2022, 1, 1);
    for (int n = 0; n < 3000; ++n)
    {
        mpp::Application a;
        a.submitted_on = Date{first.days + pick(0, 700)};
        a.start_on = cal.start_day(a.submitted_on);
        a.sla_days = pick(0, 4) == 0 ? 0 : pick(1, 15);
        a.imported_paused = pick(0, 5) == 0 ? pick(1, 3) : 0;
        std::vector<mpp::Pause> stays;
        Date t = a.submitted_on;
        for (int s = pick(0, 3); s > 0; --s)
        {
            const Date entered{t.days + pick(0, 12)};
            const Date left{entered.days + pick(0, 12)};
            stays.push_back({entered, left});
            t = left;
        }
        const int ending = pick(0, 2);
        if (ending > 0) // decided (or cancelled) some days after the last change
        {
            a.decided_on = Date{t.days + pick(0, 20)};
        }
        else if (!stays.empty() && pick(0, 1) == 0)
        {
            stays.back().left.reset(); // still returned
        }
        if (a.decided_on && !stays.empty() && stays.back().left > a.decided_on)
        {
            stays.back().left = a.decided_on;
        }
        const auto spans = mpp::overdue_spans(a, stays, cal);
        for (int d = a.submitted_on.days - 3; d < a.submitted_on.days + 140; ++d)
        {
            CAPTURE(n);
            CAPTURE(mpp::format_date(Date{d}));
            REQUIRE(in_spans(spans, cal, Date{d}) == overdue_on(a, stays, cal, Date{d}));
        }
    }
}

TEST_CASE("a stay begun on the due date: past due on the weekend in between, not after")
{
    mpp::test::KupangDatabase k;
    const mpp::WorkCalendar& cal = *k.calendar;
    mpp::Application a;
    a.submitted_on = *mpp::make_date(2022, 10, 19); // Wednesday
    a.start_on = a.submitted_on;
    a.sla_days = 2; // due Friday 21 October
    const std::vector<mpp::Pause> stays = {{*mpp::make_date(2022, 10, 21), std::nullopt}};
    const auto spans = mpp::overdue_spans(a, stays, cal);
    REQUIRE(spans.size() == 1);
    CHECK(spans[0] == mpp::OverdueSpan{*mpp::make_date(2022, 10, 21), std::nullopt, true});
    CHECK(in_spans(spans, cal, *mpp::make_date(2022, 10, 22)));  // Saturday
    CHECK(!in_spans(spans, cal, *mpp::make_date(2022, 10, 24))); // Monday: the pause counts
}

TEST_CASE("reports from the tallies equal reports counted application by application")
{
    mpp::test::KupangDatabase k;
    fill_randomly(k, 1500, 7);
    CHECK(mpp::check_tallies(k.db->sql()).empty());
    for (int month = 1; month <= 12; ++month)
    {
        const auto [from, to] = mpp::month_period(fmt::format("2022-{:02}", month), {});
        compare_reports(k, from, to);
    }
    // Any period: a quarter, a year, a single Saturday, a day in a cuti bersama week.
    compare_reports(k, *mpp::make_date(2022, 4, 1), *mpp::make_date(2022, 6, 30));
    compare_reports(k, *mpp::make_date(2022, 1, 1), *mpp::make_date(2023, 3, 31));
    compare_reports(k, *mpp::make_date(2022, 10, 22), *mpp::make_date(2022, 10, 22));
    compare_reports(k, *mpp::make_date(2022, 5, 4), *mpp::make_date(2022, 5, 4));

    SUBCASE("after the calendar and the office's offset change")
    {
        k.db->sql().exec("INSERT INTO calendar (date, kind, name) VALUES ('2022-08-01', "
                         "'regional', 'HUT Kota'), ('2022-08-02', 'closure', 'Pindah')");
        k.db->sql().exec("UPDATE setting SET value = '+07:00' WHERE key = 'office.utc_offset'");
        mpp::refresh_application_dates(k.db->sql());
        k.reload();
        CHECK(mpp::check_tallies(k.db->sql()).empty());
        for (int month = 7; month <= 9; ++month)
        {
            const auto [from, to] = mpp::month_period(fmt::format("2022-{:02}", month), {});
            compare_reports(k, from, to);
        }
    }
    SUBCASE("a tally changed behind mpp's back is found")
    {
        k.db->sql().exec("UPDATE report_day SET received = received + 1 WHERE (service_id, day) "
                         "= (SELECT service_id, day FROM report_day ORDER BY service_id, day "
                         "LIMIT 1)");
        const auto findings = mpp::check_tallies(k.db->sql());
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].find("does not match its applications") != std::string::npos);
    }
}
