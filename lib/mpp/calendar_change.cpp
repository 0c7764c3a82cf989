#include "mpp/calendar_change.hpp"

#include "mpp/calendar.hpp"
#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/tally.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// What the tallies and the stored dates are computed from, then the stored dates.
constexpr const char* k_columns =
    "id, service_id, channel, status, submitted_at, decided_at, sla_days, imported_paused, fee, "
    "voided_at, status_at, submitted_on, start_on, decided_on, paused_days, paused_since, due_on";

std::optional<Date> optional_date(SQLite::Statement& st, int index)
{
    return st.getColumn(index).isNull()
               ? std::nullopt
               : std::optional<Date>(stored_date(st.getColumn(index).getText()));
}

// An application as stored, with the dates derived under the calendar that wrote them.
Application read_row(SQLite::Statement& st)
{
    Application a;
    a.id = st.getColumn(0).getInt64();
    a.service_id = st.getColumn(1).getInt64();
    a.channel = st.getColumn(2).getString();
    a.status = st.getColumn(3).getString();
    a.submitted_at = stored_instant(st.getColumn(4).getText());
    if (!st.getColumn(5).isNull())
    {
        a.decided_at = stored_instant(st.getColumn(5).getText());
    }
    a.sla_days = st.getColumn(6).getInt();
    a.imported_paused = st.getColumn(7).getInt();
    a.fee = st.getColumn(8).getInt64();
    if (!st.getColumn(9).isNull())
    {
        a.voided_at = stored_instant(st.getColumn(9).getText());
    }
    a.status_at = stored_instant(st.getColumn(10).getText());
    a.submitted_on = stored_date(st.getColumn(11).getText());
    a.start_on = stored_date(st.getColumn(12).getText());
    a.decided_on = optional_date(st, 13);
    a.paused_days = st.getColumn(14).getInt();
    a.paused_since = optional_date(st, 15);
    a.due_on = stored_date(st.getColumn(16).getText());
    return a;
}

bool same_dates(const Application& a, const Application& b)
{
    return a.submitted_on == b.submitted_on && a.start_on == b.start_on &&
           a.decided_on == b.decided_on && a.paused_days == b.paused_days &&
           a.paused_since == b.paused_since && a.due_on == b.due_on;
}

std::optional<std::string> date_text(const std::optional<Date>& d)
{
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

// Writes the derived dates of applications whose dates moved.
class DateWriter
{
  public:
    explicit DateWriter(SQLite::Database& db)
        : m_update(db, "UPDATE application SET submitted_on = ?2, start_on = ?3, decided_on = ?4, "
                       "paused_days = ?5, paused_since = ?6, due_on = ?7 WHERE id = ?1")
    {
    }
    void write(const Application& a)
    {
        m_update.reset();
        m_update.bind(1, static_cast<std::int64_t>(a.id));
        m_update.bind(2, format_date(a.submitted_on));
        m_update.bind(3, format_date(a.start_on));
        bind_text(m_update, 4, date_text(a.decided_on));
        m_update.bind(5, a.paused_days);
        bind_text(m_update, 6, date_text(a.paused_since));
        m_update.bind(7, format_date(a.due_on));
        m_update.exec();
    }

  private:
    SQLite::Statement m_update;
};

// The stays in `returned` of one application.
std::vector<Pause> stays_of(SQLite::Statement& events, long long id, UtcOffset offset)
{
    std::vector<Pause> stays;
    events.reset();
    events.bind(1, static_cast<std::int64_t>(id));
    while (events.executeStep())
    {
        follow_stays(stays, local_date(stored_instant(events.getColumn(0).getText()), offset),
                     !events.getColumn(1).isNull() && events.getColumn(1).getString() == "returned",
                     events.getColumn(2).getString() == "returned");
    }
    return stays;
}

// The days whose working status differs between two calendars, within the range the engine
// tabulates (workdays.cpp); applications lie inside it.
class ChangedDays
{
  public:
    ChangedDays(const WorkCalendar& before, const WorkCalendar& after)
    {
        const Date first = *make_date(2000, 1, 1);
        const Date last = *make_date(2100, 12, 31);
        m_base = first;
        int count = 0;
        for (Date d = first; d <= last; d.days++)
        {
            if (before.is_working_day(d) != after.is_working_day(d))
            {
                m_first = m_first ? m_first : std::optional<Date>(d);
                m_last = d;
                ++count;
            }
            m_count.push_back(count);
        }
    }
    bool empty() const { return !m_first; }
    Date first() const { return *m_first; }
    Date last() const { return *m_last; }
    // Whether a changed day lies in [from, to].
    bool touches(Date from, Date to) const
    {
        if (empty() || to < *m_first || *m_last < from)
        {
            return false;
        }
        from = std::max(from, *m_first);
        to = std::min(to, *m_last);
        return from <= to && at(to) - at(Date{from.days - 1}) > 0;
    }

  private:
    int at(Date d) const
    {
        return d < m_base ? 0 : m_count[static_cast<std::size_t>(d.days - m_base.days)];
    }
    Date m_base;
    std::optional<Date> m_first;
    std::optional<Date> m_last;
    std::vector<int> m_count; // changed days in [m_base, m_base + i]
};

// The applications whose window holds a changed day, found by the window index (schema 9): its
// key is at most a day early for a status change's local date, so the range reads a superset.
std::vector<Application> in_window(SQLite::Database& db, const ChangedDays& changed,
                                   UtcOffset offset)
{
    SQLite::Statement sel(db, fmt::format("SELECT {} FROM application WHERE max(due_on, "
                                          "coalesce(decided_on, ''), status_at) >= ?1 AND "
                                          "submitted_on <= ?2",
                                          k_columns));
    sel.bind(1, format_date(Date{changed.first().days - 1}));
    sel.bind(2, format_date(changed.last()));
    std::vector<Application> out;
    while (sel.executeStep())
    {
        Application a = read_row(sel);
        const auto [from, to] = sla_window(a, offset);
        if (changed.touches(from, to))
        {
            out.push_back(std::move(a));
        }
    }
    return out;
}

// A larger page cache for the rest of a transaction that touches `rows` scattered rows (each
// can dirty a table page and two index pages), restored afterwards.
class CacheRoom
{
  public:
    CacheRoom(SQLite::Database& db, std::size_t rows) : m_db(db)
    {
        m_was = db.execAndGet("PRAGMA cache_size").getInt64();
        // Pages of 4 KiB, at most 1 GiB; a negative size is in KiB.
        const auto kib = static_cast<long long>(std::min<std::size_t>(rows * 12, 1u << 20));
        if (-kib < m_was && m_was < 0)
        {
            db.exec(fmt::format("PRAGMA cache_size = {}", -kib));
        }
    }
    ~CacheRoom()
    {
        try
        {
            m_db.exec(fmt::format("PRAGMA cache_size = {}", m_was));
        }
        catch (...) // NOLINT(bugprone-empty-catch): a cache size is not worth an exception here
        {
        }
    }
    CacheRoom(const CacheRoom&) = delete;
    CacheRoom& operator=(const CacheRoom&) = delete;

  private:
    SQLite::Database& m_db;
    long long m_was = 0;
};

} // namespace

