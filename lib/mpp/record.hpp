#pragma once
// Helpers shared by the stores of every noun: optional columns, cached statements, audit
// details of a change, and the keyed-row flow of imports.
#include "mpp/import.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// A text column that may be NULL.
std::optional<std::string> column_text(SQLite::Statement& st, int index);

// Bind a text that may be absent (NULL).
void bind_text(SQLite::Statement& st, int index, const std::optional<std::string>& value);

// A statement prepared once per store and reset for each use.
SQLite::Statement& cached_statement(std::unique_ptr<SQLite::Statement>& slot, SQLite::Database& db,
                                    const char* sql);

// An optional free-text field of at most max characters.
std::optional<std::string> optional_text(const RawRecord& raw, const std::string& field,
                                         std::size_t max, FieldProblems& problems,
                                         bool allow_newlines = false);

// The audit detail of a change: every field of a new record, or `{"field":{"from":…,"to":…}}`
// for the fields that changed.
std::string change_detail(const std::vector<FieldSpec>& fields,
                          const std::optional<RawRecord>& before, const RawRecord& after);

// The shared flow of an import row keyed by a code or date: a key repeated in the file is a
// problem on its second line; a new key is inserted; an existing one follows --on-conflict,
// and an update that changes nothing counts as unchanged. `adjust` may carry stored values
// over before the comparison.
template <typename Record, typename Find, typename Write, typename Adjust>
RowOutcome import_keyed_row(Record record, const std::string& key_field, const std::string& key,
                            const std::string& what, std::size_t line, KeyTracker& keys,
                            OnConflict on_conflict, FieldProblems& problems, Find&& find,
                            Write&& write, Adjust&& adjust)
{
    if (const auto first = keys.claim(key, line))
    {
        problems.push_back(
            {key_field,
             fmt::format("'{}' appears twice in the file (first on line {})", key, *first)});
        return RowOutcome::skipped;
    }
    const std::optional<Record> existing = find();
    if (!existing)
    {
        write(record, false);
        return RowOutcome::inserted;
    }
    if (on_conflict == OnConflict::fail)
    {
        problems.push_back(
            {key_field, fmt::format("{} already exists (use --on-conflict skip or update)", what)});
        return RowOutcome::skipped;
    }
    if (on_conflict == OnConflict::skip)
    {
        return RowOutcome::skipped;
    }
    adjust(record, *existing);
    if (*existing == record)
    {
        return RowOutcome::unchanged;
    }
    write(record, true);
    return RowOutcome::updated;
}

} // namespace mpp
