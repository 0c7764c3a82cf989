// The import driver (import.md "Applying"): one write transaction, the re-import guard checked
// before the first write, one batch record and one audit row.
#include "mpp/import.hpp"

#include "mpp/import_rows.hpp"
#include "mpp/json.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

long long create_batch(SQLite::Database& db, const std::string& noun, const std::string& file,
                       const Actor& actor)
{
    SQLite::Statement st(db, "INSERT INTO batch (noun, file_name, sha256, rows_read, inserted, "
                             "updated, unchanged, skipped, invalid, operator, started_at, "
                             "finished_at) VALUES (?, ?, '', 0, 0, 0, 0, 0, 0, ?, ?, ?)");
    st.bind(1, noun);
    st.bind(2, file);
    st.bind(3, actor.operator_name);
    st.bind(4, format_utc(actor.now));
    st.bind(5, format_utc(actor.now));
    st.exec();
    return db.getLastInsertRowid();
}

void finish_batch(SQLite::Database& db, long long id, const ImportResult& r, const Actor& actor)
{
    SQLite::Statement st(db, "UPDATE batch SET sha256 = ?, rows_read = ?, inserted = ?, "
                             "updated = ?, unchanged = ?, skipped = ?, invalid = ?, "
                             "finished_at = ? WHERE id = ?");
    st.bind(1, r.sha256);
    st.bind(2, static_cast<std::int64_t>(r.counts.rows));
    st.bind(3, static_cast<std::int64_t>(r.counts.inserted));
    st.bind(4, static_cast<std::int64_t>(r.counts.updated));
    st.bind(5, static_cast<std::int64_t>(r.counts.unchanged));
    st.bind(6, static_cast<std::int64_t>(r.counts.skipped));
    st.bind(7, static_cast<std::int64_t>(r.counts.invalid));
    st.bind(8, format_utc(actor.now + static_cast<Instant>(r.seconds)));
    st.bind(9, static_cast<std::int64_t>(id));
    st.exec();
}

std::string import_detail(const ImportResult& r)
{
    return JsonObject()
        .add("file", std::optional<std::string>(r.file))
        .add("sha256", std::optional<std::string>(r.sha256))
        .add("rows", static_cast<long long>(r.counts.rows))
        .add("inserted", static_cast<long long>(r.counts.inserted))
        .add("updated", static_cast<long long>(r.counts.updated))
        .add("unchanged", static_cast<long long>(r.counts.unchanged))
        .add("skipped", static_cast<long long>(r.counts.skipped))
        .add("invalid", static_cast<long long>(r.counts.invalid))
        .str();
}

// The re-import guard (import.md): a committed batch of the same noun with this hash that
// loaded every row of it. A batch that rejected rows does not count: its file is run again
// after fixing the cause.
bool find_complete_batch(SQLite::Database& db, const std::string& noun, ImportResult& result)
{
    SQLite::Statement st(db, "SELECT id, finished_at FROM batch WHERE noun = ? AND sha256 = ? "
                             "AND invalid = 0 ORDER BY id LIMIT 1");
    st.bind(1, noun);
    st.bind(2, result.sha256);
    if (!st.executeStep())
    {
        return false;
    }
    result.previous_batch = st.getColumn(0).getInt64();
    result.previous_at = st.getColumn(1).getString();
    return true;
}

} // namespace

namespace
{

// Each --on-conflict name with the choice it makes.
const std::vector<std::pair<std::string, OnConflict>>& on_conflict_choices()
{
    static const std::vector<std::pair<std::string, OnConflict>> k_choices = {
        {"fail", OnConflict::fail}, {"skip", OnConflict::skip}, {"update", OnConflict::update}};
    return k_choices;
}

} // namespace

const std::vector<std::string>& on_conflict_names()
{
    static const std::vector<std::string> k_names = []
    {
        std::vector<std::string> names;
        for (const auto& choice : on_conflict_choices())
        {
            names.push_back(choice.first);
        }
        return names;
    }();
    return k_names;
}

OnConflict parse_on_conflict(const std::string& text)
{
    for (const auto& [name, choice] : on_conflict_choices())
    {
        if (name == text)
        {
            return choice;
        }
    }
    throw Error(ErrorKind::usage, fmt::format("--on-conflict '{}': expected fail, skip or update",
                                              escape_controls(text)));
}

