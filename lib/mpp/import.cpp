#include "mpp/import.hpp"

#include "mpp/cancel.hpp"
#include "mpp/json.hpp"
#include "mpp/output.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <fmt/format.h>
#include <fstream>

namespace mpp
{
namespace
{

// Column index of each field, and the columns that are ignored.
struct HeaderMap
{
    std::vector<std::string> field_of_column; // empty: ignored column
    std::size_t width = 0;
};

HeaderMap map_header(const std::vector<FieldSpec>& specs, const CsvRecord& header,
                     const ImportOptions& options, const std::string& file)
{
    std::vector<std::pair<std::string, std::string>> maps;
    for (const std::string& m : options.maps)
    {
        const std::size_t eq = m.find('=');
        const std::string field = eq == std::string::npos ? "" : fold_name(m.substr(eq + 1));
        bool known = false;
        for (const auto& s : specs)
        {
            known = known || s.name == field;
        }
        if (!known)
        {
            throw Error(ErrorKind::usage,
                        fmt::format("--map '{}': expected SOURCE=FIELD with a field of this file "
                                    "kind",
                                    escape_controls(m)));
        }
        maps.emplace_back(fold_name(m.substr(0, eq)), field);
    }
    HeaderMap map;
    map.width = header.fields.size();
    std::vector<std::string> found;
    std::vector<std::string> expected;
    expected.reserve(specs.size());
    for (const auto& s : specs)
    {
        expected.push_back(s.name);
    }
    std::size_t required = 0;
    for (const auto& s : specs)
    {
        required += s.required ? 1 : 0;
    }
    if (header.fields.size() == 1 && required > 1)
    {
        throw Error(ErrorKind::invalid_data, Place{file, header.line, 0},
                    fmt::format("the header has one column where {} are required: the file is "
                                "not split into columns",
                                required),
                    "give the delimiter with --delimiter ';' (or ',', 'tab', '|')");
    }
    for (std::size_t i = 0; i < header.fields.size(); ++i)
    {
        const std::string folded = fold_name(header.fields[i]);
        found.push_back(folded.empty() ? "(empty)" : folded);
        std::string field;
        for (const auto& [source, target] : maps)
        {
            field = field.empty() && source == folded ? target : field;
        }
        for (const auto& s : specs)
        {
            field = field.empty() && s.name == folded ? s.name : field;
        }
        for (const auto& s : specs)
        {
            for (const auto& alias : s.aliases)
            {
                field = field.empty() && alias == folded ? s.name : field;
            }
        }
        if (field.empty() && !folded.empty() && !options.ignore_unknown)
        {
            throw Error(ErrorKind::invalid_data, Place{file, header.line, i + 1},
                        fmt::format("unknown column '{}'", escape_controls(trim(header.fields[i]))),
                        fmt::format("expected columns: {}; use --map SOURCE=FIELD or "
                                    "--ignore-unknown",
                                    join(expected, ", ")));
        }
        for (std::size_t j = 0; j < i && !field.empty(); ++j)
        {
            if (map.field_of_column[j] == field)
            {
                throw Error(ErrorKind::invalid_data, Place{file, header.line, i + 1},
                            fmt::format("columns {} ('{}') and {} ('{}') both give '{}'", j + 1,
                                        escape_controls(trim(header.fields[j])), i + 1,
                                        escape_controls(trim(header.fields[i])), field));
            }
        }
        map.field_of_column.push_back(field);
    }
    std::vector<std::string> missing;
    for (const auto& s : specs)
    {
        if (s.required && std::find(map.field_of_column.begin(), map.field_of_column.end(),
                                    s.name) == map.field_of_column.end())
        {
            missing.push_back(s.name);
        }
    }
    if (!missing.empty())
    {
        throw Error(ErrorKind::invalid_data, Place{file, header.line, 0},
                    fmt::format("missing required column{} {}; expected: {}; found: {}",
                                missing.size() > 1 ? "s" : "", join(missing, ", "),
                                join(expected, ", "), join(found, ", ")),
                    "rename the column or use --map SOURCE=FIELD");
    }
    return map;
}

// Writes rejected rows as they were read, with an `error` column (mode 0600, atomic).
class RejectsWriter
{
  public:
    RejectsWriter(const std::string& path, const CsvRecord& header, char delimiter)
        : m_sink(path, m_unused), m_delimiter(delimiter)
    {
        write(header.fields, "error");
    }
    void write(const std::vector<std::string>& fields, const std::string& error)
    {
        std::ostream& out = m_sink.stream();
        for (const auto& f : fields)
        {
            out << csv_quote(f, m_delimiter) << m_delimiter;
        }
        out << csv_quote(error, m_delimiter) << "\r\n";
    }
    void commit() { m_sink.commit(); }

