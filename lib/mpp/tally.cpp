#include "mpp/tally.hpp"

#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// The overdue days of one stretch [from, until) in which the stays are constant: `paused` closed
// working days, and the open stay (if any) begun on `since`.
void stretch_spans(const Application& a, const WorkCalendar& cal, Date from,
                   std::optional<Date> until, int paused, std::optional<Date> since,
                   std::vector<OverdueSpan>& out)
{
    auto push = [&](Date begin, bool off_days_only)
    {
        if (!until || begin < *until)
        {
            out.push_back({begin, until, off_days_only});
        }
    };
    if (!since)
    {
        // A fixed due date: overdue from the day after it.
        push(std::max(from, Date{cal.due_on(a.start_on, a.sla_days, paused).days + 1}), false);
        return;
    }
    // In a pause every working day moves the due date by one working day, so whether D is past
    // due stays the same from the first day the pause counts: with k = sla + paused - working
    // days from the start to that day, due(D) is the working day k working days after D's last
    // working day. k < 0: overdue every day; k = 0: only on days that are not working days.
    const Date counted = std::max(*since, a.start_on);
    const int k = a.sla_days + paused - cal.workdays(a.start_on, counted);
    if (k < 0)
    {
        push(std::max(from, counted), false);
    }
    else if (k == 0)
    {
        push(std::max(from, counted), true);
    }
    // Before `counted` (a stay begun before the start day) the application is not yet due.
}

// "YYYY-MM-DD" from the days of a Date key.
std::string day_text(int days)
{
    return format_date(Date{days});
}

} // namespace

std::vector<OverdueSpan> overdue_spans(const Application& a, const std::vector<Pause>& stays,
                                       const WorkCalendar& cal)
{
    // The days on which the stays change state; between two of them the state is constant.
    std::vector<Date> changes;
    for (const Pause& p : stays)
    {
        changes.push_back(p.entered);
        if (p.left)
        {
            changes.push_back(*p.left);
        }
    }
    std::sort(changes.begin(), changes.end());
    changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
    std::vector<OverdueSpan> out;
    Date from = a.submitted_on;
    std::size_t next = 0;
    while (next < changes.size() && changes[next] <= from)
    {
        ++next;
    }
    for (;;)
    {
        if (a.decided_on && from >= *a.decided_on)
        {
            break;
        }
        std::optional<Date> until = a.decided_on;
        if (next < changes.size() && (!until || changes[next] < *until))
        {
            until = changes[next];
        }
        // The state after every change on or before `from`.
        int paused = a.imported_paused;
        std::optional<Date> since;
        for (const Pause& p : stays)
        {
            if (p.left && *p.left <= from)
            {
                paused += cal.workdays(std::max(p.entered, a.start_on), *p.left);
            }
            else if (p.entered <= from)
            {
                since = p.entered;
            }
        }
        stretch_spans(a, cal, from, until, paused, since, out);
        if (!until || (a.decided_on && *until == *a.decided_on))
        {
            break;
        }
        from = *until;
        ++next;
    }
    // Join spans that meet (a stay that did not change the due date).
    std::vector<OverdueSpan> joined;
    for (const OverdueSpan& s : out)
    {
        if (!joined.empty() && joined.back().until && *joined.back().until == s.from &&
            joined.back().off_days_only == s.off_days_only)
        {
            joined.back().until = s.until;
        }
        else
        {
            joined.push_back(s);
        }
    }
    return joined;
}

Tally& Tally::operator=(const Tally& other)
{
    m_days = other.m_days;
    m_elapsed = other.m_elapsed;
    m_index.clear();
    return *this;
}

Tally::Day& Tally::day(long long service_id, Date date)
{
    const std::pair<long long, int> key{service_id, date.days};
    const auto [it, added] = m_index.try_emplace(key, nullptr);
    if (added)
    {
        it->second = &m_days[key]; // map nodes stay where they are until flush() clears them
    }
    return *it->second;
}

