#include "mpp/report.hpp"

#include "mpp/error.hpp"
#include "mpp/record.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace mpp
{
namespace
{

// The state of an application at the end of the period, and what it did inside it.
struct Row
{
    long long id = 0;
    std::string service;
    Date submitted_on;
    Date start_on;
    std::optional<Date> decided_on;
    std::string status;
    Date status_on;
    int sla_days = 0;
    int imported_paused = 0;
    int paused_days = 0;
    std::optional<Date> paused_since;
    Date due_on;
    long long fee = 0;
};

Date day_of(const char* text)
{
    return mpp::stored_date(text);
}

// Working days paused as of `as_of`, replaying the history (for applications changed since).
int paused_as_of(SQLite::Database& db, long long id, Date start_on, int imported_paused,
                 const WorkCalendar& cal, UtcOffset offset, Date as_of)
{
    SQLite::Statement st(db, "SELECT at, from_status, to_status FROM application_event WHERE "
                             "application_id = ? ORDER BY seq");
    st.bind(1, static_cast<std::int64_t>(id));
    int paused = imported_paused;
    std::optional<Date> since;
    while (st.executeStep())
    {
        const Date day = local_date(parse_stored_instant(st.getColumn(0).getString()), offset);
        if (day > as_of)
        {
            break;
        }
        if (st.getColumn(2).getString() == "returned")
        {
            since = day;
        }
        else if (since && !st.getColumn(1).isNull() && st.getColumn(1).getString() == "returned")
        {
            paused += cal.workdays(std::max(*since, start_on), day);
            since.reset();
        }
    }
    if (since)
    {
        paused += cal.workdays(std::max(*since, start_on), as_of);
    }
    return paused;
}

void count(Figures& f, const Row& r, Date from, Date to, const WorkCalendar& cal,
           SQLite::Database& db, UtcOffset offset)
{
    const bool open_at_start = r.submitted_on < from && (!r.decided_on || *r.decided_on >= from);
    const bool decided_inside = r.decided_on && *r.decided_on >= from && *r.decided_on <= to;
    const bool open_at_end = r.submitted_on <= to && (!r.decided_on || *r.decided_on > to);
    f.carried_in += open_at_start ? 1 : 0;
    f.received += r.submitted_on >= from && r.submitted_on <= to ? 1 : 0;
    if (decided_inside)
    {
        if (r.status == "cancelled")
        {
            ++f.cancelled;
        }
        else
        {
            ++(r.status == "completed" ? f.completed : f.rejected);
            const bool on_time = *r.decided_on <= r.due_on;
            ++(on_time ? f.on_time : f.late);
            ++f.elapsed_histogram[cal.elapsed(r.start_on, *r.decided_on, r.paused_days)];
            f.fees += r.status == "completed" ? r.fee : 0;
        }
    }
    if (open_at_end)
    {
        ++f.carried_out;
        // The stored pause is the state now; replay the history if it changed after L.
        int paused = r.paused_days;
        if (r.decided_on || r.status_on > to)
        {
            paused = paused_as_of(db, r.id, r.start_on, r.imported_paused, cal, offset, to);
        }
        else if (r.paused_since)
        {
            paused += cal.workdays(std::max(*r.paused_since, r.start_on), to);
        }
        f.overdue_open += to > cal.due_on(r.start_on, r.sla_days, paused) ? 1 : 0;
    }
}

// Every application that was open at F, received in F..L or decided in F..L: three index scans.
std::map<std::string, Figures> collect(SQLite::Database& db, const OfficeSettings& office,
                                       const WorkCalendar& cal, Date from, Date to)
{
    const std::string from_utc = format_utc(local_midnight(from, office.offset));
    const std::string end_utc = format_utc(local_midnight(Date{to.days + 1}, office.offset));
    SQLite::Statement st(
        db, "SELECT a.id, s.code, a.submitted_on, a.start_on, a.decided_on, a.status, "
            "a.status_at, a.sla_days, a.imported_paused, a.paused_days, a.paused_since, a.due_on, "
            "a.fee FROM application a JOIN service s ON s.id = a.service_id WHERE a.id IN ("
            "SELECT id FROM application WHERE submitted_at >= ?1 AND submitted_at < ?2 "
            "UNION ALL SELECT id FROM application WHERE decided_on >= ?3 AND submitted_at < ?1 "
            "UNION ALL SELECT id FROM application WHERE decided_on IS NULL AND submitted_at < ?1)");
    st.bind(1, from_utc);
    st.bind(2, end_utc);
    st.bind(3, format_date(from));
    std::map<std::string, Figures> out;
    Row r;
    while (st.executeStep())
    {
        r.id = st.getColumn(0).getInt64();
        r.service = st.getColumn(1).getString();
        r.submitted_on = day_of(st.getColumn(2).getText());
        r.start_on = day_of(st.getColumn(3).getText());
        r.decided_on = st.getColumn(4).isNull()
                           ? std::nullopt
                           : std::optional<Date>(day_of(st.getColumn(4).getText()));
        r.status = st.getColumn(5).getString();
        r.status_on = local_date(stored_instant(st.getColumn(6).getText()), office.offset);
        r.sla_days = st.getColumn(7).getInt();
        r.imported_paused = st.getColumn(8).getInt();
        r.paused_days = st.getColumn(9).getInt();
        r.paused_since = st.getColumn(10).isNull()
                             ? std::nullopt
                             : std::optional<Date>(day_of(st.getColumn(10).getText()));
        r.due_on = day_of(st.getColumn(11).getText());
        r.fee = st.getColumn(12).getInt64();
        count(out[r.service], r, from, to, cal, db, office.offset);
    }
    return out;
}

long long received_in(SQLite::Database& db, const OfficeSettings& office, Date from, Date to)
{
    SQLite::Statement st(db, "SELECT count(*) FROM application WHERE submitted_at >= ? AND "
                             "submitted_at < ?");
    st.bind(1, format_utc(local_midnight(from, office.offset)));
    st.bind(2, format_utc(local_midnight(Date{to.days + 1}, office.offset)));
    st.executeStep();
    return st.getColumn(0).getInt64();
}

} // namespace

void Figures::add(const Figures& o)
{
    carried_in += o.carried_in;
    received += o.received;
    completed += o.completed;
    rejected += o.rejected;
    cancelled += o.cancelled;
    carried_out += o.carried_out;
    on_time += o.on_time;
    late += o.late;
    overdue_open += o.overdue_open;
    fees += o.fees;
    for (const auto& [days, n] : o.elapsed_histogram)
    {
        elapsed_histogram[days] += n;
    }
}

bool Figures::any() const
{
    return carried_in || received || completed || rejected || cancelled || carried_out ||
           overdue_open || fees;
}

double round1(double value)
{
    // Through a decimal string so that 56.25 is 56.25 and not 56.2499999.
    const double scaled = std::round(std::stod(fmt::format("{:.9f}", value * 10)));
    return scaled / 10;
}

std::optional<double> Figures::on_time_pct() const
{
    if (decided() == 0)
    {
        return std::nullopt;
    }
    return round1(100.0 * static_cast<double>(on_time) / static_cast<double>(decided()));
}

std::optional<double> Figures::elapsed_avg() const
{
    if (decided() == 0)
    {
        return std::nullopt;
    }
    long long sum = 0;
    for (const auto& [days, n] : elapsed_histogram)
    {
        sum += days * n;
    }
    return round1(static_cast<double>(sum) / static_cast<double>(decided()));
}

std::optional<double> Figures::elapsed_median() const
{
    const long long n = decided();
    if (n == 0)
    {
        return std::nullopt;
    }
    // The values at positions (n-1)/2 and n/2 of the sorted list.
    auto nth = [&](long long k)
    {
        long long seen = 0;
        for (const auto& [days, count] : elapsed_histogram)
        {
            seen += count;
            if (seen > k)
            {
                return days;
            }
        }
        return elapsed_histogram.rbegin()->first;
    };
    return round1((nth((n - 1) / 2) + nth(n / 2)) / 2.0);
}

std::optional<int> Figures::elapsed_max() const
{
    if (decided() == 0)
    {
        return std::nullopt;
    }
    return elapsed_histogram.rbegin()->first;
}

std::pair<Date, Date> month_period(const std::string& month, Date today)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(today, y, m, d);
    if (month == "previous")
    {
        m -= 1;
        if (m == 0)
        {
            m = 12;
            y -= 1;
        }
    }
    else if (month != "current")
    {
        const bool shape = month.size() == 7 && month[4] == '-' &&
                           month.find_first_not_of("0123456789-") == std::string::npos;
        const int mm = shape ? std::stoi(month.substr(5)) : 0;
        if (!shape || mm < 1 || mm > 12)
        {
            throw Error(ErrorKind::usage,
                        fmt::format("--month '{}': expected YYYY-MM, previous or current",
                                    escape_controls(month)));
        }
        y = std::stoi(month.substr(0, 4));
        m = mm;
    }
    const Date first = *make_date(y, m, 1);
    const int next_y = m == 12 ? y + 1 : y;
    const int next_m = m == 12 ? 1 : m + 1;
    Date last{make_date(next_y, next_m, 1)->days - 1};
    if (month == "current")
    {
        last = today;
    }
    return {first, last};
}

