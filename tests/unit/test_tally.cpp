// Report tallies: the overdue spans against judging every day on its own, and whole reports
// from the tallies against figures computed application by application from reports.md,
// starting from the raw inputs (instants, moves, the calendar), not from stored columns.
#include "helpers.hpp"
#include "mpp/calendar.hpp"
#include "mpp/calendar_change.hpp"
#include "mpp/report.hpp"
#include "mpp/sla.hpp"
#include "mpp/tally.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <random>
#include <set>

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

// What the generator fed the store: the raw inputs, nothing the store derived.
struct RawApp
{
    std::string service;
    mpp::Instant submitted_at = 0;
    int imported_paused = 0;
    long long fee = 0;
    std::vector<std::pair<std::string, mpp::Instant>> moves; // status, at
};

// data.md's working-day rules, literally and day by day, from the raw calendar and settings.
struct NaiveCalendar
{
    std::set<int> off; // non-working dates (days)
    std::vector<int> workweek;
    explicit NaiveCalendar(mpp::test::KupangDatabase& k) : workweek(k.office.workweek)
    {
        for (const mpp::Holiday& h : mpp::CalendarStore(k.db->sql()).list({}))
        {
            if (h.kind != "collective_leave" || k.office.collective_leave_is_holiday)
            {
                off.insert(h.date.days);
            }
        }
    }
    bool working(Date d) const
    {
        return std::count(workweek.begin(), workweek.end(), mpp::iso_weekday(d)) > 0 &&
               off.count(d.days) == 0;
    }
    int workdays(Date a, Date b) const // a < d <= b
    {
        int n = 0;
        for (int d = a.days + 1; d <= b.days; ++d)
        {
            n += working(Date{d}) ? 1 : 0;
        }
        return n;
    }
    Date start(Date d) const
    {
        while (!working(d))
        {
            ++d.days;
        }
        return d;
    }
    Date add(Date d, int n) const
    {
        while (n > 0)
        {
            ++d.days;
            n -= working(d) ? 1 : 0;
        }
        return d;
    }
};

// One application as data.md defines it, from its raw inputs.
struct Derived
{
    std::string status = "submitted";
    Date submitted_on;
    Date start_on;
    std::optional<Date> decided_on;
    int sla_days = 0;
    int imported_paused = 0;
    std::vector<std::pair<Date, std::optional<Date>>> stays; // entered, left
    long long fee = 0;

    Derived(const RawApp& r, const NaiveCalendar& cal, mpp::UtcOffset offset, int sla)
        : submitted_on(mpp::local_date(r.submitted_at, offset)), start_on(cal.start(submitted_on)),
          sla_days(sla), imported_paused(r.imported_paused), fee(r.fee)
    {
        for (const auto& [to, at] : r.moves)
        {
            const Date day = mpp::local_date(at, offset);
            if (status == "returned")
            {
                stays.back().second = day;
            }
            if (to == "returned")
            {
                stays.push_back({day, std::nullopt});
            }
            if (mpp::is_final_status(to))
            {
                decided_on = day;
            }
            status = to;
        }
    }
    // Working days paused up to D (an open stay counts up to D).
    int paused(const NaiveCalendar& cal, Date d) const
    {
        int n = imported_paused;
        for (const auto& [entered, left] : stays)
        {
            n += cal.workdays(std::max(entered, start_on), std::min(left.value_or(d), d));
        }
        return n;
    }
    Date due(const NaiveCalendar& cal, Date d) const
    {
        return cal.add(start_on, sla_days + paused(cal, d));
    }
    bool final_by(Date d) const { return decided_on && *decided_on <= d; }
};

