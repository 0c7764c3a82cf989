// What an import tells the operator (cli.md notices, import.md "Applying"): the summary line of
// what was (or, in a dry run, would be) written, and the error that ends a failed import.
#include "mpp/import.hpp"

#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

std::string grouped(std::uint64_t v)
{
    return group_thousands(static_cast<long long>(v));
}

// `inserted 1, unchanged 1`: the counts that are not zero.
std::string count_parts(const ImportCounts& c)
{
    std::vector<std::string> parts;
    const std::pair<const char*, std::uint64_t> k_parts[] = {{"inserted", c.inserted},
                                                             {"updated", c.updated},
                                                             {"unchanged", c.unchanged},
                                                             {"skipped", c.skipped},
                                                             {"invalid", c.invalid}};
    for (const auto& [name, value] : k_parts)
    {
        if (value > 0)
        {
            parts.push_back(fmt::format("{} {}", name, grouped(value)));
        }
    }
    return join(parts, ", ");
}

// The error of an import with invalid rows or an invalid file (exit 65).
Error problems_error(const ImportResult& r, const ImportOptions& o)
{
    const auto& c = r.counts;
    const std::uint64_t more = r.problem_count - r.problems.size();
    std::string summary =
        more > 0
            ? fmt::format("… and {} more problems in {} rows", grouped(more), grouped(c.invalid))
        : c.invalid > 0
            ? fmt::format("{} invalid row{}", grouped(c.invalid), c.invalid == 1 ? "" : "s")
            : std::string("the file as a whole is invalid");
    summary += r.nothing_written
                   ? (r.dry_run ? "; nothing would be imported" : "; nothing was imported")
               : !o.skip_invalid ? ""
               : r.dry_run       ? fmt::format("; a real run would write them to {}", o.rejects_path)
                                 : fmt::format("; rejected rows are in {}", o.rejects_path);
    Error e(ErrorKind::invalid_data, summary);
    e.with_diagnostics(r.problems);
    return e;
}

} // namespace

ImportSummary summarize_import(const ImportResult& r, const ImportOptions& o, UtcOffset offset)
{
    ImportSummary s;
    if (r.previous_batch)
    {
        s.notice = fmt::format(
            "{} already imported as batch {} on {}; nothing written ({})", r.file,
            *r.previous_batch, format_date(local_date(parse_stored_instant(r.previous_at), offset)),
            r.load_once_hint.value_or("use --force to import it again"));
        return s;
    }
    const auto& c = r.counts;
    if (!r.nothing_written)
    {
        s.notice = fmt::format("{} {} rows from {} in {:.1f} s ({}){}",
                               r.dry_run ? "dry run: would import" : "imported",
                               grouped(c.rows - c.invalid), r.file, r.seconds, count_parts(c),
                               r.batch_id > 0 ? fmt::format(" as batch {}", r.batch_id) : "");
    }
    if (c.invalid > 0 || r.file_invalid)
    {
        s.error = problems_error(r, o);
    }
    return s;
}

} // namespace mpp