PeriodReport build_report(SQLite::Database& db, const OfficeSettings& office,
                          const WorkCalendar& cal, Date from, Date to, bool previous)
{
    if (to < from)
    {
        throw Error(ErrorKind::usage, "the period ends before it begins");
    }
    PeriodReport rep;
    rep.office_name = office.name;
    rep.office_code = office.code;
    rep.from = from;
    rep.to = to;
    rep.working_days = cal.workdays(Date{from.days - 1}, to);
    for (const Holiday& h : CalendarStore(db).list({}))
    {
        const bool weekday = std::find(office.workweek.begin(), office.workweek.end(),
                                       iso_weekday(h.date)) != office.workweek.end();
        if (h.date >= from && h.date <= to && weekday && !cal.is_working_day(h.date))
        {
            rep.non_working.push_back(h);
        }
    }
    std::map<std::string, Figures> figures = collect(db, office, cal, from, to);
    SQLite::Statement st(db, "SELECT g.code, g.name, g.joined_on, g.left_on, s.code, s.name, "
                             "s.retired_on FROM service s JOIN agency g ON g.id = s.agency_id "
                             "ORDER BY g.code, s.code");
    const std::string f = format_date(from);
    const std::string l = format_date(to);
    std::set<std::string> active_agencies;
    while (st.executeStep())
    {
        const std::string agency = st.getColumn(0).getString();
        const std::string joined = st.getColumn(2).getString();
        const auto left = column_text(st, 3);
        const std::string service = st.getColumn(4).getString();
        const auto retired = column_text(st, 6);
        const Figures& fig = figures[service];
        const bool listed = (!retired || *retired >= f) && joined <= l && (!left || *left >= f);
        const bool agency_active = joined <= l && (!left || *left > l);
        if (agency_active)
        {
            active_agencies.insert(agency);
            rep.active_services += !retired || *retired > l ? 1 : 0;
        }
        if (!listed && !fig.any())
        {
            continue;
        }
        if (rep.agencies.empty() || rep.agencies.back().code != agency)
        {
            rep.agencies.push_back({agency, st.getColumn(1).getString(), {}, {}});
        }
        rep.agencies.back().services.push_back({service, st.getColumn(5).getString(), fig});
        rep.agencies.back().totals.add(fig);
        rep.totals.add(fig);
    }
    // Agencies active at L without any service still count as active.
    SQLite::Statement ag(db, "SELECT code FROM agency WHERE joined_on <= ?1 AND (left_on IS NULL "
                             "OR left_on > ?1)");
    ag.bind(1, l);
    while (ag.executeStep())
    {
        active_agencies.insert(ag.getColumn(0).getString());
    }
    rep.active_agencies = static_cast<long long>(active_agencies.size());
    if (previous)
    {
        const auto [pf, pl] = month_period("previous", from);
        rep.previous_received = received_in(db, office, pf, pl);
    }
    return rep;
}