void Tally::add(const Application& a, const std::vector<Pause>& stays, const WorkCalendar& cal,
                int sign)
{
    day(a.service_id, a.submitted_on).received += sign;
    add_channel(a.service_id, a.submitted_on, a.channel, sign);
    if (a.decided_on)
    {
        Day& d = day(a.service_id, *a.decided_on);
        if (a.status == "cancelled")
        {
            d.cancelled += sign;
        }
        else
        {
            (a.status == "completed" ? d.completed : d.rejected) += sign;
            d.on_time += *a.decided_on <= a.due_on ? sign : 0;
            d.fees += a.status == "completed" ? sign * a.fee : 0;
            const int elapsed = cal.elapsed(a.start_on, *a.decided_on, a.paused_days);
            m_elapsed[{a.decided_on->days, a.service_id, elapsed}] += sign;
        }
    }
    for (const OverdueSpan& s : overdue_spans(a, stays, cal))
    {
        long long Day::*column = s.off_days_only ? &Day::overdue_off_days : &Day::overdue;
        day(a.service_id, s.from).*column += sign;
        if (s.until)
        {
            day(a.service_id, *s.until).*column -= sign;
        }
    }
}

void Tally::add_channel(long long service_id, Date on, const std::string& channel, int sign)
{
    Day& d = day(service_id, on);
    (channel == "online"     ? d.received_online
     : channel == "outreach" ? d.received_outreach
                             : d.received_counter) += sign;
}

void Tally::add_fee(long long service_id, Date decided_on, long long delta)
{
    m_days[{service_id, decided_on.days}].fees += delta;
}

void Tally::flush(SQLite::Database& db)
{
    SQLite::Statement day(
        db, "INSERT INTO report_day (service_id, day, received, completed, rejected, cancelled, "
            "on_time, fees, overdue, overdue_off_days, received_counter, received_online, "
            "received_outreach) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            "ON CONFLICT (service_id, day) DO UPDATE SET received = received + ?3, "
            "completed = completed + ?4, rejected = rejected + ?5, cancelled = cancelled + ?6, "
            "on_time = on_time + ?7, fees = fees + ?8, overdue = overdue + ?9, "
            "overdue_off_days = overdue_off_days + ?10, received_counter = received_counter + "
            "?11, received_online = received_online + ?12, received_outreach = "
            "received_outreach + ?13");
    for (const auto& [key, d] : m_days)
    {
        if (d == Day{})
        {
            continue;
        }
        day.reset();
        day.bind(1, static_cast<std::int64_t>(key.first));
        day.bind(2, day_text(key.second));
        const long long values[] = {d.received,        d.completed,        d.rejected,
                                    d.cancelled,       d.on_time,          d.fees,
                                    d.overdue,         d.overdue_off_days, d.received_counter,
                                    d.received_online, d.received_outreach};
        for (int i = 0; i < 11; ++i)
        {
            day.bind(3 + i, static_cast<std::int64_t>(values[i]));
        }
        day.exec();
    }
    SQLite::Statement elapsed(db, "INSERT INTO report_elapsed (day, service_id, elapsed, "
                                  "decisions) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day, "
                                  "service_id, elapsed) DO UPDATE SET decisions = decisions + ?4");
    for (const auto& [key, n] : m_elapsed)
    {
        if (n == 0)
        {
            continue;
        }
        elapsed.reset();
        elapsed.bind(1, day_text(std::get<0>(key)));
        elapsed.bind(2, static_cast<std::int64_t>(std::get<1>(key)));
        elapsed.bind(3, std::get<2>(key));
        elapsed.bind(4, static_cast<std::int64_t>(n));
        elapsed.exec();
        if (n < 0)
        {
            // A row that fell back to nothing (a decision taken back) is not kept.
            SQLite::Statement gone(db, "DELETE FROM report_elapsed WHERE day = ?1 AND "
                                       "service_id = ?2 AND elapsed = ?3 AND decisions = 0");
            gone.bind(1, day_text(std::get<0>(key)));
            gone.bind(2, static_cast<std::int64_t>(std::get<1>(key)));
            gone.bind(3, std::get<2>(key));
            gone.exec();
        }
    }
    m_index.clear();
    m_days.clear();
    m_elapsed.clear();
}

