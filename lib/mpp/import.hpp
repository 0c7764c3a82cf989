#pragma once
// The import contract of import.md shared by every noun: header mapping, validation of every
// row, all-or-nothing or --skip-invalid, --dry-run, --on-conflict, the re-import guard.
#include "mpp/csv.hpp"
#include "mpp/datetime.hpp"
#include "mpp/db.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mpp
{

// One importable field of a file kind, with its Indonesian aliases (already folded).
struct FieldSpec
{
    std::string name;
    bool required = false;
    std::vector<std::string> aliases;
};

// What a key that is already in the database does.
enum class OnConflict
{
    fail,
    skip,
    update,
};

// The names of --on-conflict: fail, skip, update.
const std::vector<std::string>& on_conflict_names();

// `fail`, `skip` or `update`; throws Error(usage) otherwise.
OnConflict parse_on_conflict(const std::string& text);

// Progress of a running import.
struct ImportProgress
{
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;
    std::uint64_t total_bytes = 0; // 0 when unknown (stdin)
    double seconds = 0;
};

// Options of every `import` verb.
struct ImportOptions
{
    CsvOptions csv;
    std::vector<std::string> maps; // SOURCE=FIELD
    bool ignore_unknown = false;
    std::size_t max_errors = 20;
    bool skip_invalid = false;
    std::string rejects_path;
    bool dry_run = false;
    OnConflict on_conflict = OnConflict::fail;
    bool force = false;
    bool accept_trailing_zeros = false; // applications: NIKs that look Excel-rounded
    bool collect_changes = false;       // keep each row's change (the plan of --dry-run, JSON)
    std::function<void(const ImportProgress&)> on_progress;
};

// One field of a row's change: its text before and after (nullopt: empty), masked.
struct FieldChange
{
    std::string field;
    std::optional<std::string> from;
    std::optional<std::string> to;

    bool operator==(const FieldChange&) const = default;
};
using FieldChanges = std::vector<FieldChange>;

// A record's field texts by canonical field name; a missing or empty text means absent.
class RawRecord
{
  public:
    // The text of a field, nullopt when absent or empty.
    std::optional<std::string> get(const std::string& field) const;
    // Set a field's text (empty clears it).
    void set(const std::string& field, std::string value);
    // Whether the file has the field's column (even when this record's cell is empty).
    bool given(const std::string& field) const;
    // import.md "A column that is not in the file is not a change": these stored fields with
    // every field the file has taken from `file` (an empty cell clears the field).
    RawRecord merged_with(const RawRecord& file) const;
    // The fields whose texts differ from `after`'s, in this record's order then `after`'s.
    FieldChanges changes_to(const RawRecord& after) const;

  private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

// Append `field` to changes when `was` and `now` differ, shown by `show` (which masks); the
// update of an import row is decided by this comparison alone.
template <typename T, typename Show>
void compare_field(FieldChanges& changes, const char* field, const T& was, const T& now, Show show)
{
    if (was != now)
    {
        changes.push_back({field, show(was), show(now)});
    }
}

// The file's value of a field when the file has its column, else the stored one (the same rule
// as RawRecord::merged_with, for records that are not compared as raw texts).
template <typename T>
T given_or(const RawRecord& file, const std::string& field, T from_file, T stored)
{
    return file.given(field) ? std::move(from_file) : std::move(stored);
}

// A problem with one field of a record (field empty: the record as a whole).
struct FieldProblem
{
    std::string field;
    std::string message;
};
using FieldProblems = std::vector<FieldProblem>;

// Run a parser for one field, turning its Error (and its hint) into a FieldProblem.
template <typename F>
auto check_field(FieldProblems& problems, const std::string& field, F&& parse)
    -> std::optional<decltype(parse())>
{
    try
    {
        return parse();
    }
    catch (const Error& e)
    {
        problems.push_back({field, e.hint().empty() ? std::string(e.what())
                                                    : std::string(e.what()) + "; " + e.hint()});
        return std::nullopt;
    }
}

// Throws the first problem as Error(invalid_data) `field: message` (for single-record commands).
void throw_first_problem(const FieldProblems& problems);

// How a valid row ended.
enum class RowOutcome
{
    inserted,
    updated,
    unchanged,
    skipped,
};

// What one valid row inserts or updates (import.md "Applying": the plan of --dry-run).
struct RowChange
{
    std::size_t line = 0;
    std::string key;
    RowOutcome action = RowOutcome::inserted; // inserted or updated
    FieldChanges fields;                      // inserts: every field given, from nullopt
};

// What a noun supplies to the import driver.
class ImportTarget
{
  public:
    virtual ~ImportTarget() = default;
    // Ask apply() to describe each row it inserts or updates in `change` (null: nobody asked).
    void describe_changes_in(RowChange* change) { m_change = change; }
    // The entity name used for batches and the audit trail (`agency`).
    virtual std::string noun() const = 0;
    // The file kind's columns.
    virtual const std::vector<FieldSpec>& fields() const = 0;
    // Called inside the write transaction before the first row: read what the rows depend on
    // (office settings, calendar) here, so that a concurrent change cannot slip in between.
    virtual void begin(SQLite::Database& db) = 0;
    // Validate the record; when it has no problems, write it (tagged with the batch).
    virtual RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                             OnConflict on_conflict, FieldProblems& problems) = 0;
    // Called with the fields the header provides; may refuse the options (Error(usage)).
    virtual void on_header(const std::vector<std::string>& fields, const ImportOptions& options)
    {
        (void)fields;
        (void)options;
    }
    // Why a column (by its folded name) may not be in the file at all, even under
    // --ignore-unknown (a survey's personal fields); `--map SOURCE=` drops it knowingly.
    virtual std::optional<std::string> refused_column(const std::string& folded) const
    {
        (void)folded;
        return std::nullopt;
    }
    // The field of a column no name or alias gives (by its folded name), or "": a survey form's
    // question headed `U1. Bagaimana …`.
    virtual std::string field_of_header(const std::string& folded) const
    {
        (void)folded;
        return "";
    }
    // When --force is refused for this file (known after on_header): what to do instead of
    // importing it again, for the re-import notice.
    virtual std::optional<std::string> load_once_hint() const { return std::nullopt; }
    // A problem with the file as a whole, known after the last row; it fails the import.
    virtual std::optional<std::string> file_problem() { return std::nullopt; }
    // Called inside the transaction just before it commits.
    virtual void before_commit() {}

  protected:
    // Where apply() describes its row's key and changed fields, or null when not asked.
    RowChange* change() const { return m_change; }

  private:
    RowChange* m_change = nullptr;
};

// Counts of an import.
struct ImportCounts
{
    std::uint64_t rows = 0;
    std::uint64_t inserted = 0;
    std::uint64_t updated = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t skipped = 0;
    std::uint64_t invalid = 0;
};

// What an import did (or, for a dry run or a failed validation, would have done).
struct ImportResult
{
    std::string file;
    std::string sha256;
    ImportCounts counts;
    long long batch_id = 0; // 0 when nothing was committed
    bool dry_run = false;
    std::optional<long long> previous_batch; // set when the file was imported already
    std::string previous_at;
    // Set with previous_batch when the target refuses --force: how to load a changed file.
    std::optional<std::string> load_once_hint;
    std::vector<Diagnostic> problems; // the first max_errors
    std::uint64_t problem_count = 0;
    bool file_invalid = false; // a problem of the whole file: nothing is imported
    // Invalid rows without --skip-invalid, or a problem of the whole file: nothing is (or, in a
    // dry run, would be) written.
    bool nothing_written = false;
    double seconds = 0;
    // With collect_changes: each row inserted or updated, in file order (empty when nothing
    // would be written).
    std::vector<RowChange> changes;
};

// A file to import, open, with the SHA-256 of its bytes known before its first row is read (so
// the re-import guard is checked before anything is written).
struct ImportSource
{
    std::unique_ptr<CsvReader> reader;
    std::string sha256;
};

// Open a file by path; `-` (stdin) and pipes are copied to an unlinked temporary file (mode
// 0600) while hashing. Throws Error(not_found) when it cannot be read.
ImportSource open_import_source(const std::string& path, const CsvOptions& options);
// A source over text held in memory (the built-in holidays).
ImportSource import_source_for_text(const std::string& text, const std::string& name,
                                    const CsvOptions& options);

// Read, validate and (unless invalid rows or a dry run) commit a CSV file in one transaction.
ImportResult run_import(Database& db, const Actor& actor, const std::string& path,
                        ImportTarget& target, const ImportOptions& options);
// The same for a source that is already open.
ImportResult run_import(Database& db, const Actor& actor, ImportSource& source,
                        ImportTarget& target, const ImportOptions& options);

// What an import tells the operator (cli.md): the notice line, if any, and the error that ends
// the command (exit 65 with the row problems) when rows or the file were invalid.
struct ImportSummary
{
    std::optional<std::string> notice;
    std::optional<Error> error;
};

// The summary of an import's result; `offset` gives the local date of an earlier batch.
ImportSummary summarize_import(const ImportResult& result, const ImportOptions& options,
                               UtcOffset offset);

// Remembers the keys of a file to find one repeated inside it.
class KeyTracker
{
  public:
    // The line where key was first seen, or nullopt (and remember this line).
    std::optional<std::size_t> claim(const std::string& key, std::size_t line);

  private:
    std::unordered_map<std::string, std::size_t> m_seen;
};

} // namespace mpp
