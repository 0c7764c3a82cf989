// The working-day engine against hand-checked cases of the official 2022-2026 calendar, and the
// calendar store.
#include "helpers.hpp"
#include "mpp/calendar.hpp"
#include "mpp/schema.hpp"
#include "mpp/settings.hpp"
#include "mpp/tally.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <random>

using mpp::Date;
using mpp::WorkCalendar;

namespace
{

Date d(int y, int m, int day)
{
    return *mpp::make_date(y, m, day);
}

std::vector<mpp::Holiday> builtin()
{
    auto reader = mpp::csv_reader_for_text(mpp::builtin_holidays_csv(), "builtin", {});
    std::vector<mpp::Holiday> out;
    mpp::CsvRecord rec;
    reader->next(rec); // header
    while (reader->next(rec))
    {
        out.push_back({mpp::parse_date(rec.fields[0], {}), rec.fields[1], rec.fields[2]});
    }
    return out;
}

const std::vector<int> k_mon_fri = {1, 2, 3, 4, 5};

const WorkCalendar& official()
{
    static const WorkCalendar k_cal(k_mon_fri, true, builtin());
    return k_cal;
}

} // namespace

TEST_CASE("the shipped calendar holds 2022-2026")
{
    const auto all = builtin();
    CHECK(all.size() == 129);
    CHECK(official().covers(d(2022, 1, 1)));
    CHECK(official().covers(d(2026, 12, 31)));
    CHECK_FALSE(official().covers(d(2027, 1, 1)));
    CHECK_FALSE(official().covers(d(2021, 6, 1)));
}

TEST_CASE("Idul Fitri 2022: holidays and cuti bersama stop the clock")
{
    const auto& c = official();
    CHECK(c.workdays(d(2022, 4, 28), d(2022, 5, 9)) == 1); // the example of the issue
    CHECK_FALSE(c.is_working_day(d(2022, 4, 29)));         // cuti bersama
    CHECK_FALSE(c.is_working_day(d(2022, 5, 2)));          // Idul Fitri
    CHECK(c.is_working_day(d(2022, 4, 28)));
    CHECK(c.start_day(d(2022, 4, 29)) == d(2022, 5, 9));
    CHECK(c.add_workdays(d(2022, 4, 28), 1) == d(2022, 5, 9));
    CHECK(c.add_workdays(d(2022, 4, 28), 2) == d(2022, 5, 10));
    CHECK(c.due_on(d(2022, 4, 27), 3, 0) == d(2022, 5, 10));
}

TEST_CASE("Idul Fitri 2024")
{
    const auto& c = official();
    CHECK(c.workdays(d(2024, 4, 5), d(2024, 4, 16)) == 1);
    CHECK(c.start_day(d(2024, 4, 8)) == d(2024, 4, 16));
    CHECK(c.add_workdays(d(2024, 4, 5), 1) == d(2024, 4, 16));
    CHECK(c.workdays(d(2024, 4, 1), d(2024, 4, 30)) == 15);
}

TEST_CASE("collective_leave_is_holiday = false: cuti bersama days are working days")
{
    const WorkCalendar c(k_mon_fri, false, builtin());
    CHECK(c.workdays(d(2022, 4, 28), d(2022, 5, 9)) == 5);
    CHECK(c.is_working_day(d(2022, 4, 29)));
    CHECK_FALSE(c.is_working_day(d(2022, 5, 2)));
    CHECK(c.start_day(d(2024, 4, 8)) == d(2024, 4, 8));
}

TEST_CASE("year ends")
{
    const auto& c = official();
    CHECK(c.workdays(d(2023, 12, 22), d(2024, 1, 2)) == 4);
    CHECK(c.add_workdays(d(2023, 12, 22), 5) == d(2024, 1, 3));
    CHECK(c.start_day(d(2023, 12, 31)) == d(2024, 1, 2));
}

TEST_CASE("Saturday starts and sla_days = 0")
{
    const auto& c = official();
    const Date start = c.start_day(d(2022, 10, 29)); // Saturday outreach
    CHECK(start == d(2022, 10, 31));
    CHECK(c.due_on(start, 0, 0) == d(2022, 10, 31));
    CHECK(c.due_on(start, 3, 0) == d(2022, 11, 3));
    CHECK(c.due_on(d(2022, 10, 24), 0, 0) == d(2022, 10, 24));
    CHECK(c.elapsed(d(2022, 10, 24), d(2022, 10, 24), 0) == 0);
    CHECK(c.elapsed(d(2022, 10, 24), d(2022, 10, 28), 0) == 4);
}

TEST_CASE("pauses while returned move the due date")
{
    const auto& c = official();
    const Date start = d(2022, 10, 24);
    CHECK(c.due_on(start, 5, 0) == d(2022, 10, 31));
    const int paused = c.paused(start, {{d(2022, 10, 25), d(2022, 10, 27)}}, d(2022, 11, 30));
    CHECK(paused == 2);
    CHECK(c.due_on(start, 5, paused) == d(2022, 11, 2));
    // A stay still open counts up to the moment it is judged.
    CHECK(c.paused(start, {{d(2022, 10, 26), std::nullopt}}, d(2022, 10, 28)) == 2);
    // A stay that began before the start day counts from the start day.
    CHECK(c.paused(d(2022, 10, 31), {{d(2022, 10, 29), d(2022, 11, 1)}}, d(2022, 12, 1)) == 1);
    // Several stays add up; elapsed never goes below 0.
    CHECK(c.paused(start, {{d(2022, 10, 24), d(2022, 10, 25)}, {d(2022, 10, 26), d(2022, 10, 27)}},
                   d(2022, 12, 1)) == 2);
    CHECK(c.elapsed(start, d(2022, 10, 25), 5) == 0);
}

