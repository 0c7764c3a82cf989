#pragma once
// The import plan and outcome of import.md "Applying": the lines `--dry-run` shows (`+` new,
// `~` changed fields old → new) and the JSON object of `--format json`.
#include "mpp/import.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace mpp
{

// One line of a dry run's plan: `+ KEY new (DUKCAPIL-KTP, processing)` for an insert, `~ KEY
// status processing → completed; phone 0812*****890 → 0813*****123` for an update.
std::string plan_line(const RowChange& change, const std::string& noun);

// Changed fields as one JSON object `{NAME: [old, new]}` (null when empty; fees and day counts
// as numbers, a fee written as text as text): the import plan's and a correction's trail.
std::string field_changes_json(const FieldChanges& changes);

// The outcome as one JSON object on one line (every key always present; `changes` with a dry
// run; `error`: the one-line error of a failed import, else null). Nothing written (invalid
// rows without --skip-invalid, a refused file) counts 0 inserted and updated.
void write_import_json(std::ostream& out, const ImportResult& result,
                       const std::optional<std::string>& error = std::nullopt);

} // namespace mpp
