// The visit tallies (schema 7: visit_tally, visit_minutes): kept with every write, checked and
// rebuilt by `db check`, followed after an offset change, and summed for a period.
#include "mpp/error.hpp"
#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/visit.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// Whole minutes from a to b, the seconds truncated (measures.md: a duration).
int whole_minutes(Instant a, Instant b)
{
    return static_cast<int>((b - a) / 60);
}

} // namespace

void VisitTally::add(const Visit& v, int sign)
{
    const Where where{v.day.days, v.agency_id, v.service_id};
    Day& d = m_days[where];
    d.records += sign;
    d.visits += sign * v.count;
    if (!v.ticket_row)
    {
        d.served += sign * v.count;
        return;
    }
    d.served += v.outcome == "served" ? sign : 0;
    d.no_show += v.outcome == "no_show" ? sign : 0;
    if (v.taken_at && v.called_at)
    {
        m_minutes[{where, "wait", whole_minutes(*v.taken_at, *v.called_at)}] += sign;
    }
    if (v.called_at && v.finished_at)
    {
        m_minutes[{where, "service", whole_minutes(*v.called_at, *v.finished_at)}] += sign;
    }
}

void VisitTally::flush(SQLite::Database& db)
{
    SQLite::Statement day(db, "INSERT INTO visit_tally (day, agency_id, service_id, records, "
                              "visits, served, no_show) VALUES (?, ?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT DO UPDATE SET records = records + excluded.records, "
                              "visits = visits + excluded.visits, served = served + "
                              "excluded.served, no_show = no_show + excluded.no_show");
    // A row that counts nothing any more is removed (its key, by the primary key).
    SQLite::Statement drop_day(db, "DELETE FROM visit_tally WHERE day = ? AND agency_id = ? AND "
                                   "service_id = ? AND records = 0");
    for (const auto& [where, d] : m_days)
    {
        const auto& [date, agency, service] = where;
        day.bind(1, format_date(Date{date}));
        day.bind(2, static_cast<std::int64_t>(agency));
        day.bind(3, static_cast<std::int64_t>(service));
        day.bind(4, static_cast<std::int64_t>(d.records));
        day.bind(5, static_cast<std::int64_t>(d.visits));
        day.bind(6, static_cast<std::int64_t>(d.served));
        day.bind(7, static_cast<std::int64_t>(d.no_show));
        day.exec();
        day.reset();
        drop_day.bind(1, format_date(Date{date}));
        drop_day.bind(2, static_cast<std::int64_t>(agency));
        drop_day.bind(3, static_cast<std::int64_t>(service));
        drop_day.exec();
        drop_day.reset();
    }
    SQLite::Statement minutes(db, "INSERT INTO visit_minutes (day, agency_id, service_id, "
                                  "measure, minutes, tickets) VALUES (?, ?, ?, ?, ?, ?) "
                                  "ON CONFLICT DO UPDATE SET tickets = tickets + excluded.tickets");
    SQLite::Statement drop_minutes(db, "DELETE FROM visit_minutes WHERE day = ? AND agency_id = ? "
                                       "AND service_id = ? AND measure = ? AND minutes = ? AND "
                                       "tickets = 0");
    for (const auto& [key, n] : m_minutes)
    {
        const auto& [where, measure, value] = key;
        const auto& [date, agency, service] = where;
        minutes.bind(1, format_date(Date{date}));
        minutes.bind(2, static_cast<std::int64_t>(agency));
        minutes.bind(3, static_cast<std::int64_t>(service));
        minutes.bind(4, measure);
        minutes.bind(5, value);
        minutes.bind(6, static_cast<std::int64_t>(n));
        minutes.exec();
        minutes.reset();
        drop_minutes.bind(1, format_date(Date{date}));
        drop_minutes.bind(2, static_cast<std::int64_t>(agency));
        drop_minutes.bind(3, static_cast<std::int64_t>(service));
        drop_minutes.bind(4, measure);
        drop_minutes.bind(5, value);
        drop_minutes.exec();
        drop_minutes.reset();
    }
    m_days.clear();
    m_minutes.clear();
}

