#include "common.hpp"

#include "mpp/import_plan.hpp"
#include "mpp/json.hpp"
#include "mpp/privacy.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <limits>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mpp::cli
{

const Settings& Context::settings()
{
    if (!m_settings)
    {
        SettingFlags flags;
        flags.db = options.db;
        flags.config = options.config;
        flags.format = options.json  ? std::optional<std::string>("json")
                       : options.csv ? std::optional<std::string>("csv")
                                     : options.format;
        flags.operator_name = options.operator_name;
        flags.lang = options.lang;
        m_settings = resolve_settings(flags, m_env);
    }
    return *m_settings;
}

Database& Context::db()
{
    if (!m_db)
    {
        m_db = std::make_unique<Database>(settings().database_path, settings().busy_timeout_ms);
    }
    return *m_db;
}

const OfficeSettings& Context::office()
{
    if (!m_office)
    {
        m_office = load_office_settings(db().sql());
    }
    return *m_office;
}

const WorkCalendar& Context::calendar()
{
    if (!m_calendar)
    {
        m_calendar = std::make_unique<WorkCalendar>(load_work_calendar(db().sql(), office()));
        const Date day = today();
        if (!m_calendar->covers(day))
        {
            int y = 0;
            int m = 0;
            int d = 0;
            civil(day, y, m, d);
            warn(fmt::format("no holidays loaded for {}: only weekends count (mpp calendar import)",
                             y));
        }
    }
    return *m_calendar;
}

bool Context::unmasked_read(const std::string& what, const std::string& reference,
                            const std::string& entity, long long rows)
{
    if (options.unmasked) // main made sure a reason is given
    {
        audit_unmasked_record(db(), actor(), what, *options.reason, reference, entity, rows);
    }
    return options.unmasked;
}

bool Context::unmasked_bulk_read(const std::string& what, ApplicationStore& store,
                                 const ApplicationFilter& filter)
{
    if (options.unmasked)
    {
        audit_bulk_read(db(), store, actor(), what, *options.reason, filter);
    }
    return options.unmasked;
}

Instant Context::now()
{
    if (!m_now)
    {
        const auto it = m_env.find("MPP_NOW");
        // A time without an offset is read at the office's offset, whatever was opened
        // before; only `db init`, whose database does not exist yet, sets its own.
        const UtcOffset offset = m_clock_offset ? *m_clock_offset : office().offset;
        m_now = current_instant(
            it == m_env.end() ? std::nullopt : std::optional<std::string>(it->second), offset);
    }
    return *m_now;
}

Date Context::today()
{
    return local_date(now(), office().offset);
}

Actor Context::actor()
{
    return Actor{settings().operator_name, os_user_name(m_env), now()};
}

std::string Context::listing_format()
{
    std::string f = m_forced_format.value_or(settings().output_format);
    if (!is_listing_format(f))
    {
        throw Error(ErrorKind::usage,
                    fmt::format("format '{}' is for reports; listings take table, csv, tsv, json "
                                "or ndjson",
                                f));
    }
    return f;
}

RenderOptions Context::render_options()
{
    RenderOptions o;
    o.format = listing_format();
    o.lang = settings().language;
    o.bom = options.bom;
    o.delimiter = csv_delimiter(o.format);
    const bool to_terminal = (!options.output || *options.output == "-") && ::isatty(1) == 1;
    if (to_terminal)
    {
        winsize ws{};
        if (::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        {
            o.width = ws.ws_col;
        }
    }
    return o;
}

char Context::csv_delimiter(const std::string& format)
{
    if ((options.bom || options.delimiter) && format != "csv")
    {
        throw Error(
            ErrorKind::usage,
            fmt::format("--bom and --delimiter are for CSV output, not --format {}", format),
            "add --format csv");
    }
    const char d = parse_delimiter(options.delimiter.value_or(""));
    return d == 0 ? ',' : d;
}

void Context::refuse_unsafe_output()
{
    if (options.output)
    {
        refuse_output_target(*options.output, settings().database_path);
    }
}

FileAccess Context::personal_output_access()
{
    return personal_access(settings().database_path);
}

void Context::emit_table(const Table& table)
{
    const RenderOptions o = render_options();
    OutputSink sink(options.output.value_or(""), std::cout, personal_output_access());
    const auto left_out = render_table(sink.stream(), table, o);
    sink.commit();
    if (!left_out.empty())
    {
        notice(fmt::format("left out to fit the terminal: {} (every column: a wider window or "
                           "--format csv)",
                           join(left_out, ", ")));
    }
}

void Context::emit_record(const Table& table)
{
    const RenderOptions o = render_options();
    OutputSink sink(options.output.value_or(""), std::cout, personal_output_access());
    render_record(sink.stream(), table, o);
    sink.commit();
}

void Context::emit_record_with_history(const Table& record, const Table& history)
{
    const std::string format = listing_format();
    OutputSink sink(options.output.value_or(""), std::cout, personal_output_access());
    if (format == "json" || format == "ndjson")
    {
        std::string object = json_row(record, 0);
        object.pop_back();
        object += ",\"history\":[";
        for (std::size_t i = 0; i < history.rows.size(); ++i)
        {
            object += (i > 0 ? "," : "") + json_row(history, i);
        }
        sink.stream() << object << "]}\n";
    }
    else if (format == "table")
    {
        RenderOptions o;
        o.lang = settings().language;
        render_record(sink.stream(), record, o);
        sink.stream() << '\n' << (o.lang == "en" ? "History" : "Riwayat") << ":\n";
        render_table(sink.stream(), history, o);
    }
    else
    {
        RenderOptions o;
        o.format = format;
        render_table(sink.stream(), record, o);
    }
    sink.commit();
}

void Context::notice(const std::string& message)
{
    if (options.quiet || !(options.verbose || ::isatty(2) == 1))
    {
        return;
    }
    std::cerr << "mpp: " << escape_controls(message) << '\n';
}

void Context::warn(const std::string& message)
{
    if (options.quiet || std::find(m_warned.begin(), m_warned.end(), message) != m_warned.end())
    {
        return;
    }
    m_warned.push_back(message);
    std::cerr << "mpp: warning: " << escape_controls(message) << '\n';
}

CLI::Validator whole_number(long long low, long long high)
{
    const std::string range = high == std::numeric_limits<long long>::max()
                                  ? fmt::format("must be {} or more", low)
                                  : fmt::format("must be a whole number from {} to {}", low, high);
    return CLI::Validator(
        [low, high, range](std::string& text) -> std::string
        {
            const std::string shown = escape_controls(text);
            std::size_t used = 0;
            long long v = 0;
            try
            {
                v = std::stoll(text, &used);
            }
            catch (const std::out_of_range&)
            {
                return fmt::format("'{}' is too {}", shown,
                                   trim(text).starts_with('-') ? "small" : "large");
            }
            catch (const std::invalid_argument&)
            {
                used = 0;
            }
            if (used == 0 || used != text.size())
            {
                return fmt::format("'{}' is not a whole number", shown);
            }
            return v >= low && v <= high ? std::string() : range;
        },
        "", "whole number");
}

namespace
{
// A check that an option names a delimiter: , ; tab or | (a bad value is a usage error).
CLI::Validator delimiter_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string
        {
            try
            {
                return parse_delimiter(text) != 0 ? std::string() : "expected , ; tab or |";
            }
            catch (const Error&)
            {
                return "expected , ; tab or |";
            }
        },
        "", "delimiter");
}
} // namespace

