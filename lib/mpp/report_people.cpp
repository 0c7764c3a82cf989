#include "mpp/report_people.hpp"

#include "mpp/selection.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace mpp
{
namespace
{

constexpr std::size_t k_overdue_listed = 200; // reports.md: at most 200 rows, then "… and N more"

// The first day of the month `months` before the month of `day` (0: its own month).
Date month_start(Date day, int months)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(day, y, m, d);
    const int index = y * 12 + (m - 1) - months;
    return *make_date(index / 12, index % 12 + 1, 1);
}

// ?1 = F, ?2 = L and ?3 = the agency's id (NULL: every agency).
void bind_period(SQLite::Statement& st, Date from, Date to, std::optional<long long> agency_id)
{
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    if (agency_id)
    {
        st.bind(3, static_cast<std::int64_t>(*agency_id));
    }
}

// The application figures of F..L pooled over every service (or one agency's), from the tallies.
Figures tally_totals(SQLite::Database& db, const WorkCalendar& cal, Date from, Date to,
                     std::optional<long long> agency_id)
{
    SQLite::Statement st(
        db,
        "SELECT total(CASE WHEN day < ?1 THEN received - completed - rejected - cancelled END), "
        "total(CASE WHEN day >= ?1 THEN received END), total(CASE WHEN day >= ?1 THEN "
        "completed END), total(CASE WHEN day >= ?1 THEN rejected END), total(CASE WHEN day "
        ">= ?1 THEN cancelled END), total(CASE WHEN day >= ?1 THEN on_time END), total(CASE "
        "WHEN day >= ?1 THEN fees END), total(overdue), total(overdue_off_days) FROM "
        "report_day WHERE day <= ?2 AND (?3 IS NULL OR service_id IN (SELECT id FROM service "
        "WHERE agency_id = ?3))");
    bind_period(st, from, to, agency_id);
    st.executeStep();
    const auto n = [&](int i) { return static_cast<long long>(st.getColumn(i).getDouble()); };
    Figures f;
    f.carried_in = n(0);
    f.received = n(1);
    f.completed = n(2);
    f.rejected = n(3);
    f.cancelled = n(4);
    f.on_time = n(5);
    f.fees = n(6);
    f.carried_out = f.carried_in + f.received - f.completed - f.rejected - f.cancelled;
    f.overdue_open = n(7) + (cal.is_working_day(to) ? 0 : n(8));
    return f;
}

// Complaints received in F..L and open at its end, counted on the covering indexes.
void complaint_counts(SQLite::Database& db, Date from, Date to, std::optional<long long> agency_id,
                      ComplaintSums& out)
{
    SQLite::Statement st(
        db, "SELECT (SELECT count(*) FROM complaint WHERE received_on BETWEEN ?1 AND ?2 AND (?3 "
            "IS NULL OR agency_id = ?3)), (SELECT count(*) FROM complaint INDEXED BY "
            "complaint_by_closed WHERE (closed_on IS NULL OR closed_on > ?2) AND received_on <= "
            "?2 AND (?3 IS NULL OR agency_id = ?3))");
    bind_period(st, from, to, agency_id);
    st.executeStep();
    out.received = st.getColumn(0).getInt64();
    out.open = st.getColumn(1).getInt64();
}

// The headline of the month that begins on `first` (one agency's when given): the same
// figures as the month's own report, without its rows.
std::optional<Headline> month_headline(SQLite::Database& db, const WorkCalendar& cal, Date first,
                                       const std::optional<std::string>& agency,
                                       std::optional<long long> agency_id)
{
    const Date last{month_start(first, -1).days - 1};
    Figures f = tally_totals(db, cal, first, last, agency_id);
    const auto mine = [&](const MeasureGroup& g) { return !agency || g.agency_code == *agency; };
    for (const auto& [g, sums] : visit_sums(db, first, last))
    {
        f.visits.add(mine(g) ? sums : VisitSums{});
    }
    for (const auto& [g, sums] : survey_sums(db, first, last))
    {
        f.survey.add(mine(g) ? sums : SurveySums{});
    }
    complaint_counts(db, first, last, agency_id, f.complaints);
    return headline_of(f);
}

} // namespace

std::pair<std::string, long long> agency_of(SQLite::Database& db, const std::string& code)
{
    ApplicationFilter f;
    f.agency = code;
    const std::string stored = *resolve_filter(db, f).agency;
    SQLite::Statement st(db, "SELECT id FROM agency WHERE code = ?");
    st.bind(1, stored);
    st.executeStep();
    return {stored, st.getColumn(0).getInt64()};
}

void narrow_to_agency(PeriodReport& rep, const std::string& code)
{
    const auto it = std::find_if(rep.agencies.begin(), rep.agencies.end(),
                                 [&](const AgencyLine& a) { return a.code == code; });
    std::vector<AgencyLine> kept;
    if (it != rep.agencies.end())
    {
        kept.push_back(std::move(*it));
    }
    rep.agencies = std::move(kept);
    rep.totals = rep.agencies.empty() ? Figures{} : rep.agencies.front().totals;
    rep.mpp_itself = Figures{};
    rep.agency = code;
}