TEST_CASE("beyond the loaded years only weekends count")
{
    const auto& c = official();
    CHECK(c.workdays(d(2027, 1, 1), d(2027, 1, 31)) == 20);
    CHECK(c.is_working_day(d(2027, 1, 1))); // no holidays loaded for 2027
}

TEST_CASE("a six-day work week")
{
    const WorkCalendar c({1, 2, 3, 4, 5, 6}, true, builtin());
    CHECK(c.is_working_day(d(2022, 10, 29)));
    CHECK(c.workdays(d(2022, 10, 24), d(2022, 10, 31)) == 6);
}

TEST_CASE("the fast tables agree with counting day by day, also outside them")
{
    const auto& c = official();
    std::vector<Date> holidays;
    for (const auto& h : builtin())
    {
        holidays.push_back(h.date);
    }
    std::mt19937 rng(42);
    for (const auto& [lo, hi] :
         {std::pair{d(2021, 12, 1), d(2027, 2, 1)}, std::pair{d(2099, 12, 1), d(2101, 2, 1)},
          std::pair{d(1999, 12, 1), d(2000, 2, 1)}})
    {
        std::uniform_int_distribution<int> pick(lo.days, hi.days);
        for (int i = 0; i < 300; ++i)
        {
            Date a{pick(rng)};
            Date b{pick(rng)};
            int slow = 0;
            for (Date x{a.days + 1}; x <= b; x.days++)
            {
                const int wd = mpp::iso_weekday(x);
                const bool holiday =
                    std::find(holidays.begin(), holidays.end(), x) != holidays.end();
                slow += wd <= 5 && !holiday ? 1 : 0;
            }
            REQUIRE(c.workdays(a, b) == slow);
            const int n = i % 15;
            const Date due = c.add_workdays(c.start_day(a), n);
            CHECK(c.workdays(c.start_day(a), due) == n);
            CHECK(c.is_working_day(due));
        }
    }
}

TEST_CASE("the store adds, replaces and removes dates with audit rows")
{
    mpp::test::TempDir dir;
    const mpp::Actor actor{"tester", "root", 1666573200};
    mpp::init_database(dir.file("mpp.db"), {"MPP", "KPG", "+08:00", std::nullopt, false}, actor,
                       [&](mpp::Database& db) { mpp::load_builtin_holidays(db, actor); });
    mpp::Database db(dir.file("mpp.db"), 100);
    mpp::CalendarStore store(db.sql());
    CHECK(store.list({}).size() == 129);
    CHECK(store.list({2024, std::nullopt}).size() == 29);
    const mpp::Holiday hut{d(2024, 4, 25), "regional", "HUT Kota Kupang"};
    CHECK(store.add(hut, false, actor) == mpp::WriteOutcome::created);
    CHECK_THROWS_AS(store.add(hut, false, actor), mpp::Error);
    CHECK(store.add(hut, true, actor) == mpp::WriteOutcome::unchanged);
    store.remove(d(2024, 4, 25), actor);
    CHECK_THROWS_AS(store.remove(d(2024, 4, 25), actor), mpp::Error);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM audit WHERE entity = 'calendar'").getInt() ==
          3);
    const auto office = mpp::load_office_settings(db.sql());
    CHECK(mpp::load_work_calendar(db.sql(), office).workdays(d(2022, 4, 28), d(2022, 5, 9)) == 1);
}

TEST_CASE("a calendar or setting change moves stored due dates in the same store call")
{
    mpp::test::KupangDatabase k;
    mpp::NewApplication in;
    in.service = "PDAM-BARU"; // 14 working days
    in.applicant_name = "Ana";
    in.nik = "5371014107900001";
    in.submitted_at = mpp::parse_when("2022-11-01 09:00", mpp::test::k_wita).instant;
    const std::string ref = k.store->create(in, mpp::test::k_actor).reference;
    auto due = [&]
    {
        SQLite::Statement st(k.db->sql(), "SELECT due_on FROM application WHERE reference = ?");
        st.bind(1, ref);
        st.executeStep();
        return st.getColumn(0).getString();
    };
    // Counted by hand: Nov 2-4, 7-11, 14-18, 21.
    CHECK(due() == "2022-11-21");
    mpp::CalendarStore store(k.db->sql());
    store.add({d(2022, 11, 10), "closure", "Banjir"}, false, mpp::test::k_actor);
    CHECK(due() == "2022-11-22");
    CHECK(mpp::check_tallies(k.db->sql()).empty());
    store.remove(d(2022, 11, 10), mpp::test::k_actor);
    CHECK(due() == "2022-11-21");
    // Saturdays count: Nov 2-5, 7-12, 14-17.
    mpp::set_setting(k.db->sql(), mpp::test::k_actor, "calendar.workweek",
                     "mon,tue,wed,thu,fri,sat");
    CHECK(due() == "2022-11-17");
    CHECK(mpp::check_tallies(k.db->sql()).empty());
}
