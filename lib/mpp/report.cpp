#include "mpp/report.hpp"

#include "mpp/error.hpp"
#include "mpp/report_people.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/tally.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace mpp
{
namespace
{

// Every figure from the tallies (schema 4): sums over the days of the period, and for what is
// open or overdue at its ends, sums over every day up to them.
std::map<std::string, Figures> collect(SQLite::Database& db, const WorkCalendar& cal, Date from,
                                       Date to)
{
    const std::string f = format_date(from);
    const std::string l = format_date(to);
    SQLite::Statement st(
        db, "SELECT s.code, "
            "sum(CASE WHEN r.day < ?1 THEN r.received - r.completed - r.rejected - r.cancelled "
            "ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.received ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.completed ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.rejected ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.cancelled ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.on_time ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.fees ELSE 0 END), "
            "sum(r.overdue), sum(r.overdue_off_days), "
            "sum(CASE WHEN r.day >= ?1 THEN r.received_counter ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.received_online ELSE 0 END), "
            "sum(CASE WHEN r.day >= ?1 THEN r.received_outreach ELSE 0 END) "
            "FROM report_day r JOIN service s ON s.id = r.service_id WHERE r.day <= ?2 "
            "GROUP BY r.service_id");
    st.bind(1, f);
    st.bind(2, l);
    const bool off_day = !cal.is_working_day(to);
    std::map<std::string, Figures> out;
    while (st.executeStep())
    {
        Figures& x = out[st.getColumn(0).getString()];
        x.carried_in = st.getColumn(1).getInt64();
        x.received = st.getColumn(2).getInt64();
        x.completed = st.getColumn(3).getInt64();
        x.rejected = st.getColumn(4).getInt64();
        x.cancelled = st.getColumn(5).getInt64();
        x.on_time = st.getColumn(6).getInt64();
        x.late = x.completed + x.rejected - x.on_time;
        x.fees = st.getColumn(7).getInt64();
        x.carried_out = x.carried_in + x.received - x.completed - x.rejected - x.cancelled;
        x.overdue_open = st.getColumn(8).getInt64() + (off_day ? st.getColumn(9).getInt64() : 0);
        x.received_counter = st.getColumn(10).getInt64();
        x.received_online = st.getColumn(11).getInt64();
        x.received_outreach = st.getColumn(12).getInt64();
    }
    SQLite::Statement el(db, "SELECT s.code, r.elapsed, sum(r.decisions) FROM report_elapsed r "
                             "JOIN service s ON s.id = r.service_id WHERE r.day BETWEEN ?1 AND "
                             "?2 GROUP BY r.service_id, r.elapsed");
    el.bind(1, f);
    el.bind(2, l);
    while (el.executeStep())
    {
        out[el.getColumn(0).getString()].elapsed_histogram[el.getColumn(1).getInt()] +=
            el.getColumn(2).getInt64();
    }
    return out;
}

// The measures of each group into `by_service` (groups with a service), `by_agency` (an
// agency's visits, responses and complaints without a service) and `office` (complaints about
// the MPP itself).
void collect_measures(SQLite::Database& db, const OfficeSettings& office, const WorkCalendar& cal,
                      Date from, Date to, std::map<std::string, Figures>& by_service,
                      std::map<std::string, Figures>& by_agency, Figures& mpp)
{
    auto place = [&](const MeasureGroup& g) -> Figures&
    {
        return !g.service_code.empty()  ? by_service[g.service_code]
               : !g.agency_code.empty() ? by_agency[g.agency_code]
                                        : mpp;
    };
    for (const auto& [g, sums] : visit_sums(db, from, to))
    {
        place(g).visits.add(sums);
    }
    for (const auto& [g, sums] : survey_sums(db, from, to))
    {
        place(g).survey.add(sums);
    }
    for (const auto& [g, sums] : complaint_sums(db, cal, office.complaint_sla_days, from, to))
    {
        place(g).complaints.add(sums);
    }
}

// The agency's line in the report, inserted in code order when it has no service listed.
AgencyLine& agency_line(SQLite::Database& db, PeriodReport& rep, const std::string& code)
{
    auto it = std::lower_bound(rep.agencies.begin(), rep.agencies.end(), code,
                               [](const AgencyLine& a, const std::string& c) { return a.code < c; });
    if (it == rep.agencies.end() || it->code != code)
    {
        SQLite::Statement st(db, "SELECT name FROM agency WHERE code = ?");
        st.bind(1, code);
        st.executeStep();
        it = rep.agencies.insert(it, AgencyLine{code, st.getColumn(0).getString(), {}, {}});
    }
    return *it;
}

// The calendar's dates in F..L that fall on workweek days and do not count.
std::vector<Holiday> non_working_days(SQLite::Database& db, const OfficeSettings& office,
                                      const WorkCalendar& cal, Date from, Date to)
{
    std::vector<Holiday> out;
    for (const Holiday& h : CalendarStore(db).list({}))
    {
        const bool weekday = std::find(office.workweek.begin(), office.workweek.end(),
                                       iso_weekday(h.date)) != office.workweek.end();
        if (h.date >= from && h.date <= to && weekday && !cal.is_working_day(h.date))
        {
            out.push_back(h);
        }
    }
    return out;
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
    received_counter += o.received_counter;
    received_online += o.received_online;
    received_outreach += o.received_outreach;
    for (const auto& [days, n] : o.elapsed_histogram)
    {
        elapsed_histogram[days] += n;
    }
    visits.add(o.visits);
    survey.add(o.survey);
    complaints.add(o.complaints);
}

bool Figures::any() const
{
    return carried_in || received || completed || rejected || cancelled || carried_out ||
           overdue_open || fees || visits.records || survey.respondents || has_complaints();
}

double round1(double value)
{
    return round_to(value, 1);
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
    return histogram_median(elapsed_histogram); // one count per decision
}

std::optional<int> Figures::elapsed_max() const
{
    if (decided() == 0)
    {
        return std::nullopt;
    }
    return elapsed_histogram.rbegin()->first;
}

const std::vector<std::string>& month_words()
{
    static const std::vector<std::string> k_words = {"previous", "current"};
    return k_words;
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
        const std::optional<Date> first = make_date(y, m, 1);
        if (!first || !is_possible_date(*first))
        {
            throw Error(ErrorKind::usage,
                        fmt::format("--month '{}' is outside the years 2000 to 2099", month));
        }
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
                          const WorkCalendar& cal, Date from, Date to, bool previous,
                          const ReportScope& scope)
{
    check_period(from, to);
    const ReadSnapshot snapshot(db); // every figure from the same commit, writers or not
    PeriodReport rep = figures_report(db, office, cal, from, to);
    if (scope.agency)
    {
        narrow_to_agency(rep, agency_of(db, *scope.agency).first);
    }
    if (previous)
    {
        add_people_parts(db, office, cal, rep, scope);
    }
    return rep;
}

PeriodReport figures_report(SQLite::Database& db, const OfficeSettings& office,
                            const WorkCalendar& cal, Date from, Date to)
{
    PeriodReport rep;
    rep.office_name = office.name;
    rep.office_code = office.code;
    rep.offset = office.offset;
    rep.from = from;
    rep.to = to;
    rep.working_days = cal.workdays(Date{from.days - 1}, to);
    rep.non_working = non_working_days(db, office, cal, from, to);
    rep.grades = office.skm_grades;
    std::map<std::string, Figures> figures = collect(db, cal, from, to);
    std::map<std::string, Figures> agency_only;
    collect_measures(db, office, cal, from, to, figures, agency_only, rep.mpp_itself);
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
    for (const auto& [code, fig] : agency_only)
    {
        agency_line(db, rep, code).totals.add(fig);
        rep.totals.add(fig);
    }
    rep.totals.add(rep.mpp_itself);
    // Agencies active at L without any service still count as active.
    SQLite::Statement ag(db, "SELECT code FROM agency WHERE joined_on <= ?1 AND (left_on IS NULL "
                             "OR left_on > ?1)");
    ag.bind(1, l);
    while (ag.executeStep())
    {
        active_agencies.insert(ag.getColumn(0).getString());
    }
    rep.active_agencies = static_cast<long long>(active_agencies.size());
    return rep;
}

std::vector<OverdueLine> overdue_applications(ApplicationStore& store, const WorkCalendar& cal,
                                              const ApplicationFilter& f)
{
    const Date as_of = f.as_of.value_or(Date{});
    std::vector<OverdueLine> out;
    store.each(f,
               [&](Application&& a)
               {
                   const bool paused = a.paused_days != a.imported_paused || a.paused_since;
                   const Date due =
                       due_on_day(a, paused ? store.stays(a.id) : std::vector<Pause>{}, cal, as_of);
                   out.push_back({std::move(a), due, cal.workdays(due, as_of)});
               });
    std::stable_sort(out.begin(), out.end(),
                     [](const OverdueLine& x, const OverdueLine& y)
                     { return x.days_overdue > y.days_overdue; });
    return out;
}

} // namespace mpp