void add_csv_output_option(CLI::App* verb, Context& ctx)
{
    verb->add_option("--delimiter", ctx.options.delimiter,
                     "CSV output: , (default) ; tab or | (with ; decimals get a comma)")
        ->check(delimiter_check());
}

void add_import_options(CLI::App* verb, ImportCli& cli)
{
    verb->add_option("FILE", cli.file, "CSV file to import (- for standard input)")->required();
    verb->add_option("--delimiter", cli.delimiter, "field delimiter: , ; tab | (default: detected)")
        ->check(delimiter_check());
    verb->add_option("--encoding", cli.encoding, "utf-8 (default), cp1252 or latin1");
    verb->add_option("--map", cli.maps,
                     "SOURCE=FIELD: read column SOURCE as FIELD; SOURCE= drops it (repeatable)");
    verb->add_flag("--ignore-unknown", cli.ignore_unknown, "ignore columns that are not fields");
    verb->add_option("--on-conflict", cli.on_conflict,
                     "a key already in the database: fail (default), skip or update");
    verb->add_option("--max-errors", cli.max_errors, "problems to print (default 20)")
        ->check(whole_number(0));
    verb->add_flag("--skip-invalid", cli.skip_invalid,
                   "commit the valid rows; write invalid ones to --rejects");
    verb->add_option("--rejects", cli.rejects,
                     "file for rejected rows (with --skip-invalid), in FILE's "
                     "delimiter, encoding and BOM");
    verb->add_flag("--dry-run", cli.dry_run,
                   "validate and show what would change (with -v: each change), write nothing");
    verb->add_flag("--force", cli.force, "import a file even if it was imported before");
}

namespace
{

void print_progress(const ImportProgress& p)
{
    const double rate = p.seconds > 0 ? static_cast<double>(p.rows) / p.seconds : 0;
    std::string line =
        fmt::format("\rmpp: {} rows, {} rows/s", group_thousands(static_cast<long long>(p.rows)),
                    group_thousands(static_cast<long long>(rate)));
    if (p.total_bytes > 0 && p.bytes > 0)
    {
        const double fraction = static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes);
        const double eta = p.seconds / fraction - p.seconds;
        line += fmt::format(", {:.0f}%, ETA {:.0f} s", fraction * 100, eta);
    }
    std::cerr << line << "\x1b[K" << std::flush;
}

// The plan of a dry run on stderr, and the outcome as JSON on stdout (import.md "Applying").
void write_json_outcome(Context& ctx, const ImportResult& r, const std::optional<std::string>& error)
{
    OutputSink sink(ctx.options.output.value_or(""), std::cout, ctx.personal_output_access());
    write_import_json(sink.stream(), r, error);
    sink.commit();
}