std::vector<OverdueLine> overdue_applications(SQLite::Database& db, const OfficeSettings& office,
                                              const WorkCalendar& cal, Date as_of,
                                              const std::optional<std::string>& agency)
{
    ApplicationStore store(db, office, cal);
    ApplicationFilter filter;
    filter.agency = agency;
    filter.to = as_of;
    std::vector<OverdueLine> out;
    for (Application& a : store.list(filter))
    {
        if (a.decided_on && *a.decided_on <= as_of)
        {
            continue; // decided by then
        }
        // The stored pause is the state now; replay the history if it changed after the date.
        int paused = a.paused_days;
        if (a.decided_on || local_date(a.status_at, office.offset) > as_of)
        {
            paused =
                paused_as_of(db, a.id, a.start_on, a.imported_paused, cal, office.offset, as_of);
        }
        else if (a.paused_since)
        {
            paused += cal.workdays(std::max(*a.paused_since, a.start_on), as_of);
        }
        const Date due = cal.due_on(a.start_on, a.sla_days, paused);
        if (as_of > due)
        {
            out.push_back({std::move(a), due, cal.workdays(due, as_of)});
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const OverdueLine& x, const OverdueLine& y)
                     { return x.days_overdue > y.days_overdue; });
    return out;
}

} // namespace mpp
