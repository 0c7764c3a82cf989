#pragma once
// The working-day engine every SLA figure rests on (data.md "SLA"): no database, no I/O.
#include "mpp/datetime.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// One non-working date: national (libur nasional), collective_leave (cuti bersama),
// regional (libur daerah) or closure (office closed).
struct Holiday
{
    Date date;
    std::string kind;
    std::string name;
    bool operator==(const Holiday&) const = default;
};

// A stay in `returned`: the SLA clock stops from `entered` (exclusive) to `left` (inclusive).
struct Pause
{
    Date entered;
    std::optional<Date> left; // still returned when absent
};

// Working days: a date whose weekday is in the work week and that is not a national, regional
// or closure date, nor a collective-leave date while those count as holidays (data.md).
// Built once from the calendar; every query is O(1) or O(log n), no database access.
class WorkCalendar
{
  public:
    WorkCalendar(const std::vector<int>& workweek, bool collective_leave_is_holiday,
                 const std::vector<Holiday>& holidays);

    // Whether the date counts toward an SLA.
    bool is_working_day(Date date) const;
    // The number of working days d with a < d <= b (0 when b <= a).
    int workdays(Date a, Date b) const;
    // The date itself if it is a working day, else the next working day.
    Date start_day(Date date) const;
    // The working day that lies n working days after start (n = 0: start itself).
    Date add_workdays(Date start, int n) const;
    // Working days paused by stays in `returned`, counting an open stay up to as_of.
    int paused(Date start, const std::vector<Pause>& pauses, Date as_of) const;
    // The due date: sla_days + paused working days after the start day.
    Date due_on(Date start, int sla_days, int paused_days) const;
    // Working days from the start day to a decision, less the pauses, never below 0.
    int elapsed(Date start, Date decision, int paused_days) const;
    // Whether national holidays are loaded for the date's year (else only weekends count).
    bool covers(Date date) const;

  private:
    bool compute_working(Date date) const;
    std::int64_t index(Date date) const;
    bool in_table(Date date) const;

    std::vector<bool> m_workweek; // [1..7]
    std::vector<Date> m_holidays; // sorted non-working dates
    std::vector<int> m_years;     // years with national holidays
    Date m_base;
    std::vector<std::int32_t> m_cum; // working days in [m_base, m_base + i]
};

} // namespace mpp