// import.md: the JSON object is printed whatever the outcome, also when the file as a whole
// is refused before its first row (a missing column, an unreadable file): then it says so.
ImportResult run_import_reporting(Context& ctx, const ImportCli& cli, ImportTarget& target,
                                  const ImportOptions& o, bool json)
{
    try
    {
        return run_import(ctx.db(), ctx.actor(), cli.file, target, o);
    }
    catch (const Error& e)
    {
        if (json && e.kind() != ErrorKind::usage)
        {
            ImportResult none;
            none.file = cli.file;
            none.dry_run = o.dry_run;
            none.nothing_written = true;
            write_json_outcome(ctx, none, std::string(e.what()));
        }
        throw;
    }
}

} // namespace

void run_import_command(Context& ctx, ImportTarget& target, const ImportCli& cli)
{
    ImportOptions o;
    o.csv.delimiter = parse_delimiter(cli.delimiter);
    o.csv.encoding = cli.encoding;
    o.maps = cli.maps;
    o.ignore_unknown = cli.ignore_unknown;
    o.max_errors = cli.max_errors;
    o.skip_invalid = cli.skip_invalid;
    o.rejects_path = cli.rejects;
    o.dry_run = cli.dry_run;
    o.on_conflict = parse_on_conflict(cli.on_conflict);
    o.force = cli.force;
    o.accept_trailing_zeros = cli.accept_trailing_zeros;
    const bool progress = !ctx.options.quiet && ::isatty(2) == 1;
    if (progress)
    {
        o.on_progress = print_progress;
    }
    const std::string format = ctx.settings().output_format;
    const bool json = format == "json" || format == "ndjson";
    const bool plan = o.dry_run && !ctx.options.quiet && (ctx.options.verbose || ::isatty(2) == 1);
    o.collect_changes = o.dry_run && (plan || json);
    if (ctx.options.output)
    {
        refuse_output_target(*ctx.options.output, ctx.db().path(), {cli.file});
    }
    const ImportResult r = run_import_reporting(ctx, cli, target, o, json);
    if (progress)
    {
        std::cerr << "\r\x1b[K" << std::flush;
    }
    for (std::size_t i = 0; plan && i < r.changes.size(); ++i)
    {
        std::cerr << plan_line(r.changes[i], target.noun()) << '\n';
    }
    const ImportSummary summary = summarize_import(r, o, ctx.office().offset);
    if (json)
    {
        write_json_outcome(ctx, r,
                           summary.error ? std::optional<std::string>(summary.error->what())
                                         : std::nullopt);
    }
    if (summary.notice)
    {
        ctx.notice(*summary.notice);
    }
    if (summary.error)
    {
        throw *summary.error;
    }
}

void add_field_options(CLI::App* verb, std::map<std::string, std::string>& given,
                       const std::vector<FieldOption>& options,
                       const std::vector<std::string>& except)
{
    for (const FieldOption& o : options)
    {
        const std::string field = o.field;
        if (std::find(except.begin(), except.end(), field) != except.end())
        {
            continue;
        }
        verb->add_option_function<std::string>(
            o.option, [&given, field](const std::string& v) { given[field] = v; }, o.help);
    }
}

RawRecord overlay_fields(RawRecord raw, const std::map<std::string, std::string>& given)
{
    for (const auto& [field, value] : given)
    {
        raw.set(field, value);
    }
    return raw;
}

void report_write(Context& ctx, const std::string& noun, WriteOutcome outcome,
                  const std::string& key, bool dry_run)
{
    if (outcome == WriteOutcome::unchanged)
    {
        ctx.notice(fmt::format("{} {}: nothing to change", noun, key));
        return;
    }
    ctx.notice(fmt::format("{}{} {} {}", dry_run ? "dry run: would have " : "",
                           outcome == WriteOutcome::created ? "created" : "updated", noun, key));
}

CLI::App* add_verb(CLI::App* noun, Context& ctx, const char* name, const char* help,
                   std::function<void()> run)
{
    CLI::App* v = noun->add_subcommand(name, help);
    v->callback([&ctx, run = std::move(run)] { ctx.action = run; });
    return v;
}

void add_limit_option(CLI::App* verb, std::optional<long long>& limit)
{
    verb->add_option("--limit", limit, "at most N rows (default: all)")->check(whole_number(0));
}

Date parse_date_option(Context& ctx, const std::string& name, const std::string& text)
{
    const UtcOffset offset = ctx.office().offset; // a database problem is reported as such
    try
    {
        return parse_date(text, offset);
    }
    catch (const Error& e)
    {
        throw Error(ErrorKind::usage, fmt::format("{}: {}", name, e.what()));
    }
}

DateRange date_range_options(Context& ctx, const std::optional<std::string>& from,
                             const std::optional<std::string>& to)
{
    DateRange r;
    r.from = from ? std::optional<Date>(parse_date_option(ctx, "--from", *from)) : std::nullopt;
    r.to = to ? std::optional<Date>(parse_date_option(ctx, "--to", *to)) : std::nullopt;
    check_period(r.from, r.to);
    return r;
}

} // namespace mpp::cli
