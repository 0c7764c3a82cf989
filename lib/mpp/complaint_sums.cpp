// The complaint figures of a period (measures.md "Complaints") per agency and service or per
// channel, read from the indexed ranges of the period only, and the local dates kept right when
// the office's UTC offset changes.
#include "mpp/complaint.hpp"

#include "mpp/store_helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <functional>

namespace mpp
{
namespace
{

// What a complaint is grouped by: its agency and service ids (0: none) and its channel.
struct Grouping
{
    long long agency_id = 0;
    long long service_id = 0;
    std::string channel;
};

using SumsOf = std::function<ComplaintSums&(const Grouping&)>;

Grouping grouping(SQLite::Statement& st)
{
    return {st.getColumn(0).isNull() ? 0 : st.getColumn(0).getInt64(),
            st.getColumn(1).isNull() ? 0 : st.getColumn(1).getInt64(), st.getColumn(2).getString()};
}

// Counts of `SELECT agency_id, service_id, channel, count(*) … GROUP BY 1, 2, 3` into a field.
void count_into(SQLite::Database& db, const char* sql, Date from, Date to, const SumsOf& sums_of,
                long long ComplaintSums::*field)
{
    SQLite::Statement st(db, sql);
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    while (st.executeStep())
    {
        sums_of(grouping(st)).*field += st.getColumn(3).getInt64();
    }
}

// The closed ones of the period: resolved (with their working days and whether on time) and
// rejected.
void closed_into(SQLite::Database& db, const WorkCalendar& calendar, int sla_days, Date from,
                 Date to, const SumsOf& sums_of)
{
    SQLite::Statement st(db, "SELECT agency_id, service_id, channel, status, received_on, "
                             "closed_on FROM complaint INDEXED BY complaint_by_closed WHERE "
                             "closed_on BETWEEN ?1 AND ?2");
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    while (st.executeStep())
    {
        ComplaintSums& sums = sums_of(grouping(st));
        Complaint c;
        c.status = st.getColumn(3).getString();
        c.received_on = stored_date(st.getColumn(4).getString());
        c.closed_on = stored_date(st.getColumn(5).getString());
        if (c.status == "rejected")
        {
            ++sums.rejected;
            continue;
        }
        const ComplaintSla sla = complaint_sla(c, calendar, sla_days, *c.closed_on);
        ++sums.resolved;
        sums.on_time += *sla.on_time ? 1 : 0;
        ++sums.resolution_days[sla.elapsed];
    }
}

void collect(SQLite::Database& db, const WorkCalendar& calendar, int sla_days, Date from, Date to,
             const SumsOf& sums_of)
{
    count_into(db,
               "SELECT agency_id, service_id, channel, count(*) FROM complaint INDEXED BY "
               "complaint_by_received WHERE received_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3",
               from, to, sums_of, &ComplaintSums::received);
    closed_into(db, calendar, sla_days, from, to, sums_of);
    // Open at the end of L: never closed (the partial index), or closed only after L.
    count_into(db,
               "SELECT agency_id, service_id, channel, count(*) FROM complaint INDEXED BY "
               "complaint_open WHERE closed_on IS NULL AND received_on <= ?2 AND ?1 = ?1 "
               "GROUP BY 1, 2, 3",
               from, to, sums_of, &ComplaintSums::open);
    count_into(db,
               "SELECT agency_id, service_id, channel, count(*) FROM complaint INDEXED BY "
               "complaint_by_closed WHERE closed_on > ?2 AND received_on <= ?2 AND ?1 = ?1 "
               "GROUP BY 1, 2, 3",
               from, to, sums_of, &ComplaintSums::open);
}

// The codes of the agency or service ids (small tables, read whole).
std::map<long long, std::string> codes(SQLite::Database& db, const char* table)
{
    SQLite::Statement st(db, std::string("SELECT id, code FROM ") + table);
    std::map<long long, std::string> out;
    while (st.executeStep())
    {
        out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    }
    return out;
}

} // namespace

std::map<MeasureGroup, ComplaintSums>
complaint_sums(SQLite::Database& db, const WorkCalendar& calendar, int sla_days, Date from, Date to)
{
    const auto agencies = codes(db, "agency");
    const auto services = codes(db, "service");
    std::map<MeasureGroup, ComplaintSums> out;
    collect(db, calendar, sla_days, from, to,
            [&](const Grouping& g) -> ComplaintSums&
            {
                const auto a = agencies.find(g.agency_id);
                const auto s = services.find(g.service_id);
                return out[MeasureGroup{a == agencies.end() ? "" : a->second,
                                        s == services.end() ? "" : s->second}];
            });
    return out;
}

std::map<std::string, ComplaintSums> complaint_sums_by_channel(SQLite::Database& db,
                                                               const WorkCalendar& calendar,
                                                               int sla_days, Date from, Date to)
{
    std::map<std::string, ComplaintSums> out;
    collect(db, calendar, sla_days, from, to,
            [&](const Grouping& g) -> ComplaintSums& { return out[g.channel]; });
    return out;
}

void refresh_complaint_dates(SQLite::Database& db)
{
    const UtcOffset offset = load_office_settings(db).offset;
    SQLite::Statement read(db, "SELECT id, received_at, status, status_at FROM complaint");
    SQLite::Statement write(db, "UPDATE complaint SET received_on = ?, closed_on = ? WHERE id = ?");
    while (read.executeStep())
    {
        const std::string status = read.getColumn(2).getString();
        write.reset();
        write.bind(1,
                   format_date(local_date(stored_instant(read.getColumn(1).getString()), offset)));
        bind_text(write, 2,
                  complaint_closed(status)
                      ? std::optional<std::string>(format_date(
                            local_date(stored_instant(read.getColumn(3).getString()), offset)))
                      : std::nullopt);
        write.bind(3, read.getColumn(0).getInt64());
        write.exec();
    }
}

} // namespace mpp