std::vector<std::string> Tally::compare(SQLite::Database& db) const
{
    std::map<long long, std::string> codes;
    SQLite::Statement services(db, "SELECT id, code FROM service");
    while (services.executeStep())
    {
        codes[services.getColumn(0).getInt64()] = services.getColumn(1).getString();
    }
    std::vector<std::string> out;
    auto differ = [&out](const std::string& what)
    {
        if (out.size() < 20)
        {
            out.push_back("report tallies: " + what);
        }
    };
    std::map<std::pair<long long, int>, Day> stored;
    SQLite::Statement st(db, "SELECT service_id, day, received, completed, rejected, cancelled, "
                             "on_time, fees, overdue, overdue_off_days, received_counter, "
                             "received_online, received_outreach FROM report_day");
    while (st.executeStep())
    {
        Day d;
        long long Day::*const columns[] = {
            &Day::received,        &Day::completed,        &Day::rejected,
            &Day::cancelled,       &Day::on_time,          &Day::fees,
            &Day::overdue,         &Day::overdue_off_days, &Day::received_counter,
            &Day::received_online, &Day::received_outreach};
        for (int i = 0; i < 11; ++i)
        {
            d.*columns[i] = st.getColumn(2 + i).getInt64();
        }
        if (!(d == Day{}))
        {
            stored[{st.getColumn(0).getInt64(), stored_date(st.getColumn(1).getText()).days}] = d;
        }
    }
    std::map<std::pair<long long, int>, Day> expected;
    for (const auto& [key, d] : m_days)
    {
        if (!(d == Day{}))
        {
            expected[key] = d;
        }
    }
    for (const auto& [key, d] : expected)
    {
        const auto it = stored.find(key);
        if (it == stored.end() || !(it->second == d))
        {
            differ(fmt::format("service {} on {} does not match its applications", codes[key.first],
                               day_text(key.second)));
        }
    }
    for (const auto& [key, d] : stored)
    {
        if (expected.find(key) == expected.end())
        {
            differ(fmt::format("service {} on {} counts applications that do not exist",
                               codes[key.first], day_text(key.second)));
        }
    }
    std::map<std::tuple<int, long long, int>, long long> elapsed;
    SQLite::Statement el(db, "SELECT day, service_id, elapsed, decisions FROM report_elapsed");
    while (el.executeStep())
    {
        elapsed[{stored_date(el.getColumn(0).getText()).days, el.getColumn(1).getInt64(),
                 el.getColumn(2).getInt()}] = el.getColumn(3).getInt64();
    }
    std::map<std::tuple<int, long long, int>, long long> expected_elapsed;
    for (const auto& [key, n] : m_elapsed)
    {
        if (n != 0)
        {
            expected_elapsed[key] = n;
        }
    }
    if (elapsed != expected_elapsed)
    {
        differ("the elapsed working days of the decisions do not match the applications");
    }
    return out;
}

Tally compute_tallies(SQLite::Database& db, const WorkCalendar& cal)
{
    const UtcOffset offset = load_office_settings(db).offset;
    const std::map<long long, std::vector<Pause>> stays = returned_stays(db, offset);
    const std::vector<Pause> none;
    SQLite::Statement st(db, "SELECT id, service_id, submitted_on, start_on, status, decided_on, "
                             "sla_days, imported_paused, paused_days, due_on, fee, channel "
                             "FROM application WHERE voided_at IS NULL");
    Tally tally;
    Application a;
    while (st.executeStep())
    {
        a.id = st.getColumn(0).getInt64();
        a.service_id = st.getColumn(1).getInt64();
        a.submitted_on = stored_date(st.getColumn(2).getText());
        a.start_on = stored_date(st.getColumn(3).getText());
        a.status = st.getColumn(4).getString();
        a.decided_on = st.getColumn(5).isNull()
                           ? std::nullopt
                           : std::optional<Date>(stored_date(st.getColumn(5).getText()));
        a.sla_days = st.getColumn(6).getInt();
        a.imported_paused = st.getColumn(7).getInt();
        a.paused_days = st.getColumn(8).getInt();
        a.due_on = stored_date(st.getColumn(9).getText());
        a.fee = st.getColumn(10).getInt64();
        a.channel = st.getColumn(11).getString();
        const auto it = stays.find(a.id);
        tally.add(a, it == stays.end() ? none : it->second, cal, 1);
    }
    return tally;
}

void rebuild_tallies(SQLite::Database& db, const WorkCalendar& cal)
{
    Tally tally = compute_tallies(db, cal);
    db.exec("DELETE FROM report_day");
    db.exec("DELETE FROM report_elapsed");
    tally.flush(db);
}

std::vector<std::string> check_tallies(SQLite::Database& db)
{
    const WorkCalendar cal = load_work_calendar(db, load_office_settings(db));
    return compute_tallies(db, cal).compare(db);
}

} // namespace mpp
