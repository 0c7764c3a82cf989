#pragma once
// The non-working-day calendar: its store, its import and its CSV columns.
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/output.hpp"
#include "mpp/settings.hpp"
#include "mpp/workdays.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// The columns of a calendar CSV file.
const std::vector<FieldSpec>& calendar_fields();

// The kinds of non-working day, in display order.
const std::vector<std::string>& holiday_kinds();

// Validate raw field texts into a holiday.
std::optional<Holiday> parse_holiday(const RawRecord& raw, UtcOffset offset,
                                     FieldProblems& problems);

// The raw texts of a holiday.
RawRecord holiday_to_raw(const Holiday& holiday);

// Load the calendar and the office's working-day settings.
WorkCalendar load_work_calendar(SQLite::Database& db, const OfficeSettings& office);

// What the stored dates and tallies were computed with: read before a change of the calendar
// or its settings, inside the change's transaction.
struct CalendarState
{
    WorkCalendar calendar;
    UtcOffset offset;
};

// The calendar and the office's offset as stored now.
CalendarState calendar_state(SQLite::Database& db);

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
    // Add one date (or with upsert replace it); the stored due dates and report tallies follow
    // in the caller's transaction.
    WriteOutcome add(const Holiday& holiday, bool upsert, const Actor& actor);
    // Remove one date (due dates and tallies follow); throws Error(not_found) when it is not in
    // the calendar.
    void remove(Date date, const Actor& actor);
    // Insert or overwrite without an audit row (imports audit once per batch).
    void write(const Holiday& holiday, bool exists, std::optional<long long> batch_id);

  private:
    SQLite::Database& m_db;
};

// Load the holidays shipped with mpp into a new database, as one audited batch.
void load_builtin_holidays(Database& db, const Actor& actor);

// Table rows of holidays.
Table calendar_table(const std::vector<Holiday>& holidays);

// The import target for calendar files (key: the date); before the commit it recomputes the
// stored due dates and report tallies that the new dates move.
class CalendarImport : public ImportTarget
{
  public:
    explicit CalendarImport(SQLite::Database& db) : m_db(db), m_store(db)
    {
    }
    std::string noun() const override { return "calendar"; }
    const std::vector<FieldSpec>& fields() const override { return calendar_fields(); }
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;
    void before_commit() override;

  private:
    SQLite::Database& m_db;
    CalendarStore m_store;
    UtcOffset m_offset;                    // read in begin()
    std::optional<CalendarState> m_before; // the calendar the stored dates were computed with
    KeyTracker m_keys;
};

} // namespace mpp