std::vector<std::string> VisitTally::compare(SQLite::Database& db) const
{
    std::vector<std::string> out;
    auto differ = [&out](const std::string& what)
    {
        if (out.size() < 20)
        {
            out.push_back("visit tallies: " + what);
        }
    };
    std::map<Where, Day> stored;
    SQLite::Statement st(db, "SELECT day, agency_id, service_id, records, visits, served, "
                             "no_show FROM visit_tally");
    while (st.executeStep())
    {
        stored[{stored_date(st.getColumn(0).getText()).days, st.getColumn(1).getInt64(),
                st.getColumn(2).getInt64()}] = {
            st.getColumn(3).getInt64(), st.getColumn(4).getInt64(), st.getColumn(5).getInt64(),
            st.getColumn(6).getInt64()};
    }
    std::map<Where, Day> expected;
    for (const auto& [where, d] : m_days)
    {
        if (!(d == Day{}))
        {
            expected[where] = d;
        }
    }
    auto name = [](const Where& w)
    {
        return fmt::format("{} agency {} service {}", format_date(Date{std::get<0>(w)}),
                           std::get<1>(w), std::get<2>(w));
    };
    for (const auto& [where, d] : expected)
    {
        const auto it = stored.find(where);
        if (it == stored.end() || !(it->second == d))
        {
            differ(fmt::format("{}: stored visits {}, served {}, no_show {}; the rows give {}, "
                               "{}, {}",
                               name(where), it == stored.end() ? 0 : it->second.visits,
                               it == stored.end() ? 0 : it->second.served,
                               it == stored.end() ? 0 : it->second.no_show, d.visits, d.served,
                               d.no_show));
        }
    }
    for (const auto& [where, d] : stored)
    {
        if (!expected.count(where))
        {
            differ(
                fmt::format("{}: stored visits {} but the rows give none", name(where), d.visits));
        }
    }
    std::map<std::tuple<Where, std::string, int>, long long> minutes;
    SQLite::Statement ms(db, "SELECT day, agency_id, service_id, measure, minutes, tickets FROM "
                             "visit_minutes");
    while (ms.executeStep())
    {
        minutes[{{stored_date(ms.getColumn(0).getText()).days, ms.getColumn(1).getInt64(),
                  ms.getColumn(2).getInt64()},
                 ms.getColumn(3).getString(),
                 ms.getColumn(4).getInt()}] = ms.getColumn(5).getInt64();
    }
    std::map<std::tuple<Where, std::string, int>, long long> want;
    for (const auto& [key, n] : m_minutes)
    {
        if (n != 0)
        {
            want[key] = n;
        }
    }
    if (minutes != want)
    {
        differ("the minutes waited or served differ from the tickets");
    }
    return out;
}

VisitTally compute_visit_tallies(SQLite::Database& db)
{
    VisitTally tally;
    SQLite::Statement st(db,
                         "SELECT kind, agency_id, coalesce(service_id, 0), day, taken_at, "
                         "called_at, finished_at, coalesce(outcome, 'served'), count FROM visit");
    while (st.executeStep())
    {
        Visit v;
        v.ticket_row = st.getColumn(0).getString() == "ticket";
        v.agency_id = st.getColumn(1).getInt64();
        v.service_id = st.getColumn(2).getInt64();
        v.day = stored_date(st.getColumn(3).getText());
        for (auto [index, at] :
             {std::pair{4, &v.taken_at}, std::pair{5, &v.called_at}, std::pair{6, &v.finished_at}})
        {
            if (auto text = column_text(st, index))
            {
                *at = stored_instant(*text);
            }
        }
        v.outcome = st.getColumn(7).getString();
        v.count = st.getColumn(8).getInt64();
        tally.add(v, +1);
    }
    return tally;
}

std::vector<std::string> check_visit_tallies(SQLite::Database& db)
{
    return compute_visit_tallies(db).compare(db);
}

void rebuild_visit_tallies(SQLite::Database& db)
{
    db.exec("DELETE FROM visit_tally");
    db.exec("DELETE FROM visit_minutes");
    compute_visit_tallies(db).flush(db);
}

