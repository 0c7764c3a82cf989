#pragma once
// Helpers shared by the stores of every noun: optional columns, cached statements, audit
// details of a change, and the keyed-row flow of imports.
#include "mpp/import.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <functional>
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

// How import_keyed_row reads, finds and writes the records of one noun.
template <typename Record> struct KeyedImport
{
    std::string key_field; // `code`, `date`
    std::function<std::optional<Record>(const RawRecord&, FieldProblems&)> parse;
    std::function<std::string(const Record&)> key;            // as in messages
    std::function<std::string(const Record&)> what;           // `agency 'KPP'`
    std::function<std::optional<Record>(const Record&)> find; // the stored one
    std::function<RawRecord(const Record&)> to_raw;           // inverse of parse
    std::function<void(const Record&, bool exists)> write;
    // The problem of a key repeated in the file (first seen on line `first`); none: the default.
    std::function<std::optional<FieldProblem>(const Record&, std::size_t first)> repeated = {};
};

// The shared flow of an import row keyed by a code or date: a key repeated in the file is a
// problem on its second line; a new key is inserted; an existing one follows --on-conflict.
// An update takes from the row only the fields whose columns the file has (the others keep
// their stored values), and one whose field texts are all as stored counts as unchanged. A `change`
// (when asked for) gets the key and the fields inserted or changed.
template <typename Record>
RowOutcome import_keyed_row(const KeyedImport<Record>& io, const RawRecord& raw, std::size_t line,
                            KeyTracker& keys, OnConflict on_conflict, FieldProblems& problems,
                            RowChange* change)
{
    const std::optional<Record> record = io.parse(raw, problems);
    if (!record)
    {
        return RowOutcome::skipped;
    }
    const std::string key = io.key(*record);
    if (const auto first = keys.claim(key, line))
    {
        const auto own = io.repeated ? io.repeated(*record, *first) : std::nullopt;
        problems.push_back(own.value_or(FieldProblem{
            io.key_field,
            fmt::format("'{}' appears twice in the file (first on line {})", key, *first)}));
        return RowOutcome::skipped;
    }
    const std::optional<Record> existing = io.find(*record);
    if (!existing)
    {
        io.write(*record, false);
        if (change)
        {
            *change = {line, key, RowOutcome::inserted, RawRecord().changes_to(io.to_raw(*record))};
        }
        return RowOutcome::inserted;
    }
    if (on_conflict != OnConflict::update)
    {
        if (on_conflict == OnConflict::fail)
        {
            problems.push_back({io.key_field, fmt::format("{} already exists (use --on-conflict "
                                                          "skip or update)",
                                                          io.what(*record))});
        }
        return RowOutcome::skipped;
    }
    const RawRecord stored = io.to_raw(*existing);
    const std::optional<Record> merged = io.parse(stored.merged_with(raw), problems);
    if (!merged)
    {
        return RowOutcome::skipped;
    }
    // The one comparison: the fields it finds are what the update writes and the plan shows.
    FieldChanges fields = stored.changes_to(io.to_raw(*merged));
    if (fields.empty())
    {
        return RowOutcome::unchanged;
    }
    io.write(*merged, true);
    if (change)
    {
        *change = {line, key, RowOutcome::updated, std::move(fields)};
    }
    return RowOutcome::updated;
}

} // namespace mpp
