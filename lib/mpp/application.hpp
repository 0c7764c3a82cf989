#pragma once
// Permit applications (permohonan): the record, its history and the store that keeps both.
#include "mpp/calendar.hpp"
#include "mpp/db.hpp"
#include "mpp/output.hpp"
#include "mpp/selection.hpp"
#include "mpp/service.hpp"
#include "mpp/settings.hpp"
#include "mpp/status.hpp"

#include <SQLiteCpp/Statement.h>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// One application as stored.
struct Application
{
    long long id = 0;
    std::string reference;
    std::string service;
    std::string agency;
    std::string applicant_name;
    std::string nik;
    std::optional<std::string> phone; // E.164
    std::string channel = "counter";
    Instant submitted_at = 0;
    Date submitted_on;
    Date start_on;
    std::string status = "submitted";
    Instant status_at = 0;
    std::optional<Instant> decided_at;
    std::optional<Date> decided_on;
    int sla_days = 0;
    int imported_paused = 0;
    int paused_days = 0;              // imported + closed stays in `returned`
    std::optional<Date> paused_since; // the open stay in `returned`
    Date due_on;                      // counting the closed pauses only
    long long fee = 0;
    std::optional<std::string> note;
    long long service_id = 0;
    std::optional<Instant> voided_at; // a void record counts nowhere (data.md "Corrections")
};

// One event in an application's history: a status change, or a correction, void or unvoid
// (kind `corrected`, `voided`, `unvoided`: no `from`, `to` is the status kept, `detail` the
// masked change as JSON).
struct StatusEvent
{
    Instant at = 0;
    std::optional<std::string> from;
    std::string to;
    std::string operator_name;
    std::optional<std::string> note;
    std::string kind = "status";
    std::optional<std::string> detail;
};

// What a new application carries (submit, or one imported row).
struct NewApplication
{
    std::optional<std::string> reference; // generated when absent
    std::string service;
    std::string applicant_name;
    std::string nik;
    std::optional<std::string> phone;
    std::string channel = "counter";
    Instant submitted_at = 0;
    std::string status = "submitted";
    std::optional<Instant> status_at;
    std::optional<Instant> decided_at;
    int imported_paused = 0;
    std::optional<long long> fee; // the service's fee when absent
    std::optional<std::string> note;
    bool checked = false; // the caller ran check_new_application and knows the reference is free
};

// Why a service takes no application submitted on that day (it was retired), else nullopt.
std::optional<std::string> retired_problem(const Service& service, Date submitted_on);

// The rules of a new application against its service (retired service, decided_at required
// for final statuses and not before submitted_at, no time later than now, …), as field problems.
void check_new_application(const NewApplication& app, const Service& service, UtcOffset offset,
                           Instant now, FieldProblems& problems);

// Whose open applications ApplicationStore::count_open counts.
enum class OpenOf
{
    agency, // of all the agency's services
    service
};

// Reads and writes applications; writes go inside the caller's transaction.
class ApplicationStore
{
  public:
    ApplicationStore(SQLite::Database& db, const OfficeSettings& office,
                     const WorkCalendar& calendar);
    ~ApplicationStore();
    ApplicationStore(const ApplicationStore&) = delete;
    ApplicationStore& operator=(const ApplicationStore&) = delete;

