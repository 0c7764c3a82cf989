#pragma once
// Visits (kunjungan, measures.md "Visits"): queue tickets and tally-sheet counts, imported or
// counted by hand, with the tallies (visit_tally, visit_minutes) kept in the same transaction.
#include "mpp/audit.hpp"
#include "mpp/db.hpp"
#include "mpp/error.hpp"
#include "mpp/import.hpp"
#include "mpp/measures.hpp"
#include "mpp/output.hpp"

#include <SQLiteCpp/Statement.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpp
{

class WorkCalendar;

// One visit row: a queue ticket (count 1) or a day's count from a tally sheet.
struct Visit
{
    bool ticket_row = true; // kind `ticket`, else `count`
    std::string agency;     // code
    long long agency_id = 0;
    std::optional<std::string> service; // code; none: counted at its agency and above
    long long service_id = 0;           // 0: none
    Date day;                           // local date (of taken_at for a ticket)
    std::string channel = "counter";    // counter, outreach
    std::optional<std::string> ticket;  // the queue number
    std::optional<Instant> taken_at;
    std::optional<Instant> called_at;
    std::optional<Instant> finished_at;
    std::string outcome = "served"; // served, no_show (tickets)
    long long count = 1;

    bool operator==(const Visit&) const = default;
};

// `agency 'X' not found (see: mpp agency list --all)` (or service), as the other nouns say it.
Error code_not_found(const std::string& noun, const std::string& code);

// The columns of a visit file: both shapes (tickets, daily counts), told apart by on_header.
const std::vector<FieldSpec>& visit_fields();

// The agencies and services a visit may name, by code.
struct VisitCatalogue
{
    std::map<std::string, long long> agencies;
    std::map<std::string, std::pair<long long, std::string>> services; // id, agency code
};

// Read the catalogue of the database.
VisitCatalogue load_visit_catalogue(SQLite::Database& db);

// Validate a ticket row (ticket_row) or a count row into a visit; times at `offset`, none
// later than `now`.
std::optional<Visit> parse_visit(const RawRecord& raw, bool ticket_row,
                                 const VisitCatalogue& catalogue, UtcOffset offset, Instant now,
                                 FieldProblems& problems);

// The raw texts of a visit (the inverse of parse_visit; times shown at `offset`).
RawRecord visit_to_raw(const Visit& visit, UtcOffset offset);

// The key of measures.md "Keys": (agency, day, ticket), the whole ticket row, or (day, agency,
// service, channel) for a count.
std::string visit_key(const Visit& visit);

// The problem of a ticket without number whose row a file repeats (first seen on line `first`);
// none for other visits (the default message names their key).
std::optional<FieldProblem> visit_repeated(const Visit& visit, std::size_t first);

// Changes to visit_tally and visit_minutes, gathered in memory and written in one go.
class VisitTally
{
  public:
    // Add (sign +1) or take away (-1) what a visit counts for.
    void add(const Visit& visit, int sign);
    // Add the gathered changes to the tables, then forget them.
    void flush(SQLite::Database& db);
    // The differences between these (complete) tallies and the stored ones, for `db check`.
    std::vector<std::string> compare(SQLite::Database& db) const;

  private:
    struct Day
    {
        long long records = 0;
        long long visits = 0;
        long long served = 0;
        long long no_show = 0;
        bool operator==(const Day&) const = default;
    };
    using Where = std::tuple<int, long long, long long>; // day, agency_id, service_id
    using Minute = std::tuple<Where, std::string, int>;  // measure, minutes
    void flush_days(SQLite::Database& db) const;
    void flush_minutes(SQLite::Database& db) const;
    static std::map<Where, Day> stored_days(SQLite::Database& db);
    static std::map<Minute, long long> stored_minutes(SQLite::Database& db);
    std::map<Where, Day> m_days;
    std::map<Minute, long long> m_minutes;
};

// Reads and writes visit rows, keeping the tallies in step (flush() before commit).
class VisitStore
{
  public:
    VisitStore(SQLite::Database& db, UtcOffset offset) : m_db(db), m_offset(offset) {}
    // The stored visit with this key, if any.
    std::optional<Visit> find(const std::string& key);
    // Insert, or overwrite the row of the same key, without an audit row.
    void write(const Visit& visit, bool exists, const Actor& actor,
               std::optional<long long> batch_id);
    // Write the gathered tally changes.
    void flush() { m_tally.flush(m_db); }

  private:
    SQLite::Database& m_db;
    UtcOffset m_offset;
    VisitTally m_tally;
    std::unique_ptr<SQLite::Statement> m_find;
    std::unique_ptr<SQLite::Statement> m_insert;
    std::unique_ptr<SQLite::Statement> m_update;
};

// The import target for visit files (tickets or daily counts, told apart by their columns).
class VisitImport : public ImportTarget
{
  public:
    VisitImport(SQLite::Database& db, Actor actor) : m_db(db), m_actor(std::move(actor)) {}
    std::string noun() const override { return "visit"; }
    const std::vector<FieldSpec>& fields() const override { return visit_fields(); }
    void begin(SQLite::Database& db) override;
    void on_header(const std::vector<std::string>& fields, const ImportOptions& options) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;
    void before_commit() override;

  private:
    SQLite::Database& m_db;
    Actor m_actor;
    UtcOffset m_offset;
    VisitCatalogue m_catalogue;
    std::unique_ptr<VisitStore> m_store;
    KeyTracker m_keys;
    bool m_tickets = true;
};

// What `visit add` did: the key and the day's count after it.
struct VisitCount
{
    std::string key;
    long long count = 0;
    bool created = false;
};

// The largest count a visit row may hold (a tally sheet's, or a day's hand counts together).
constexpr long long k_max_visit_count = 1000000000;

// `visit add`: add a hand count (agency, service, date, count, channel in `raw`) to the count
// row of its key, creating it (audited); a second add the same day adds to the count.
VisitCount add_visit_count(Database& db, const RawRecord& raw, const Actor& actor, bool dry_run);

// The tallies of every visit, computed from the stored rows.
VisitTally compute_visit_tallies(SQLite::Database& db);
// What `db check` finds wrong with the visit tallies (empty when they agree).
std::vector<std::string> check_visit_tallies(SQLite::Database& db);
// Replace the stored visit tallies with freshly computed ones (`db check --repair`).
void rebuild_visit_tallies(SQLite::Database& db);
// After office.utc_offset changed: each ticket's local day (and key) follows its taken_at,
// then the tallies are rebuilt.
void refresh_visit_days(SQLite::Database& db);

// The sums per local day and group (agency code, service code or "") of from..to, read from
// the tallies of those days only.
std::map<std::pair<Date, MeasureGroup>, VisitSums> visit_day_sums(SQLite::Database& db, Date from,
                                                                  Date to);

// Filters of `visit list` (codes as given; unknown ones are invalid data).
struct VisitFilter
{
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::optional<Date> from;
    std::optional<Date> to;
    std::optional<long long> limit;
    std::string by; // empty: per day; service, agency or mpp
};

// The table of `visit list`: per day, agency and service, or with `by` the period figures.
Table visit_table(SQLite::Database& db, const WorkCalendar& calendar, const VisitFilter& filter);

} // namespace mpp
