#pragma once
// Reports (reports.md): the monthly service report, any period's summary, overdue lists.
// The figures are computed from three indexed range scans, aggregated in C++.
#include "mpp/application.hpp"
#include "mpp/calendar.hpp"
#include "mpp/measures.hpp"
#include "mpp/settings.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// The figures of one row (a service, an agency subtotal or the MPP total).
struct Figures
{
    long long carried_in = 0;
    long long received = 0;
    long long completed = 0;
    long long rejected = 0;
    long long cancelled = 0;
    long long carried_out = 0;
    long long on_time = 0;
    long long late = 0;
    long long overdue_open = 0;
    long long fees = 0;
    // received by channel (data.md `channel`): counter + online + outreach = received
    long long received_counter = 0;
    long long received_online = 0;
    long long received_outreach = 0;
    std::map<int, long long> elapsed_histogram; // working days elapsed -> decisions
    // measures.md "In the monthly report": raw sums, so rows and periods pool exactly.
    VisitSums visits;         // empty (no record) -> the visit columns are empty
    SurveySums survey;        // no respondent -> the survey columns are empty
    ComplaintSums complaints; // none received in the period nor open at its end -> empty

    // completed + rejected: a cancellation is a withdrawal, not a decision.
    long long decided() const { return completed + rejected; }
    // Pool another row's figures into this one (subtotals and totals).
    void add(const Figures& other);
    // Whether any figure is non-zero or any visit, response or complaint is recorded.
    bool any() const;
    // Whether the row shows complaint figures (received in the period or open at its end).
    bool has_complaints() const { return complaints.received > 0 || complaints.open > 0; }
    // 100 × on_time / decided, one decimal (empty when nothing was decided).
    std::optional<double> on_time_pct() const;
    // Mean, median and maximum of the elapsed working days of the decisions.
    std::optional<double> elapsed_avg() const;
    std::optional<double> elapsed_median() const;
    std::optional<int> elapsed_max() const;
};

// Round to one decimal, half away from zero (18/32 = 56.25 -> 56.3).
double round1(double value);

// One service's row.
struct ServiceLine
{
    std::string code;
    std::string name;
    Figures figures;
};

// One agency with its services and subtotal.
struct AgencyLine
{
    std::string code;
    std::string name;
    std::vector<ServiceLine> services;
    Figures totals;
};

// One open application overdue on a date.
struct OverdueLine
{
    Application application;
    Date due_on;
    int days_overdue = 0;
};

// The headline figures of one month (reports.md "For the people who read it"); a measure is
// absent where the month has no record of it.
struct Headline
{
    long long received = 0;
    long long decided = 0;
    std::optional<double> on_time_pct; // absent when nothing was decided
    long long open = 0;                // carried_out: open at the end of the month
    long long overdue = 0;             // overdue_open: open and overdue at the end of the month
    std::optional<long long> visits;   // visits recorded (absent: no visit record)
    std::optional<double> ikm_converted; // IKM 25-100 (absent: no respondent)
    std::optional<long long> complaints_open; // open at the end (absent: no complaint record)
};

// The headline of the report's month and of the same figures a month and a year earlier
// (absent where that month has no data at all).
struct HeadlineBox
{
    Headline current;
    std::optional<Headline> previous_month;
    std::optional<Headline> previous_year;
};

// One month of the twelve-month trend.
struct TrendMonth
{
    Date month; // its first day
    long long received = 0;
    long long decided = 0;
    std::optional<double> on_time_pct; // absent when nothing was decided
};

// The signature block under a printed report (settings `report.place`, `report.signatory_*`);
// left out while `name` is empty.
struct Signature
{
    std::string place;
    std::string title;
    std::string name;
    std::string nip;
};

// A report over a period of local dates.
struct PeriodReport
{
    std::string office_name;
    std::string office_code;
    UtcOffset offset; // the office's, for the local times of the overdue list
    Date from;
    Date to;
    int working_days = 0;
    std::vector<Holiday> non_working; // calendar dates on workweek days that do not count
    long long active_agencies = 0;
    long long active_services = 0;
    std::optional<long long> previous_received; // the month before (monthly reports)
    SkmGrades grades;                           // the office's IKM grade cut-offs
    std::vector<AgencyLine> agencies;
    Figures mpp_itself; // complaints about the MPP itself (no agency): a row of its own
    Figures totals;
    // For the people who read it (monthly reports; see reports.md):
    std::optional<std::string> agency;     // --agency CODE: one agency, no MPP total row
    std::optional<HeadlineBox> headline;   // monthly reports only
    std::vector<TrendMonth> trend;         // monthly: 12 months ending with the report's month
    std::vector<OverdueLine> overdue_list; // open and overdue at `to`, most overdue first (<= 200)
    long long overdue_more = 0;            // overdue at `to` beyond the list
    bool overdue_listed = false;           // false with --no-overdue-list (and for summaries)
    Signature signature;
};

// What a report covers beyond its period.
struct ReportScope
{
    std::optional<std::string> agency; // one agency's code (any case; unknown: invalid_data)
    bool overdue_list = true;          // monthly reports: list what is overdue at L
};

// Compute the report for F..L; `previous` (a monthly report) also counts what was received in
// the previous month and fills the headline box, the trend, the overdue list and the signature.
PeriodReport build_report(SQLite::Database& db, const OfficeSettings& office,
                          const WorkCalendar& calendar, Date from, Date to, bool previous,
                          const ReportScope& scope = {});

// The headline figures of a row's figures, or nothing when the row has no data at all.
std::optional<Headline> headline_of(const Figures& figures);

// The twelve months ending with the month of `last` (zeros before any data): received,
// decided and on time from the tallies, of one agency's services when `agency_id` is given.
std::vector<TrendMonth> twelve_months(SQLite::Database& db, Date last,
                                      std::optional<long long> agency_id);

// The first `limit` of the `count` applications open and overdue on `day` (of one agency when
// given), most overdue first (then by submission); the scan stops as soon as no later
// submission can be more overdue or all `count` were seen.
std::vector<OverdueLine> most_overdue(ApplicationStore& store, const WorkCalendar& calendar,
                                      Date day, std::optional<long long> agency_id,
                                      std::size_t limit, long long count);

// The words --month takes besides YYYY-MM: previous, current.
const std::vector<std::string>& month_words();

// The first and last day of `YYYY-MM`, `previous` or `current` (L is today for current).
std::pair<Date, Date> month_period(const std::string& month, Date today);

// The applications a filter with `overdue` selects (open and past due on its `as_of`), most
// overdue first.
std::vector<OverdueLine> overdue_applications(ApplicationStore& store, const WorkCalendar& calendar,
                                              const ApplicationFilter& filter);

} // namespace mpp