std::optional<std::string> RawRecord::get(const std::string& field) const
{
    for (const auto& [name, value] : m_values)
    {
        if (name == field)
        {
            return value.empty() ? std::nullopt : std::optional<std::string>(value);
        }
    }
    return std::nullopt;
}

void RawRecord::set(const std::string& field, std::string value)
{
    for (auto& [name, v] : m_values)
    {
        if (name == field)
        {
            v = std::move(value);
            return;
        }
    }
    m_values.emplace_back(field, std::move(value));
}

bool RawRecord::given(const std::string& field) const
{
    for (const auto& kv : m_values)
    {
        if (kv.first == field)
        {
            return true;
        }
    }
    return false;
}

RawRecord RawRecord::merged_with(const RawRecord& file) const
{
    RawRecord merged = *this;
    for (const auto& [name, value] : file.m_values)
    {
        merged.set(name, value);
    }
    return merged;
}

FieldChanges RawRecord::changes_to(const RawRecord& after) const
{
    FieldChanges changes;
    for (const auto& [name, value] : m_values)
    {
        const auto now = after.get(name);
        if (get(name) != now)
        {
            changes.push_back({name, get(name), now});
        }
    }
    for (const auto& [name, value] : after.m_values)
    {
        if (!given(name) && !value.empty())
        {
            changes.push_back({name, std::nullopt, value});
        }
    }
    return changes;
}

void throw_first_problem(const FieldProblems& problems)
{
    if (!problems.empty())
    {
        const auto& p = problems.front();
        throw Error(ErrorKind::invalid_data,
                    p.field.empty() ? p.message : fmt::format("{}: {}", p.field, p.message));
    }
}

std::optional<std::size_t> KeyTracker::claim(const std::string& key, std::size_t line)
{
    const auto [it, inserted] = m_seen.emplace(key, line);
    if (inserted)
    {
        return std::nullopt;
    }
    return it->second;
}

ImportResult run_import(Database& db, const Actor& actor, const std::string& path,
                        ImportTarget& target, const ImportOptions& options)
{
    if (options.skip_invalid && options.rejects_path.empty())
    {
        throw Error(ErrorKind::usage, "--skip-invalid needs --rejects FILE");
    }
    if (!options.skip_invalid && !options.rejects_path.empty())
    {
        throw Error(ErrorKind::usage, "--rejects needs --skip-invalid");
    }
    refuse_output_target(options.rejects_path, db.path(), {path});
    ImportSource source = open_import_source(path, options.csv);
    return run_import(db, actor, source, target, options);
}

ImportResult run_import(Database& db, const Actor& actor, ImportSource& source,
                        ImportTarget& target, const ImportOptions& options)
{
    CsvReader& reader = *source.reader;
    detail::ImportRun run(reader, target, options);
    run.read_header();
    // A bulk load touches index pages all over the file: a larger page cache (64 MiB, only
    // for this connection) keeps them in memory instead of re-reading them per row.
    db.sql().exec("PRAGMA cache_size = -65536");
    WriteTransaction tx(db);
    target.begin(db.sql());
    ImportResult& result = run.result();
    result.sha256 = source.sha256;
    if (!options.force && find_complete_batch(db.sql(), target.noun(), result))
    {
        result.load_once_hint = target.load_once_hint();
        return result; // nothing was written
    }
    const long long batch_id = create_batch(db.sql(), target.noun(), reader.name(), actor);
    run.read_rows(batch_id);
    throw_if_cancelled();
    reader.check_unchanged(); // a file truncated or replaced while read is not imported
    if (reader.sha256_hex() != source.sha256)
    {
        throw Error(ErrorKind::not_found, Place{reader.name(), 0, 0},
                    "the file changed while it was read; nothing was imported");
    }
    if (result.nothing_written || options.dry_run)
    {
        return result; // rolled back
    }
    target.before_commit();
    finish_batch(db.sql(), batch_id, result, actor);
    append_audit(
        db.sql(), actor,
        AuditEntry{"import", target.noun(), std::nullopt, import_detail(result), batch_id});
    run.commit_rejects();
    tx.commit();
    result.batch_id = batch_id;
    return result;
}

} // namespace mpp
