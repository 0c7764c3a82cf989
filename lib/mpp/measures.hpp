#pragma once
// The figures of measures.md (visits, the SKM survey and its IKM, complaints) as raw sums that
// pool exactly over periods, groups and offices, and the rules that turn them into figures.
// The sums come from the tallies of schema 7; the monthly report, `visit list`, `report skm`
// and `complaint list` all compute their figures here.
#include "mpp/datetime.hpp"

#include <SQLiteCpp/Database.h>
#include <array>
#include <map>
#include <optional>
#include <string>

namespace mpp
{

class WorkCalendar;

// A group of the measures: an agency and a service (service empty: the agency's visits,
// responses or complaints without a service; agency empty too: the MPP itself).
struct MeasureGroup
{
    std::string agency_code;
    std::string service_code;
    auto operator<=>(const MeasureGroup&) const = default;
};

// The median of a histogram (value -> count): the mean of the middle two for an even count,
// one decimal; empty when the histogram counts nothing.
std::optional<double> histogram_median(const std::map<int, long long>& histogram);

// The smallest value with at least `percent` % of the counts at or below it.
std::optional<int> histogram_percentile(const std::map<int, long long>& histogram, int percent);

// Round half away from zero to `decimals` places, through the decimal form (80.865 -> 80.87).
double round_to(double value, int decimals);

// Visits of a group over a period (measures.md "Visits").
struct VisitSums
{
    long long records = 0; // visit rows (a tally-sheet count of 0 is a record)
    long long visits = 0;  // tickets + counts
    long long served = 0;  // tickets served + counts
    long long no_show = 0;
    std::map<int, long long> wait_minutes;    // tickets with called_at, by whole minutes
    std::map<int, long long> service_minutes; // tickets with finished_at, by whole minutes
    std::map<Date, long long> per_day;        // visits per local day

    // Pool another group's or day's sums into these.
    void add(const VisitSums& other);
    // visits ÷ working days, one decimal (empty without working days).
    std::optional<double> per_working_day(int working_days) const;
    // The date with the most visits, the earliest on a tie (empty without visits).
    std::optional<Date> busiest_day() const;
    std::optional<double> wait_median() const { return histogram_median(wait_minutes); }
    std::optional<int> wait_p90() const { return histogram_percentile(wait_minutes, 90); }
    std::optional<double> service_median() const { return histogram_median(service_minutes); }
};

// The nine unsur of PermenPANRB 14/2017, by code (u1 … u9).
constexpr int k_unsur = 9;

// Cut-offs of the IKM grades on the converted scale (settings skm.grade_a/b/c).
struct SkmGrades
{
    double a = 88.31;
    double b = 76.61;
    double c = 65.00;
};

// A grade and its performance label (`B`, `Baik`, `Good`).
struct Grade
{
    char letter = 'D';
    const char* label_id = "Tidak Baik";
    const char* label_en = "Poor";
};

// The grade of a converted IKM (already rounded to 2 decimals).
Grade grade_of(double ikm_converted, const SkmGrades& grades);

// SKM responses of a group over a period (measures.md "Satisfaction survey").
struct SurveySums
{
    long long respondents = 0;
    std::array<long long, k_unsur> sum{};     // the answers' values, per unsur
    std::array<long long, k_unsur> answers{}; // responses that answered it, per unsur

    // Pool another group's sums into these.
    void add(const SurveySums& other);
    // Count one response (answers 1–4, nullopt when not answered).
    void add_response(const std::array<std::optional<int>, k_unsur>& answers_given);
    // The NRR of unsur `u` (0-based), exact (empty when nobody answered it).
    std::optional<double> nrr(int u) const;
    // The mean of the NRRs that have answers, exact.
    std::optional<double> ikm() const;
    // ikm × 25 rounded to 2 decimals.
    std::optional<double> ikm_converted() const;
    // The unsur (0-based) with the lowest NRR, the lower number on a tie.
    std::optional<int> weakest() const;
};

// The Krejcie–Morgan minimum sample for a population (0 for 0): N = 100 -> 80.
long long krejcie_morgan(long long population);

// Complaints of a group over a period F..L (measures.md "Complaints").
struct ComplaintSums
{
    long long received = 0; // received in the period
    long long resolved = 0; // resolved in the period
    long long rejected = 0; // rejected in the period
    long long open = 0;     // received on or before L, neither resolved nor rejected at its end
    long long on_time = 0;  // resolved in the period within complaint.sla_days working days
    std::map<int, long long> resolution_days; // resolved in the period, by working days taken

    // Pool another group's sums into these.
    void add(const ComplaintSums& other);
    // Whether the group has anything to show for the period (received in it or open at its end).
    bool any() const { return received > 0 || open > 0 || resolved > 0 || rejected > 0; }
    // 100 × on_time ÷ resolved, one decimal (empty when nothing was resolved).
    std::optional<double> on_time_pct() const;
    // The median working days of the resolved ones, one decimal.
    std::optional<double> resolution_median() const { return histogram_median(resolution_days); }
};

// The sums per group for F..L, from the tallies (lib/mpp/visit.cpp, survey.cpp, complaint.cpp).
std::map<MeasureGroup, VisitSums> visit_sums(SQLite::Database& db, Date from, Date to);
std::map<MeasureGroup, SurveySums> survey_sums(SQLite::Database& db, Date from, Date to);
std::map<MeasureGroup, ComplaintSums> complaint_sums(SQLite::Database& db,
                                                     const WorkCalendar& calendar, int sla_days,
                                                     Date from, Date to);

} // namespace mpp