void refresh_visit_days(SQLite::Database& db)
{
    const UtcOffset offset = load_office_settings(db).offset;
    VisitStore store(db, offset);
    std::vector<std::pair<long long, Visit>> moved;
    SQLite::Statement st(db, "SELECT v.id, v.key FROM visit v WHERE v.kind = 'ticket'");
    while (st.executeStep())
    {
        Visit v = *store.find(st.getColumn(1).getString());
        const Date day = local_date(*v.taken_at, offset);
        if (day != v.day)
        {
            v.day = day;
            moved.emplace_back(st.getColumn(0).getInt64(), v);
        }
    }
    // Two steps, so that a key another moving ticket still holds is never claimed twice.
    SQLite::Statement park(db, "UPDATE visit SET key = '~' || id WHERE id = ?");
    for (const auto& [id, v] : moved)
    {
        park.bind(1, static_cast<std::int64_t>(id));
        park.exec();
        park.reset();
    }
    SQLite::Statement set(db, "UPDATE visit SET day = ?, key = ? WHERE id = ?");
    for (const auto& [id, v] : moved)
    {
        set.bind(1, format_date(v.day));
        set.bind(2, visit_key(v));
        set.bind(3, static_cast<std::int64_t>(id));
        try
        {
            set.exec();
        }
        catch (const SQLite::Exception&)
        {
            throw Error(
                ErrorKind::invalid_data,
                fmt::format("at the new offset two tickets would be visit '{}'", visit_key(v)),
                "the queue numbers repeat on that day; keep the old offset");
        }
        set.reset();
    }
    rebuild_visit_tallies(db);
}

std::map<std::pair<Date, MeasureGroup>, VisitSums> visit_day_sums(SQLite::Database& db, Date from,
                                                                  Date to)
{
    std::map<std::pair<Date, MeasureGroup>, VisitSums> out;
    SQLite::Statement days(db, "SELECT t.day, a.code, coalesce(s.code, ''), t.records, t.visits, "
                               "t.served, t.no_show FROM visit_tally t "
                               "JOIN agency a ON a.id = t.agency_id "
                               "LEFT JOIN service s ON s.id = t.service_id "
                               "WHERE t.day BETWEEN ? AND ?");
    days.bind(1, format_date(from));
    days.bind(2, format_date(to));
    while (days.executeStep())
    {
        const Date day = stored_date(days.getColumn(0).getText());
        VisitSums& s = out[{day, {days.getColumn(1).getString(), days.getColumn(2).getString()}}];
        s.records += days.getColumn(3).getInt64();
        s.visits += days.getColumn(4).getInt64();
        s.served += days.getColumn(5).getInt64();
        s.no_show += days.getColumn(6).getInt64();
        s.per_day[day] += days.getColumn(4).getInt64();
    }
    SQLite::Statement minutes(db, "SELECT m.day, a.code, coalesce(s.code, ''), m.measure, "
                                  "m.minutes, m.tickets FROM visit_minutes m "
                                  "JOIN agency a ON a.id = m.agency_id "
                                  "LEFT JOIN service s ON s.id = m.service_id "
                                  "WHERE m.day BETWEEN ? AND ?");
    minutes.bind(1, format_date(from));
    minutes.bind(2, format_date(to));
    while (minutes.executeStep())
    {
        const Date day = stored_date(minutes.getColumn(0).getText());
        VisitSums& s =
            out[{day, {minutes.getColumn(1).getString(), minutes.getColumn(2).getString()}}];
        auto& histogram =
            minutes.getColumn(3).getString() == "wait" ? s.wait_minutes : s.service_minutes;
        histogram[minutes.getColumn(4).getInt()] += minutes.getColumn(5).getInt64();
    }
    return out;
}

std::map<MeasureGroup, VisitSums> visit_sums(SQLite::Database& db, Date from, Date to)
{
    std::map<MeasureGroup, VisitSums> out;
    for (const auto& [where, sums] : visit_day_sums(db, from, to))
    {
        out[where.second].add(sums);
    }
    return out;
}

} // namespace mpp