std::pair<Date, Date> sla_window(const Application& a, UtcOffset offset)
{
    // A decision closes every stay; an open application's stays end at its last status change.
    const Date last = a.decided_on ? *a.decided_on : local_date(a.status_at, offset);
    return {a.submitted_on, std::max(a.due_on, last)};
}

void refresh_after_change(SQLite::Database& db, const CalendarState& before)
{
    const CalendarState after = calendar_state(db);
    const ChangedDays changed(before.calendar, after.calendar);
    if (!(before.offset == after.offset) ||
        (!changed.empty() && changed.last().days - changed.first().days > 366))
    {
        // Local dates move, or days over several years: one pass over everything is cheaper.
        refresh_application_dates(db);
        return;
    }
    if (changed.empty())
    {
        return; // no day started or stopped counting: nothing moves
    }
    // Read first (the updates below move rows in the index being read), then write in table
    // order with room for every page touched, so that no page goes to the WAL twice.
    std::vector<Application> affected = in_window(db, changed, after.offset);
    std::sort(affected.begin(), affected.end(),
              [](const Application& x, const Application& y) { return x.id < y.id; });
    const CacheRoom room(db, affected.size());
    SQLite::Statement events(db, "SELECT at, from_status, to_status FROM application_event WHERE "
                                 "application_id = ?1 AND kind = 'status' ORDER BY seq");
    DateWriter writer(db);
    Tally tally;
    for (const Application& old : affected)
    {
        const std::vector<Pause> stays = stays_of(events, old.id, after.offset);
        Application now = old;
        derive_dates(now, stays, after.calendar, after.offset);
        if (!same_dates(old, now))
        {
            writer.write(now);
        }
        if (!old.voided_at)
        {
            tally.add(old, stays, before.calendar, -1); // what it counted under the old calendar
            tally.add(now, stays, after.calendar, 1);
        }
    }
    tally.flush(db);
}

void refresh_application_dates(SQLite::Database& db)
{
    const OfficeSettings office = load_office_settings(db);
    const WorkCalendar cal = load_work_calendar(db, office);
    const std::map<long long, std::vector<Pause>> stays = returned_stays(db, office.offset);
    const std::vector<Pause> none;
    SQLite::Statement sel(db, fmt::format("SELECT {} FROM application", k_columns));
    const CacheRoom room(
        db, static_cast<std::size_t>(db.execAndGet("SELECT max(id) FROM application").getInt64()));
    DateWriter writer(db);
    Tally tally;
    while (sel.executeStep())
    {
        Application a = read_row(sel);
        const Application old = a;
        const auto it = stays.find(a.id);
        const std::vector<Pause>& own = it == stays.end() ? none : it->second;
        derive_dates(a, own, cal, office.offset);
        // Only rows whose dates move are written; the tallies are counted in the same pass.
        if (!same_dates(old, a))
        {
            writer.write(a);
        }
        if (!a.voided_at)
        {
            tally.add(a, own, cal, 1);
        }
    }
    db.exec("DELETE FROM report_day");
    db.exec("DELETE FROM report_elapsed");
    tally.flush(db);
}

std::vector<std::string> check_dates_and_tallies(SQLite::Database& db)
{
    const OfficeSettings office = load_office_settings(db);
    const WorkCalendar cal = load_work_calendar(db, office);
    const std::map<long long, std::vector<Pause>> stays = returned_stays(db, office.offset);
    const std::vector<Pause> none;
    SQLite::Statement sel(db, fmt::format("SELECT {}, reference FROM application", k_columns));
    std::vector<std::string> out;
    while (sel.executeStep() && out.size() < 20)
    {
        const Application stored = read_row(sel);
        Application a = stored;
        const auto it = stays.find(a.id);
        derive_dates(a, it == stays.end() ? none : it->second, cal, office.offset);
        if (!same_dates(stored, a))
        {
            out.push_back(fmt::format("application dates: {} stores start {} due {} paused {}, "
                                      "the calendar gives start {} due {} paused {}",
                                      sel.getColumn(17).getString(), format_date(stored.start_on),
                                      format_date(stored.due_on), stored.paused_days,
                                      format_date(a.start_on), format_date(a.due_on),
                                      a.paused_days));
        }
    }
    for (std::string& f : check_tallies(db))
    {
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace mpp
