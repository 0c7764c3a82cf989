#pragma once
// Services (jenis layanan) with their Standar Pelayanan; retired, never deleted.
#include "mpp/agency.hpp"
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

// One service as stored.
struct Service
{
    std::string code;
    std::string agency; // the agency's code
    std::string name;
    std::string category; // business_permit, non_business_permit, non_permit, civil_registry,
                          // payment, information
    int sla_days = 0;     // working days; 0 = the same working day
    long long fee = 0;    // Rupiah; 0 for a variable fee
    std::optional<std::string> fee_text; // a variable fee as written (`Sesuai Perda …`)
    std::optional<std::string> product;
    std::vector<std::string> requirements;
    std::optional<std::string> procedure;
    std::optional<std::string> legal_basis;
    std::optional<std::string> complaint_channel;
    std::optional<Date> retired_on;

    // Whether the service takes applications on the date.
    bool active_on(Date date) const { return !retired_on || *retired_on > date; }
    bool operator==(const Service&) const = default;
};

// The columns of a service CSV file (import.md).
const std::vector<FieldSpec>& service_fields();

// Validate raw field texts into a service (the agency's existence is checked by the store).
std::optional<Service> parse_service(const RawRecord& raw, UtcOffset offset,
                                     FieldProblems& problems);

// The raw texts of a service; requirements joined with ` | `.
RawRecord service_to_raw(const Service& service);

// Filters of `service list` / `export`.
struct ServiceFilter
{
    bool all = false; // include retired services and those of agencies that left
    std::optional<std::string> agency;
    Date today;
    std::optional<long long> limit;
};

// Reads and writes services; every write records an audit row in the caller's transaction.
class ServiceStore
{
  public:
    explicit ServiceStore(SQLite::Database& db) : m_db(db), m_agencies(db) {}
    // The service with this code, if any.
    std::optional<Service> find(const std::string& code);
    // The service with this code; throws Error(not_found).
    Service get(const std::string& code);
    // Services by code.
    std::vector<Service> list(const ServiceFilter& filter);
    // Create, or with upsert update, one service; throws Error(invalid_data) if it exists.
    WriteOutcome add(const Service& service, bool upsert, const Actor& actor);
    // Replace the stored service of the same code (audited); unchanged writes nothing.
    WriteOutcome update(const Service& service, const Actor& actor);
    // Withdraw the service from the date on; false when it was retired already.
    bool retire(const std::string& code, Date retired_on, const Actor& actor);
    // Insert or overwrite without an audit row (imports audit once per batch).
    void write(const Service& service, bool exists, const Actor& actor,
               std::optional<long long> batch_id);
    // The agency a service belongs to; throws Error(invalid_data) naming an unknown code.
    Agency agency_of(const std::string& agency_code);

  private:
    std::vector<std::string> requirements_of(long long service_id);
    Service read(SQLite::Statement& st);
    SQLite::Database& m_db;
    AgencyStore m_agencies;
    std::unique_ptr<SQLite::Statement> m_find;
    std::unique_ptr<SQLite::Statement> m_requirements;
};

// What to tell an operator who records an application of the service with this fee (`given`
// when a fee was given): a variable fee without one, or a fee other than the standard one.
std::optional<std::string> fee_notice(const Service& service, std::optional<long long> given);

// Table rows of services; `with_status` adds the computed `active` column of `list`.
Table service_table(const std::vector<Service>& services, Date today, bool with_status);

// The Standar Pelayanan of a service as a notice board shows it, for people.
std::string service_card(const Service& service, const Agency& agency, Date today,
                         const std::string& lang);

// The import target for service files.
class ServiceImport : public ImportTarget
{
  public:
    ServiceImport(SQLite::Database& db, Actor actor) : m_store(db), m_actor(std::move(actor)) {}
    std::string noun() const override { return "service"; }
    const std::vector<FieldSpec>& fields() const override { return service_fields(); }
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;

  private:
    ServiceStore m_store;
    Actor m_actor;
    UtcOffset m_offset; // read in begin()
    KeyTracker m_keys;
};

} // namespace mpp
