// The visit tallies (schema 7: visit_tally, visit_minutes): kept with every write, checked and
// rebuilt by `db check`, followed after an offset change, and summed for a period.
#include "mpp/error.hpp"
#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/visit.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <iterator>
#include <set>

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

void VisitTally::flush_days(SQLite::Database& db) const
{
    SQLite::Statement day(db, "INSERT INTO visit_tally (day, agency_id, service_id, records, "
                              "visits, served, no_show) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                              "ON CONFLICT DO UPDATE SET records = records + excluded.records, "
                              "visits = visits + excluded.visits, served = served + "
                              "excluded.served, no_show = no_show + excluded.no_show");
    // A row that counts nothing any more is removed (by its primary key).
    SQLite::Statement drop(db, "DELETE FROM visit_tally WHERE day = ?1 AND agency_id = ?2 AND "
                               "service_id = ?3 AND records = 0");
    for (const auto& [where, d] : m_days)
    {
        for (SQLite::Statement* st : {&day, &drop})
        {
            st->bind(1, format_date(Date{std::get<0>(where)}));
            st->bind(2, static_cast<std::int64_t>(std::get<1>(where)));
            st->bind(3, static_cast<std::int64_t>(std::get<2>(where)));
            if (st == &day)
            {
                st->bind(4, static_cast<std::int64_t>(d.records));
                st->bind(5, static_cast<std::int64_t>(d.visits));
                st->bind(6, static_cast<std::int64_t>(d.served));
                st->bind(7, static_cast<std::int64_t>(d.no_show));
            }
            st->exec();
            st->reset();
        }
    }
}

void VisitTally::flush_minutes(SQLite::Database& db) const
{
    SQLite::Statement add(db, "INSERT INTO visit_minutes (day, agency_id, service_id, measure, "
                              "minutes, tickets) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT DO UPDATE SET tickets = tickets + excluded.tickets");
    SQLite::Statement drop(db, "DELETE FROM visit_minutes WHERE day = ?1 AND agency_id = ?2 "
                               "AND service_id = ?3 AND measure = ?4 AND minutes = ?5 AND "
                               "tickets = 0");
    for (const auto& [key, n] : m_minutes)
    {
        const auto& [where, measure, value] = key;
        for (SQLite::Statement* st : {&add, &drop})
        {
            st->bind(1, format_date(Date{std::get<0>(where)}));
            st->bind(2, static_cast<std::int64_t>(std::get<1>(where)));
            st->bind(3, static_cast<std::int64_t>(std::get<2>(where)));
            st->bind(4, measure);
            st->bind(5, value);
            if (st == &add)
            {
                st->bind(6, static_cast<std::int64_t>(n));
            }
            st->exec();
            st->reset();
        }
    }
}

void VisitTally::flush(SQLite::Database& db)
{
    flush_days(db);
    flush_minutes(db);
    m_days.clear();
    m_minutes.clear();
}

std::map<VisitTally::Where, VisitTally::Day> VisitTally::stored_days(SQLite::Database& db)
{
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
    return stored;
}

std::map<VisitTally::Minute, long long> VisitTally::stored_minutes(SQLite::Database& db)
{
    std::map<Minute, long long> stored;
    SQLite::Statement st(db, "SELECT day, agency_id, service_id, measure, minutes, tickets FROM "
                             "visit_minutes");
    while (st.executeStep())
    {
        stored[{{stored_date(st.getColumn(0).getText()).days, st.getColumn(1).getInt64(),
                 st.getColumn(2).getInt64()},
                st.getColumn(3).getString(),
                st.getColumn(4).getInt()}] = st.getColumn(5).getInt64();
    }
    return stored;
}

std::vector<std::string> VisitTally::compare(SQLite::Database& db) const
{
    std::vector<std::string> out;
    const std::map<Where, Day> stored = stored_days(db);
    std::map<Where, Day> expected;
    std::copy_if(m_days.begin(), m_days.end(), std::inserter(expected, expected.end()),
                 [](const auto& e) { return !(e.second == Day{}); });
    std::set<Where> keys;
    for (const auto& [w, d] : stored)
    {
        keys.insert(w);
    }
    for (const auto& [w, d] : expected)
    {
        keys.insert(w);
    }
    for (const Where& w : keys)
    {
        const Day was = stored.count(w) ? stored.at(w) : Day{};
        const Day want = expected.count(w) ? expected.at(w) : Day{};
        if (!(was == want) && out.size() < 20)
        {
            out.push_back(fmt::format(
                "visit tallies: {} agency {} service {}: stored visits {}, served {}, no_show "
                "{}; the rows give {}, {}, {}",
                format_date(Date{std::get<0>(w)}), std::get<1>(w), std::get<2>(w), was.visits,
                was.served, was.no_show, want.visits, want.served, want.no_show));
        }
    }
    std::map<Minute, long long> want;
    std::copy_if(m_minutes.begin(), m_minutes.end(), std::inserter(want, want.end()),
                 [](const auto& e) { return e.second != 0; });
    if (stored_minutes(db) != want)
    {
        out.push_back("visit tallies: the minutes waited or served differ from the tickets");
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

namespace
{

// The tickets whose local day at `offset` is not the stored one, by row id, with the new day.
std::vector<std::pair<long long, Visit>> moved_tickets(SQLite::Database& db, UtcOffset offset)
{
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
    return moved;
}

} // namespace

void refresh_visit_days(SQLite::Database& db)
{
    const auto moved = moved_tickets(db, load_office_settings(db).offset);
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

namespace
{

using DaySums = std::map<std::pair<Date, MeasureGroup>, VisitSums>;

// Each row of a tally table (`visit_tally`, `visit_minutes`) of from..to (a range of its
// primary key), with its figures from column 3 on, and the sums of its day and group.
void each_period_row(SQLite::Database& db, const char* table, const char* figures, Date from,
                     Date to, DaySums& out,
                     const std::function<void(SQLite::Statement&, Date, VisitSums&)>& take)
{
    SQLite::Statement st(db, fmt::format("SELECT t.day, a.code, coalesce(s.code, ''), {} FROM "
                                         "{} t JOIN agency a ON a.id = t.agency_id LEFT JOIN "
                                         "service s ON s.id = t.service_id WHERE t.day BETWEEN "
                                         "?1 AND ?2",
                                         figures, table));
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    while (st.executeStep())
    {
        const Date day = stored_date(st.getColumn(0).getText());
        take(st, day, out[{day, {st.getColumn(1).getString(), st.getColumn(2).getString()}}]);
    }
}

} // namespace

std::map<std::pair<Date, MeasureGroup>, VisitSums> visit_day_sums(SQLite::Database& db, Date from,
                                                                  Date to)
{
    DaySums out;
    each_period_row(db, "visit_tally", "t.records, t.visits, t.served, t.no_show", from, to, out,
                    [](SQLite::Statement& st, Date day, VisitSums& s)
                    {
                        s.records += st.getColumn(3).getInt64();
                        s.visits += st.getColumn(4).getInt64();
                        s.served += st.getColumn(5).getInt64();
                        s.no_show += st.getColumn(6).getInt64();
                        s.per_day[day] += st.getColumn(4).getInt64();
                    });
    each_period_row(db, "visit_minutes", "t.measure, t.minutes, t.tickets", from, to, out,
                    [](SQLite::Statement& st, Date, VisitSums& s)
                    {
                        auto& histogram = st.getColumn(3).getString() == "wait" ? s.wait_minutes
                                                                                : s.service_minutes;
                        histogram[st.getColumn(4).getInt()] += st.getColumn(5).getInt64();
                    });
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