  private:
    std::ostream m_unused{nullptr};
    OutputSink m_sink;
    char m_delimiter;
};

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

} // namespace

OnConflict parse_on_conflict(const std::string& text)
{
    if (text == "fail")
    {
        return OnConflict::fail;
    }
    if (text == "skip")
    {
        return OnConflict::skip;
    }
    if (text == "update")
    {
        return OnConflict::update;
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
    CsvReader reader(path, options.csv);
    return run_import(db, actor, reader, target, options);
}

ImportResult run_import(Database& db, const Actor& actor, CsvReader& reader, ImportTarget& target,
                        const ImportOptions& options)
{
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&]()
    { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    ImportResult result;
    result.file = reader.name();
    result.dry_run = options.dry_run;
    CsvRecord header;
    if (!reader.next(header) || header.blank())
    {
        throw Error(ErrorKind::invalid_data, Place{reader.name(), 1, 0},
                    "the file is empty: no header row");
    }
    if (header.problem)
    {
        throw Error(ErrorKind::invalid_data, header.problem->place, header.problem->message);
    }
    const HeaderMap map = map_header(target.fields(), header, options, reader.name());
    target.on_header(map.field_of_column, options);
    std::optional<RejectsWriter> rejects;
    if (options.skip_invalid && !options.dry_run)
    {
        rejects.emplace(options.rejects_path, header, reader.delimiter());
    }
    // A bulk load touches index pages all over the file: a larger page cache (64 MiB, only
    // for this connection) keeps them in memory instead of re-reading them per row.
    db.sql().exec("PRAGMA cache_size = -65536");
    WriteTransaction tx(db);
    const long long batch_id = create_batch(db.sql(), target.noun(), reader.name(), actor);
    CsvRecord rec;
    RawRecord raw;
    FieldProblems problems;
    auto& counts = result.counts;
    while (reader.next(rec))
    {
        if (rec.blank())
        {
            continue;
        }
        ++counts.rows;
        problems.clear();
        std::vector<Diagnostic> row_diags;
        if (rec.problem)
        {
            row_diags.push_back(*rec.problem);
        }
        else if (rec.fields.size() != map.width)
        {
            row_diags.push_back(
                {Place{reader.name(), rec.line, 0},
                 fmt::format("expected {} fields, found {}", map.width, rec.fields.size())});
        }
        else
        {
            raw = RawRecord();
            for (std::size_t i = 0; i < map.width; ++i)
            {
                const std::string& field = map.field_of_column[i];
                if (!field.empty())
                {
                    raw.set(field, unguard_formula(trim(rec.fields[i])));
                }
                else if (!trim(rec.fields[i]).empty() && fold_name(header.fields[i]).empty())
                {
                    problems.push_back(
                        {"", fmt::format("column {} has a value but no header", i + 1)});
                }
            }
            RowOutcome outcome = RowOutcome::skipped;
            if (problems.empty())
            {
                outcome = target.apply(raw, rec.line, batch_id, options.on_conflict, problems);
            }
            for (const auto& p : problems)
            {
                std::size_t column = 0;
                for (std::size_t i = 0; i < map.width && !p.field.empty(); ++i)
                {
                    column = column == 0 && map.field_of_column[i] == p.field ? i + 1 : column;
                }
                row_diags.push_back(
                    {Place{reader.name(), rec.line, column},
                     p.field.empty() ? p.message : fmt::format("{}: {}", p.field, p.message)});
            }
            if (row_diags.empty())
            {
                counts.inserted += outcome == RowOutcome::inserted ? 1 : 0;
                counts.updated += outcome == RowOutcome::updated ? 1 : 0;
                counts.unchanged += outcome == RowOutcome::unchanged ? 1 : 0;
                counts.skipped += outcome == RowOutcome::skipped ? 1 : 0;
            }
        }
        if (!row_diags.empty())
        {
            ++counts.invalid;
            result.problem_count += row_diags.size();
            std::vector<std::string> messages;
            for (auto& d : row_diags)
            {
                messages.push_back(d.message);
                if (result.problems.size() < options.max_errors)
                {
                    result.problems.push_back(std::move(d));
                }
            }
            if (rejects)
            {
                rejects->write(rec.fields, join(messages, "; "));
            }
        }
        if ((counts.rows & 1023) == 0)
        {
            throw_if_cancelled();
            if (options.on_progress)
            {
                options.on_progress(
                    {counts.rows, reader.bytes_read(), reader.total_bytes(), elapsed()});
            }
        }
    }
    throw_if_cancelled();
    reader.check_unchanged(); // a file truncated or replaced while read is not imported
    result.sha256 = reader.sha256_hex();
    result.seconds = elapsed();
    if (counts.rows == 0)
    {
        throw Error(ErrorKind::invalid_data, Place{reader.name(), 0, 0}, "no data rows");
    }
    if (auto problem = target.file_problem())
    {
        result.file_invalid = true;
        ++result.problem_count;
        result.problems.insert(result.problems.begin(),
                               Diagnostic{Place{reader.name(), 0, 0}, *problem});
    }
    SQLite::Statement prev(db.sql(), "SELECT id, finished_at FROM batch WHERE noun = ? AND "
                                     "sha256 = ? AND id <> ? ORDER BY id LIMIT 1");
    prev.bind(1, target.noun());
    prev.bind(2, result.sha256);
    prev.bind(3, static_cast<std::int64_t>(batch_id));
    if (prev.executeStep() && !options.force)
    {
        result.previous_batch = prev.getColumn(0).getInt64();
        result.previous_at = prev.getColumn(1).getString();
        result.problems.clear();
        result.problem_count = 0;
        result.file_invalid = false;
        result.counts = ImportCounts{};
        return result; // rolled back
    }
    if (options.dry_run || result.file_invalid || (counts.invalid > 0 && !options.skip_invalid))
    {
        return result; // rolled back
    }
    target.before_commit();
    finish_batch(db.sql(), batch_id, result, actor);
    append_audit(
        db.sql(), actor,
        AuditEntry{"import", target.noun(), std::nullopt, import_detail(result), batch_id});
    if (rejects)
    {
        rejects->commit();
    }
    tx.commit();
    result.batch_id = batch_id;
    return result;
}

} // namespace mpp