std::optional<Headline> headline_of(const Figures& f)
{
    if (!f.any())
    {
        return std::nullopt;
    }
    Headline h;
    h.received = f.received;
    h.decided = f.decided();
    h.on_time_pct = f.on_time_pct();
    h.open = f.carried_out;
    h.overdue = f.overdue_open;
    if (f.visits.records > 0)
    {
        h.visits = f.visits.visits;
    }
    h.ikm_converted = f.survey.ikm_converted();
    if (f.has_complaints())
    {
        h.complaints_open = f.complaints.open;
    }
    return h;
}

std::vector<TrendMonth> twelve_months(SQLite::Database& db, Date last,
                                      std::optional<long long> agency_id)
{
    std::vector<TrendMonth> out;
    for (int back = 11; back >= 0; --back)
    {
        out.push_back({month_start(last, back), 0, 0, std::nullopt});
    }
    SQLite::Statement st(
        db, "SELECT substr(r.day, 1, 7), sum(r.received), sum(r.completed + r.rejected), "
            "sum(r.on_time) FROM report_day r WHERE r.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR "
            "r.service_id IN (SELECT id FROM service WHERE agency_id = ?3)) GROUP BY 1");
    bind_period(st, out.front().month, Date{month_start(last, -1).days - 1}, agency_id);
    while (st.executeStep())
    {
        for (TrendMonth& t : out)
        {
            if (format_date(t.month).substr(0, 7) != st.getColumn(0).getString())
            {
                continue;
            }
            t.received = st.getColumn(1).getInt64();
            t.decided = st.getColumn(2).getInt64();
            Figures f; // the same rounding as the report's on-time %
            f.completed = t.decided;
            f.on_time = st.getColumn(3).getInt64();
            t.on_time_pct = f.on_time_pct();
        }
    }
    return out;
}

std::vector<OverdueLine> most_overdue(ApplicationStore& store, const WorkCalendar& cal, Date day,
                                      std::optional<long long> agency_id, std::size_t limit,
                                      long long count)
{
    // Most overdue first, then the earlier submission: the order of `report overdue`.
    const auto before = [](const OverdueLine& x, const OverdueLine& y)
    {
        return x.days_overdue != y.days_overdue ? x.days_overdue > y.days_overdue
               : x.application.submitted_at != y.application.submitted_at
                   ? x.application.submitted_at < y.application.submitted_at
                   : x.application.reference < y.application.reference;
    };
    std::vector<OverdueLine> best; // a heap: its front is the last of the best `limit`
    long long seen = 0;
    store.each_open_on(day, agency_id,
                       [&](Application&& a)
                       {
                           // Due on or after its submission: one submitted later is at most this
                           // overdue.
                           if (best.size() == limit &&
                               best.front().days_overdue >= cal.workdays(a.submitted_on, day))
                           {
                               return false;
                           }
                           const bool paused = a.paused_days != a.imported_paused || a.paused_since;
                           const Date due = due_on_day(
                               a, paused ? store.stays(a.id) : std::vector<Pause>{}, cal, day);
                           if (!open_past_due(a, due, day))
                           {
                               return true;
                           }
                           best.push_back({std::move(a), due, cal.workdays(due, day)});
                           std::push_heap(best.begin(), best.end(), before);
                           if (best.size() > limit)
                           {
                               std::pop_heap(best.begin(), best.end(), before);
                               best.pop_back();
                           }
                           return ++seen < count;
                       });
    std::sort_heap(best.begin(), best.end(), before);
    return best;
}

void add_people_parts(SQLite::Database& db, const OfficeSettings& office, const WorkCalendar& cal,
                      PeriodReport& rep, const ReportScope& scope)
{
    const std::optional<long long> agency_id =
        rep.agency ? std::optional<long long>(agency_of(db, *rep.agency).second) : std::nullopt;
    HeadlineBox box;
    box.current = headline_of(rep.totals).value_or(Headline{});
    box.previous_month = month_headline(db, cal, month_start(rep.from, 1), rep.agency, agency_id);
    box.previous_year = month_headline(db, cal, month_start(rep.from, 12), rep.agency, agency_id);
    rep.previous_received = box.previous_month ? box.previous_month->received : 0;
    rep.headline = box;
    rep.trend = twelve_months(db, rep.to, agency_id);
    rep.overdue_listed = scope.overdue_list;
    if (scope.overdue_list && rep.totals.overdue_open > 0)
    {
        ApplicationStore store(db, office, cal);
        rep.overdue_list =
            most_overdue(store, cal, rep.to, agency_id, k_overdue_listed, rep.totals.overdue_open);
        rep.overdue_more =
            rep.totals.overdue_open - static_cast<long long>(rep.overdue_list.size());
    }
    const auto setting = [&](const char* key)
    {
        const auto it = office.signature.find(key);
        return it == office.signature.end() ? std::string() : it->second;
    };
    rep.signature = {setting("place"), setting("signatory_title"), setting("signatory_name"),
                     setting("signatory_nip")};
}

} // namespace mpp
