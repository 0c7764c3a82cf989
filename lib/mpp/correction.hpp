#pragma once
// Corrections by a person (data.md "Corrections"): a recorded field fixed with a reason, a
// record voided or restored. Each is one write transaction that reads the office settings and
// the calendar inside it, rewrites the stored dates and the report tallies it touches, and
// appends a history event and an audit row.
#include "mpp/application.hpp"
#include "mpp/db.hpp"
#include "mpp/import.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// What `application correct` is given, as the operator typed it (absent: unchanged).
struct CorrectionRequest
{
    std::string reference;
    std::optional<std::string> service;
    std::optional<std::string> name;
    std::optional<std::string> nik;
    std::optional<std::string> phone; // empty: no phone
    std::optional<std::string> submitted_at;
    std::optional<std::string> channel;
    std::optional<std::string> fee;
    std::optional<std::string> reason;
    bool dry_run = false;
};

// What a correction did, or with dry_run would do.
struct CorrectionResult
{
    Application before;
    Application after;                     // with its stored dates recomputed
    std::vector<FieldChange> changes;      // empty: nothing changes, nothing was written
    std::optional<std::string> fee_notice; // the new service's standard fee differs
};

// Validate and apply a correction (usage error 64 without --reason or without a field to
// change; invalid data 65 for a bad value, a retired service, or a submission time after the
// application's first status change).
CorrectionResult correct_application(Database& db, const CorrectionRequest& request,
                                     const Actor& actor);

// Void (`voiding`) or restore an application with a reason; voiding a void application or
// restoring one that is not void is invalid data (65).
Application set_void(Database& db, const std::string& reference,
                     const std::optional<std::string>& reason, bool voiding, const Actor& actor);

// Append the applicant's fields that differ (applicant_name, phone masked, channel, fee): what
// a correction and an import's update both compare.
void applicant_changes(FieldChanges& changes, const Application& before, const Application& after);

// The fields that differ between two versions of an application, masked, in a fixed order
// (service, nik, submitted_at, then applicant_changes).
std::vector<FieldChange> changed_fields(const Application& before, const Application& after,
                                        UtcOffset offset);

// Refuse (65) a submission time after the first status change of the history: a submission
// cannot follow its own lifecycle.
void check_submission_order(Instant submitted_at, const std::vector<StatusEvent>& history,
                            UtcOffset offset);

// Whether a correction replaced `value` in `field` (service, nik, submitted_at in stored UTC
// form) of the application: its source system's export may still carry it.
bool is_superseded(SQLite::Database& db, long long application_id, const char* field,
                   const std::string& value);

} // namespace mpp
