#pragma once
// The append-only audit trail: who changed what, written inside the change's transaction.
#include "mpp/datetime.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// Who is acting and when; passed to every write.
struct Actor
{
    std::string operator_name;
    std::string os_user;
    Instant now = 0;
};

// Why a text cannot name an operator (data.md "Audit trail": 1-100 characters of valid UTF-8,
// no control or bidirectional-override characters, not only spaces), or nullopt when it can.
std::optional<std::string> operator_name_problem(std::string_view name);

// One change to record.
struct AuditEntry
{
    std::string action; // create, update, deactivate, import, setting, …
    std::string entity; // agency, database, setting, …
    std::optional<std::string> key;
    std::optional<std::string> detail; // JSON, personal data masked
    std::optional<long long> batch_id;
};

// Append one audit row (inside the caller's transaction).
void append_audit(SQLite::Database& db, const Actor& actor, const AuditEntry& entry);

// A stored audit row.
struct AuditRecord
{
    long long id = 0;
    Instant at = 0;
    std::string operator_name;
    std::string os_user;
    std::string action;
    std::string entity;
    std::optional<std::string> key;
    std::optional<std::string> detail;
    std::optional<long long> batch_id;
};

// Filters of `mpp audit list`.
struct AuditFilter
{
    std::optional<Instant> since;
    std::optional<Instant> before; // rows strictly before this instant
    std::optional<std::string> entity;
    std::optional<std::string> key;
    std::optional<long long> limit;
};

// Audit rows matching the filter, oldest first; with a limit, the newest `limit` of them (the
// tail of the log, still oldest first).
std::vector<AuditRecord> list_audit(SQLite::Database& db, const AuditFilter& filter);

// The audit row at a statement's current step (columns id, at, operator, os_user, action,
// entity, key, detail, batch_id first).
AuditRecord read_audit_row(SQLite::Statement& st);

// Parse a stored UTC timestamp (`2022-10-24T01:15:00Z`).
Instant parse_stored_instant(const std::string& text);

} // namespace mpp
