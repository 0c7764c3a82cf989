#pragma once
// The non-working-day calendar and the working-day engine every SLA figure rests on.
#include "mpp/agency.hpp"
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/output.hpp"
#include "mpp/settings.hpp"

#include <cstdint>
#include <functional>
#include <memory>
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

// The columns of a calendar CSV file.
const std::vector<FieldSpec>& calendar_fields();

// Validate raw field texts into a holiday.
std::optional<Holiday> parse_holiday(const RawRecord& raw, UtcOffset offset,
                                     FieldProblems& problems);

// The raw texts of a holiday.
RawRecord holiday_to_raw(const Holiday& holiday);

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

// Load the calendar and the office's working-day settings.
WorkCalendar load_work_calendar(SQLite::Database& db, const OfficeSettings& office);

// Filters of `calendar list`.
struct CalendarFilter
{
    std::optional<int> year;
    std::optional<long long> limit;
};

// Reads and writes the calendar; writes are audited in the caller's transaction.
class CalendarStore
{
  public:
    explicit CalendarStore(SQLite::Database& db) : m_db(db) {}
    // The holiday on a date, if any.
    std::optional<Holiday> find(Date date);
    // Holidays in date order.
    std::vector<Holiday> list(const CalendarFilter& filter);
    // Add one date (or with upsert replace it).
    WriteOutcome add(const Holiday& holiday, bool upsert, const Actor& actor);
    // Remove one date; throws Error(not_found) when it is not in the calendar.
    void remove(Date date, const Actor& actor);
    // Insert or overwrite without an audit row (imports audit once per batch).
    void write(const Holiday& holiday, bool exists, std::optional<long long> batch_id);

  private:
    SQLite::Database& m_db;
};

// Load the holidays shipped with mpp into a new database, as one audited batch.
void load_builtin_holidays(Database& db, const Actor& actor, UtcOffset offset);

// Table rows of holidays.
Table calendar_table(const std::vector<Holiday>& holidays);

// The import target for calendar files (key: the date).
class CalendarImport : public ImportTarget
{
  public:
    // `on_change` runs inside the transaction before it commits (to refresh stored due dates).
    explicit CalendarImport(SQLite::Database& db, std::function<void()> on_change = {})
        : m_store(db), m_on_change(std::move(on_change))
    {
    }
    std::string noun() const override { return "calendar"; }
    const std::vector<FieldSpec>& fields() const override { return calendar_fields(); }
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;
    void before_commit() override
    {
        if (m_on_change)
        {
            m_on_change();
        }
    }

  private:
    CalendarStore m_store;
    UtcOffset m_offset; // read in begin()
    std::function<void()> m_on_change;
    KeyTracker m_keys;
};

} // namespace mpp