// The figures of one service over F..L, application by application (reports.md).
struct Expected
{
    mpp::Figures f;
    void count(const Derived& a, const NaiveCalendar& cal, Date from, Date to)
    {
        const bool open_at_end = a.submitted_on <= to && !a.final_by(to);
        f.carried_in += a.submitted_on < from && !a.final_by(Date{from.days - 1}) ? 1 : 0;
        f.received += a.submitted_on >= from && a.submitted_on <= to ? 1 : 0;
        f.carried_out += open_at_end ? 1 : 0;
        f.overdue_open += open_at_end && to > a.due(cal, to) ? 1 : 0;
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
        const Date d = *a.decided_on;
        ++(d <= a.due(cal, d) ? f.on_time : f.late);
        ++f.elapsed_histogram[std::max(0, cal.workdays(a.start_on, d) - a.paused(cal, d))];
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
    // The identity, on figures counted independently of each other.
    CHECK(got.carried_in + got.received - got.completed - got.rejected - got.cancelled ==
          got.carried_out);
}

// Random applications with random histories, written through the store; returns the inputs.
std::vector<RawApp> fill_randomly(mpp::test::KupangDatabase& k, int count, unsigned seed)
{
    std::mt19937 rng(seed);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const char* services[] = {"DUKCAPIL-KTP", "PDAM-BARU"};
    const mpp::Instant base = 1640995200; // 2022-01-01T00:00:00Z
    std::vector<RawApp> raw;
    mpp::WriteTransaction tx(*k.db);
    for (int i = 0; i < count; ++i)
    {
        RawApp r;
        r.service = services[pick(0, 1)];
        // Any minute of 2022, so local dates near midnight and weekends come up.
        mpp::Instant t = base + pick(0, 364 * 24 * 60) * 60LL;
        r.submitted_at = t;
        r.imported_paused = pick(0, 4) == 0 ? pick(1, 3) : 0;
        r.fee = pick(0, 2) * 50000;
        mpp::NewApplication a;
        a.service = r.service;
        a.applicant_name = "Pemohon";
        a.nik = "5371014107900001";
        a.submitted_at = r.submitted_at;
        a.imported_paused = r.imported_paused;
        a.fee = r.fee;
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
            r.moves.push_back({status, t});
        }
        raw.push_back(std::move(r));
    }
    tx.commit();
    return raw;
}

