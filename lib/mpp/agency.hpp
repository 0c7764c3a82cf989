#pragma once
// Agencies (instansi): the tenants of the MPP, registered, updated and deactivated, never deleted.
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/output.hpp"

#include <SQLiteCpp/Statement.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// One agency as stored.
struct Agency
{
    std::string code;
    std::string name;
    std::string kind; // regional, vertical, soe, rsoe, bank, msme, private
    std::optional<std::string> counter;
    std::optional<std::string> contact_name;
    std::optional<std::string> phone; // E.164, or a service number's digits (`1500400`)
    std::optional<std::string> email;
    Date joined_on;
    std::optional<Date> left_on;
    std::optional<std::string> note;

    // Whether the agency serves at the MPP on the given date.
    bool active_on(Date date) const { return !left_on || *left_on > date; }
    bool operator==(const Agency&) const = default;
};

// The columns of an agency CSV file (import.md).
const std::vector<FieldSpec>& agency_fields();

// The kinds of agency (data.md), in display order.
const std::vector<std::string>& agency_kinds();

// Validate raw field texts into an agency (`joined_on` defaults to today).
std::optional<Agency> parse_agency(const RawRecord& raw, Date today, UtcOffset offset,
                                   FieldProblems& problems);

// The raw texts of an agency (the inverse of parse_agency).
RawRecord agency_to_raw(const Agency& agency);

// Filters of `agency list` / `export`.
struct AgencyFilter
{
    bool all = false; // include agencies that have left
    Date today;
    std::optional<long long> limit;
};

// Reads and writes agencies; every write records an audit row in the caller's transaction.
class AgencyStore
{
  public:
    explicit AgencyStore(SQLite::Database& db) : m_db(db) {}
    // The agency with this code, if any.
    std::optional<Agency> find(const std::string& code);
    // The agency with this code; throws Error(not_found).
    Agency get(const std::string& code);
    // Agencies by code.
    std::vector<Agency> list(const AgencyFilter& filter);
    // Create, or with upsert update, one agency; throws Error(invalid_data) if it exists.
    WriteOutcome add(const Agency& agency, bool upsert, const Actor& actor);
    // Replace the stored agency of the same code (audited); unchanged writes nothing.
    WriteOutcome update(const Agency& agency, const Actor& actor);
    // Mark the agency as left on the date; false when it had already left.
    bool deactivate(const std::string& code, Date left_on, const Actor& actor);
    // Insert or overwrite without an audit row (imports audit once per batch).
    void write(const Agency& agency, bool exists, const Actor& actor,
               std::optional<long long> batch_id);

  private:
    SQLite::Database& m_db;
    std::unique_ptr<SQLite::Statement> m_find;
    std::unique_ptr<SQLite::Statement> m_insert;
    std::unique_ptr<SQLite::Statement> m_update;
};

// The warning for an agency or service (`what`) withdrawn while `open` applications of it
// still wait; none when there are none.
std::optional<std::string> open_applications_warning(const std::string& what, long long open);

// Table rows of agencies; `with_status` adds the computed `active` column of `list`.
Table agency_table(const std::vector<Agency>& agencies, Date today, bool with_status);

// The import target for agency files.
class AgencyImport : public ImportTarget
{
  public:
    AgencyImport(SQLite::Database& db, Actor actor) : m_store(db), m_actor(std::move(actor)) {}
    std::string noun() const override { return "agency"; }
    const std::vector<FieldSpec>& fields() const override { return agency_fields(); }
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;

  private:
    AgencyStore m_store;
    Actor m_actor;
    Date m_today; // for joined_on, in the office's offset (read in begin())
    UtcOffset m_offset;
    KeyTracker m_keys;
};

} // namespace mpp
