#pragma once
// Reads of citizens' personal data (data.md "Audit trail"): the audit row of every unmasked
// read (one record, or a bulk read with its filters and row count), and the subject-access
// answer that matches a person's applications against those recorded selections.
#include "mpp/application.hpp"
#include "mpp/audit.hpp"
#include "mpp/db.hpp"

#include <string>
#include <vector>

namespace mpp
{

// Record an unmasked read of one application (or `rows` records of another entity under one
// key, e.g. a complaint listing) in its own write transaction (exit 77 on a read-only
// database), before it is shown.
void audit_unmasked_record(Database& db, const Actor& actor, const std::string& what,
                           const std::string& reason, const std::string& reference,
                           const std::string& entity = "application", long long rows = 1);

// Count a bulk read's selection and record it (the filter, the row count and the last row
// in listing order) in one write transaction, before any row is shown; returns the count.
long long audit_bulk_read(Database& db, ApplicationStore& store, const Actor& actor,
                          const std::string& what, const std::string& reason,
                          const ApplicationFilter& filter);

// A citizen's request to see what was done with their data (UU 27/2022): every audit row that
// names their applications, every batch that inserted or changed them, every correction, and
// every unmasked bulk read whose recorded selection included them (or that recorded none),
// oldest first; of an application whose NIK a correction changed, only the rows made while it
// carried theirs, and the corrections that gave it or took it away. The request itself is audited
// (action `subject_access`).
std::vector<AuditRecord> subject_access(Database& db, ApplicationStore& store, const Actor& actor,
                                        const std::string& nik, const std::string& reason);

} // namespace mpp
