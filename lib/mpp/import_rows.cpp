// The import driver's pass over a file: header mapping, each row validated and applied,
// problems counted, rejected rows written.
#include "mpp/import_rows.hpp"

#include "mpp/cancel.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace mpp::detail
{
namespace
{

// The columns of a header no field takes: refused ones (with the reason) and unknown ones.
struct StrayColumns
{
    std::vector<std::pair<std::size_t, std::string>> refused; // column index, reason
    std::vector<std::size_t> unknown;
};

// `'Alamat' (2), 'Catatan' (5)`: the columns by their header text and 1-based position.
std::string column_list(const CsvRecord& header, const std::vector<std::size_t>& columns)
{
    std::vector<std::string> parts;
    for (const std::size_t i : columns)
    {
        parts.push_back(fmt::format("'{}' ({})", escape_controls(trim(header.fields[i])), i + 1));
    }
    return join(parts, ", ");
}

// One error naming every stray column, at the place of the first: the refused ones with their
// reasons, then the unknown ones; nothing when there is none.
void throw_stray_columns(const StrayColumns& stray, const CsvRecord& header,
                         const std::vector<std::string>& expected, const std::string& file)
{
    std::vector<std::string> message;
    std::vector<std::string> hint;
    std::vector<std::size_t> refused;
    std::vector<std::string> reasons;
    std::vector<std::string> drops;
    for (const auto& [i, reason] : stray.refused)
    {
        refused.push_back(i);
        if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
        {
            reasons.push_back(reason);
        }
        drops.push_back(fmt::format("--map '{}='", fold_name(header.fields[i])));
    }
    if (refused.size() == 1)
    {
        message.push_back(fmt::format("column '{}': {}",
                                      escape_controls(trim(header.fields[refused[0]])),
                                      reasons[0]));
    }
    else if (!refused.empty())
    {
        message.push_back(
            fmt::format("columns {}: {}", column_list(header, refused), join(reasons, "; ")));
    }
    if (!refused.empty())
    {
        hint.push_back(fmt::format("leave {} out of the file, or drop {} knowingly with {}",
                                   refused.size() == 1 ? "the column" : "the columns",
                                   refused.size() == 1 ? "it" : "them", join(drops, " ")));
    }
    if (!stray.unknown.empty())
    {
        message.push_back(fmt::format(
            "{}unknown column{} {}", refused.empty() ? "" : "also ",
            stray.unknown.size() == 1 ? "" : "s",
            stray.unknown.size() == 1
                ? fmt::format("'{}'", escape_controls(trim(header.fields[stray.unknown[0]])))
                : column_list(header, stray.unknown)));
        hint.push_back(fmt::format("expected columns: {}; use --map SOURCE=FIELD, --map SOURCE= "
                                   "to drop, or --ignore-unknown",
                                   join(expected, ", ")));
    }
    if (!message.empty())
    {
        const std::size_t first = refused.empty() ? stray.unknown[0] : refused[0];
        throw Error(ErrorKind::invalid_data, Place{file, header.line, first + 1},
                    join(message, "; "), join(hint, "; "));
    }
}

} // namespace

HeaderMap map_header(const ImportTarget& target, const CsvRecord& header,
                     const ImportOptions& options, const std::string& file)
{
    const std::vector<FieldSpec>& specs = target.fields();
    std::vector<std::pair<std::string, std::string>> maps;
    std::vector<std::string> dropped; // `--map SOURCE=`: read past knowingly
    for (const std::string& m : options.maps)
    {
        const std::size_t eq = m.find('=');
        const std::string field = eq == std::string::npos ? "" : fold_name(m.substr(eq + 1));
        if (eq != std::string::npos && field.empty() && !fold_name(m.substr(0, eq)).empty())
        {
            dropped.push_back(fold_name(m.substr(0, eq)));
            continue;
        }
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
    StrayColumns stray;
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
        for (const auto& [source, mapped] : maps)
        {
            field = field.empty() && source == folded ? mapped : field;
        }
        const bool drop = std::find(dropped.begin(), dropped.end(), folded) != dropped.end();
        const auto reason = target.refused_column(folded);
        if (reason && !drop) // a refused column can only be dropped, never mapped to a field
        {
            stray.refused.emplace_back(i, *reason);
        }
        for (const auto& s : specs)
        {
            field = field.empty() && !drop && s.name == folded ? s.name : field;
        }
        for (const auto& s : specs)
        {
            for (const auto& alias : s.aliases)
            {
                field = field.empty() && !drop && alias == folded ? s.name : field;
            }
        }
        field = field.empty() && !drop ? target.field_of_header(folded) : field;
        if (field.empty() && folded == "error" && i + 1 == header.fields.size())
        {
            map.error_column = true; // a rejects file's problems: read past, like a comment
        }
        else if (field.empty() && !folded.empty() && !options.ignore_unknown && !drop &&
                 !reason)
        {
            stray.unknown.push_back(i);
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
    throw_stray_columns(stray, header, expected, file);
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

void ImportRun::read_header()
{
    if (!m_reader.next(m_header) || m_header.blank())
    {
        throw Error(ErrorKind::invalid_data, Place{m_reader.name(), 1, 0},
                    "the file is empty: no header row");
    }
    if (m_header.problem)
    {
        throw Error(ErrorKind::invalid_data, m_header.problem->place, m_header.problem->message);
    }
    m_map = map_header(m_target, m_header, m_options, m_reader.name());
    m_target.on_header(m_map.field_of_column, m_options);
    m_target.describe_changes_in(m_options.collect_changes ? &m_change : nullptr);
    if (m_options.skip_invalid && !m_options.dry_run)
    {
        m_rejects.emplace(m_options.rejects_path, m_header, m_reader.dialect(), m_map.error_column);
    }
}

RowOutcome ImportRun::apply_row(const CsvRecord& rec, long long batch_id,
                                std::vector<Diagnostic>& diags)
{
    m_problems.clear();
    m_raw = RawRecord();
    for (std::size_t i = 0; i < m_map.width; ++i)
    {
        const std::string& field = m_map.field_of_column[i];
        if (!field.empty())
        {
            m_raw.set(field, unguard_formula(trim(rec.fields[i])));
        }
        else if (!trim(rec.fields[i]).empty() && fold_name(m_header.fields[i]).empty())
        {
            m_problems.push_back({"", fmt::format("column {} has a value but no header", i + 1)});
        }
    }
    RowOutcome outcome = RowOutcome::skipped;
    if (m_problems.empty())
    {
        outcome = m_target.apply(m_raw, rec.line, batch_id, m_options.on_conflict, m_problems);
    }
    for (const auto& p : m_problems)
    {
        std::size_t column = 0;
        for (std::size_t i = 0; i < m_map.width && !p.field.empty(); ++i)
        {
            column = column == 0 && m_map.field_of_column[i] == p.field ? i + 1 : column;
        }
        diags.push_back({Place{m_reader.name(), rec.line, column},
                         p.field.empty() ? p.message : fmt::format("{}: {}", p.field, p.message)});
    }
    return outcome;
}

void ImportRun::count(const CsvRecord& rec, RowOutcome outcome, std::vector<Diagnostic>& diags)
{
    auto& counts = m_result.counts;
    if (diags.empty())
    {
        if (m_options.collect_changes &&
            (outcome == RowOutcome::inserted || outcome == RowOutcome::updated))
        {
            m_result.changes.push_back(std::move(m_change));
            m_change = RowChange();
        }
        counts.inserted += outcome == RowOutcome::inserted ? 1 : 0;
        counts.updated += outcome == RowOutcome::updated ? 1 : 0;
        counts.unchanged += outcome == RowOutcome::unchanged ? 1 : 0;
        counts.skipped += outcome == RowOutcome::skipped ? 1 : 0;
        return;
    }
    ++counts.invalid;
    m_result.problem_count += diags.size();
    std::vector<std::string> messages;
    for (auto& d : diags)
    {
        messages.push_back(d.message);
        if (m_result.problems.size() < m_options.max_errors)
        {
            m_result.problems.push_back(std::move(d));
        }
    }
    if (m_rejects)
    {
        m_rejects->write(rec.fields, join(messages, "; "), m_map.width);
    }
}

void ImportRun::read_rows(long long batch_id)
{
    auto elapsed = [&]()
    { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count(); };
    CsvRecord rec;
    auto& counts = m_result.counts;
    while (m_reader.next(rec))
    {
        if (rec.blank())
        {
            continue;
        }
        ++counts.rows;
        std::vector<Diagnostic> diags;
        RowOutcome outcome = RowOutcome::skipped;
        if (rec.problem)
        {
            diags.push_back(*rec.problem);
        }
        else if (rec.fields.size() != m_map.width)
        {
            diags.push_back(
                {Place{m_reader.name(), rec.line, 0},
                 fmt::format("expected {} fields, found {}", m_map.width, rec.fields.size())});
        }
        else
        {
            outcome = apply_row(rec, batch_id, diags);
        }
        count(rec, outcome, diags);
        if ((counts.rows & 1023) == 0)
        {
            throw_if_cancelled();
            if (m_options.on_progress)
            {
                m_options.on_progress(
                    {counts.rows, m_reader.bytes_read(), m_reader.total_bytes(), elapsed()});
            }
        }
    }
    throw_if_cancelled();
    m_result.seconds = elapsed();
    finish();
}

void ImportRun::finish()
{
    if (m_result.counts.rows == 0)
    {
        throw Error(ErrorKind::invalid_data, Place{m_reader.name(), 0, 0}, "no data rows");
    }
    if (auto problem = m_target.file_problem())
    {
        m_result.file_invalid = true;
        ++m_result.problem_count;
        m_result.problems.insert(m_result.problems.begin(),
                                 Diagnostic{Place{m_reader.name(), 0, 0}, *problem});
    }
    m_result.nothing_written =
        m_result.file_invalid || (m_result.counts.invalid > 0 && !m_options.skip_invalid);
    if (m_result.nothing_written)
    {
        m_result.changes = {}; // nothing would be written: the plan is empty
    }
}

} // namespace mpp::detail