void compare_reports(mpp::test::KupangDatabase& k, const std::vector<RawApp>& raw, Date from,
                     Date to)
{
    const NaiveCalendar cal(k);
    const std::map<std::string, int> sla = {{"DUKCAPIL-KTP", 1}, {"PDAM-BARU", 14}};
    std::map<std::string, Expected> want;
    for (const RawApp& r : raw)
    {
        want[r.service].count(Derived(r, cal, k.office.offset, sla.at(r.service)), cal, from, to);
    }
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
    const std::vector<RawApp> raw = fill_randomly(k, 1500, 7);
    CHECK(mpp::check_tallies(k.db->sql()).empty());
    for (int month = 1; month <= 12; ++month)
    {
        const auto [from, to] = mpp::month_period(fmt::format("2022-{:02}", month), {});
        compare_reports(k, raw, from, to);
    }
    // Any period: a quarter, a year, a single Saturday, a day in a cuti bersama week.
    compare_reports(k, raw, *mpp::make_date(2022, 4, 1), *mpp::make_date(2022, 6, 30));
    compare_reports(k, raw, *mpp::make_date(2022, 1, 1), *mpp::make_date(2023, 3, 31));
    compare_reports(k, raw, *mpp::make_date(2022, 10, 22), *mpp::make_date(2022, 10, 22));
    compare_reports(k, raw, *mpp::make_date(2022, 5, 4), *mpp::make_date(2022, 5, 4));

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
            compare_reports(k, raw, from, to);
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

namespace
{
mpp::Instant wita(const char* text)
{
    return mpp::parse_when(text, k_wita).instant;
}

std::string make(mpp::test::KupangDatabase& k, const char* ref, const char* service,
                 const char* submitted, long long fee, int imported_paused = 0)
{
    mpp::NewApplication a;
    a.reference = ref;
    a.service = service;
    a.applicant_name = "Pemohon";
    a.nik = "5371014107900001";
    a.submitted_at = wita(submitted);
    a.fee = fee;
    a.imported_paused = imported_paused;
    k.store->create(a, k_actor);
    return ref;
}

mpp::Figures month_total(mpp::test::KupangDatabase& k, const char* month)
{
    const auto [from, to] = mpp::month_period(month, {});
    return mpp::build_report(k.db->sql(), k.office, *k.calendar, from, to, false).totals;
}
} // namespace

TEST_CASE("a fee changed after completion moves the month's fees by the difference")
{
    mpp::test::KupangDatabase k;
    make(k, "F1", "PDAM-BARU", "2022-10-03 09:00", 1500000);
    k.store->set_status("F1", "completed", wita("2022-10-05 10:00"), std::nullopt, k_actor);
    CHECK(month_total(k, "2022-10").fees == 1500000);
    mpp::Application a = k.store->get("F1");
    a.fee = 1000000; // lowered
    k.store->update_details(a, std::nullopt, 0);
    CHECK(month_total(k, "2022-10").fees == 1000000);
    a.fee = 2000000; // raised
    k.store->update_details(a, std::nullopt, 0);
    CHECK(month_total(k, "2022-10").fees == 2000000);
    CHECK(mpp::check_tallies(k.db->sql()).empty());
}

TEST_CASE("after an offset change the decision date is the decision's new local date")
{
    mpp::test::KupangDatabase k;
    make(k, "D1", "DUKCAPIL-KTP", "2022-10-24 09:00", 0);
    // 00:30 WITA on Tuesday 25 October is 23:30 WIB on Monday 24 October.
    k.store->set_status("D1", "completed", mpp::parse_when("2022-10-24T16:30:00Z", k_wita).instant,
                        std::nullopt, k_actor);
    CHECK(k.store->get("D1").decided_on == mpp::make_date(2022, 10, 25));
    k.db->sql().exec("UPDATE setting SET value = '+07:00' WHERE key = 'office.utc_offset'");
    mpp::refresh_application_dates(k.db->sql());
    k.reload();
    const mpp::Application a = k.store->get("D1");
    CHECK(a.decided_on == mpp::make_date(2022, 10, 24));
    const Date monday = *mpp::make_date(2022, 10, 24);
    const auto day = mpp::build_report(k.db->sql(), k.office, *k.calendar, monday, monday, false);
    CHECK(day.totals.completed == 1);
    CHECK(day.totals.on_time == 1);
    CHECK(day.totals.elapsed_histogram == std::map<int, long long>{{0, 1}});
    CHECK(mpp::check_tallies(k.db->sql()).empty());
}

TEST_CASE("elapsed working days are never below 0, whatever was paused before the import")
{
    mpp::test::KupangDatabase k;
    // Imported with three paused days, decided the same day: 0 working days, not -3.
    make(k, "E1", "DUKCAPIL-KTP", "2022-10-24 09:00", 0, 3);
    k.store->set_status("E1", "completed", wita("2022-10-24 15:00"), std::nullopt, k_actor);
    const mpp::Application a = k.store->get("E1");
    CHECK(mpp::sla_as_of(a, *k.calendar, *mpp::make_date(2022, 10, 31)).elapsed == 0);
    CHECK(month_total(k, "2022-10").elapsed_histogram == std::map<int, long long>{{0, 1}});
    CHECK(k.calendar->elapsed(a.start_on, a.start_on, 3) == 0);
}

TEST_CASE("a stay begun before the start day counts from the start day")
{
    mpp::test::KupangDatabase k;
    // Saturday 22 October: the clock starts on Monday 24; returned the same Saturday and back
    // on Wednesday 26 October: 2 working days paused (25, 26), not 3 or more.
    make(k, "P1", "PDAM-BARU", "2022-10-22 09:00", 0);
    k.store->set_status("P1", "returned", wita("2022-10-22 10:00"), std::nullopt, k_actor);
    const mpp::Application open = k.store->get("P1");
    const mpp::SlaView v = mpp::sla_as_of(open, *k.calendar, *mpp::make_date(2022, 10, 26));
    CHECK(v.due_on == k.calendar->add_workdays(open.start_on, 14 + 2));
    k.store->set_status("P1", "processing", wita("2022-10-26 09:00"), std::nullopt, k_actor);
    CHECK(k.store->get("P1").paused_days == 2);
    mpp::refresh_application_dates(k.db->sql());
    CHECK(k.store->get("P1").paused_days == 2);
    CHECK(mpp::check_tallies(k.db->sql()).empty());
    // Overdue from the day after the due date with those 2 days.
    const Date due = k.calendar->add_workdays(open.start_on, 16);
    const Date after{due.days + 1};
    auto overdue_on = [&](Date d) {
        return mpp::build_report(k.db->sql(), k.office, *k.calendar, d, d, false)
            .totals.overdue_open;
    };
    CHECK(overdue_on(due) == 0);
    CHECK(overdue_on(after) == 1);
}

TEST_CASE("an open stay begun before the start day: not overdue on the weekend before it")
{
    mpp::test::KupangDatabase k;
    k.db->sql().exec("INSERT INTO service (code, agency_id, name, category, sla_days, fee, "
                     "created_at, updated_at) VALUES ('NOL', 1, 'Langsung', 'non_permit', 0, 0, "
                     "'x', 'x')");
    // Saturday 22 October, returned at once: due on the start day, Monday 24, plus the pause.
    make(k, "Z1", "NOL", "2022-10-22 09:00", 0);
    k.store->set_status("Z1", "returned", wita("2022-10-22 10:00"), std::nullopt, k_actor);
    for (const int day : {22, 23, 24, 25})
    {
        const Date d = *mpp::make_date(2022, 10, day);
        CAPTURE(day);
        CHECK(mpp::build_report(k.db->sql(), k.office, *k.calendar, d, d, false)
                  .totals.overdue_open == 0);
    }
}