    // The application with this reference, if any.
    std::optional<Application> find(const std::string& reference);
    // The application; throws Error(not_found).
    Application get(const std::string& reference);
    // Its history, oldest first (every kind of event).
    std::vector<StatusEvent> history(long long application_id);
    // Append a non-status event (`corrected`, `voided`, `unvoided`) to its history.
    void append_event(const Application& app, const std::string& kind,
                      const std::optional<std::string>& detail,
                      const std::optional<std::string>& note, const Actor& actor);
    // Its stays in `returned` (local dates), from the status events of its history.
    std::vector<Pause> stays(long long application_id);
    // Applications by submission time, then reference, that pass the filter (overdue judged by
    // overdue_on from their stays; the limit counts what passes).
    std::vector<Application> list(const ApplicationFilter& filter);
    // The same, one at a time (constant memory for exports of millions).
    void each(const ApplicationFilter& filter, const std::function<void(Application&&)>& visit);
    // The applications open at the end of `day` (of one agency when given), in submission
    // order, until `visit` returns false.
    void each_open_on(Date day, std::optional<long long> agency_id,
                      const std::function<bool(Application&&)>& visit);
    // How many applications of the agency or service with this stored code are open now
    // (undecided, not void), found by index.
    long long count_open(OpenOf of, const std::string& code);
    // How the selection's query runs (EXPLAIN QUERY PLAN details), to check that it is indexed.
    std::vector<std::string> plan(const ApplicationFilter& filter);
    // Validate and record a new application with its history; returns it. Throws
    // Error(invalid_data) for an unknown or retired service, a bad date order or a taken
    // reference. `batch` and `line` tag imported rows.
    Application create(const NewApplication& app, const Actor& actor,
                       std::optional<long long> batch = std::nullopt, std::size_t line = 0,
                       bool audit = true);
    // Move an application along the lifecycle (audited); throws Error(invalid_data) for an
    // illegal move or a change dated before the previous one.
    Application set_status(const std::string& reference, const std::string& status, Instant at,
                           const std::optional<std::string>& note, const Actor& actor,
                           bool audit = true);
    // Update phone, fee, note, name and channel from an import (no audit row).
    void update_details(const Application& app, std::optional<long long> batch, std::size_t line);
    // Gather the report tallies in memory until flush_tallies() (imports); single changes
    // write them at once.
    void defer_tallies();
    void flush_tallies();
    // Gather the history events of new applications and write them many rows per statement
    // until flush_events() (imports); reading a history writes them first.
    void defer_events();
    void flush_events();
    // The service record used for new applications (cached).
    const Service& service(const std::string& code);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The import target for application files (import.md): references kept or generated,
// --on-conflict update for cumulative exports, the Excel-rounded NIK check.
class ApplicationImport : public ImportTarget
{
  public:
    ApplicationImport(SQLite::Database& db, Actor actor);
    ~ApplicationImport() override;
    std::string noun() const override { return "application"; }
    const std::vector<FieldSpec>& fields() const override;
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;
    void on_header(const std::vector<std::string>& fields, const ImportOptions& options) override;
    std::optional<std::string> file_problem() override;
    void before_commit() override;

  private:
    // A stored application a row is keyed to, and the batch and line that last wrote it.
    struct Match
    {
        std::string reference;
        std::optional<long long> touched_batch;
        long long touched_line = 0;
    };
    std::optional<NewApplication> parse(const RawRecord& record, FieldProblems& problems);
    std::optional<Match> by_reference(const std::string& reference);
    std::optional<Match> by_filing(const NewApplication& row);
    RowOutcome conflict(const Match& match, NewApplication& row, const RawRecord& record,
                        long long batch_id, std::size_t line, OnConflict on_conflict,
                        FieldProblems& problems);
    RowOutcome update(const Application& stored, const NewApplication& row, const RawRecord& record,
                      long long batch_id, std::size_t line, FieldProblems& problems);
    void insert(const NewApplication& row, long long batch_id, std::size_t line);
    void remember_batch(long long application_id, long long batch_id, std::size_t line);
    SQLite::Database& m_db;
    Actor m_actor;
    // Read inside the import's transaction (begin()).
    std::optional<OfficeSettings> m_office;
    std::unique_ptr<WorkCalendar> m_calendar;
    std::unique_ptr<ApplicationStore> m_store;
    UtcOffset m_offset;
    std::unique_ptr<SQLite::Statement> m_touched;
    std::unique_ptr<SQLite::Statement> m_filing;
    std::unique_ptr<SQLite::Statement> m_batches;
    std::map<std::string, long long> m_service_ids;
    bool m_by_filing = false; // the file has no reference column
    bool m_accept_trailing_zeros = false;
    std::uint64_t m_niks = 0;
    std::uint64_t m_niks_ending_in_zero = 0;
    // A batch larger than the table (and than 50,000 rows) builds the secondary indexes once,
    // at the end, instead of row by row.
    long long m_inserted = 0;
    long long m_defer_at = -1;
    DeferredIndexes m_indexes;
};

// Recompute an application's stored dates (local dates, start day, paused days, open pause, due
// date) from its times, SLA days and stays in `returned` (data.md "SLA").
void derive_dates(Application& app, const std::vector<Pause>& stays, const WorkCalendar& calendar,
                  UtcOffset offset);

// Follow one application's status events (oldest first) into its stays in `returned`.
void follow_stays(std::vector<Pause>& stays, Date day, bool from_returned, bool to_returned);

// The stays in `returned` of every application that had one, by application id.
std::map<long long, std::vector<Pause>> returned_stays(SQLite::Database& db, UtcOffset offset);

} // namespace mpp
