#pragma once
// Shared wiring of the mpp binary: global options, the per-run Context, rendering.
#include "mpp/agency.hpp"
#include "mpp/calendar.hpp"
#include "mpp/config.hpp"
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/output.hpp"
#include "mpp/settings.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace mpp
{
class ApplicationStore;
struct ApplicationFilter;
} // namespace mpp

namespace mpp::cli
{

// Options that may stand anywhere on the command line.
struct GlobalOptions
{
    std::optional<std::string> db;
    std::optional<std::string> config;
    std::optional<std::string> format;
    std::optional<std::string> output;
    std::optional<std::string> operator_name;
    std::optional<std::string> lang;
    std::optional<std::string> reason;
    std::optional<std::string> delimiter; // of CSV output (a verb option: add_csv_output_option)
    bool json = false;
    bool csv = false;
    bool bom = false;
    bool quiet = false;
    bool verbose = false;
    bool unmasked = false;
    bool no_color = false;
};

// Everything a verb needs: options, settings, the database, the clock, output.
class Context
{
  public:
    explicit Context(Environment env) : m_env(std::move(env)) {}

    GlobalOptions options;
    // The verb to run once the command line is known to be valid.
    std::function<void()> action;

    // The effective settings (resolved on first use).
    const Settings& settings();
    // The open database (opened on first use; no command but `db init` creates one).
    Database& db();
    // The office settings stored in the database.
    const OfficeSettings& office();
    // The working-day calendar (loaded once; warns when today's year has no holidays).
    const WorkCalendar& calendar();
    // With --unmasked: audit the read of one application's personal data (or `rows` records of
    // another entity under one key; exit 77 on a read-only database); returns whether NIK and
    // phone may be shown in full.
    bool unmasked_read(const std::string& what, const std::string& reference,
                       const std::string& entity = "application", long long rows = 1);
    // With --unmasked: audit a bulk read with its filter and row count before it is shown;
    // returns whether NIK and phone may be shown in full.
    bool unmasked_bulk_read(const std::string& what, ApplicationStore& store,
                            const ApplicationFilter& filter);
    // How listings are rendered (format, language, --bom, --delimiter, terminal width).
    RenderOptions render_options();
    // The delimiter of CSV output (`,` unless --delimiter); --bom or --delimiter with a format
    // other than csv is a usage error (64).
    char csv_delimiter(const std::string& format);
    // Who is acting, and now.
    Actor actor();
    // Now, and today at the office's UTC offset.
    Instant now();
    Date today();
    // The offset at which MPP_NOW without one is read when there is no database yet (db init).
    void set_clock_offset(UtcOffset offset) { m_clock_offset = offset; }
    // The environment.
    const Environment& env() const { return m_env; }

    // The output format for listing commands.
    std::string listing_format();
    // Use this format whatever the options say (export always writes CSV).
    void force_format(std::string format) { m_forced_format = std::move(format); }
    // Refuse (exit 73) an -o FILE that is the database, its -wal/-shm, a device, a FIFO or a
    // folder; main calls it before the verb reads anything.
    void refuse_unsafe_output();
    // The access of output files holding personal data (0600, 0660 for a --group database).
    FileAccess personal_output_access();
    // Render a listing or one record to stdout or -o FILE.
    void emit_table(const Table& table);
    void emit_record(const Table& table);
    // Render one record and its history (`show`): JSON adds a `history` array to the object.
    void emit_record_with_history(const Table& record, const Table& history);
    // Print a notice on stderr (a terminal or -v; never with -q).
    void notice(const std::string& message);
    // Print a warning on stderr (always, but not with -q), once per message.
    void warn(const std::string& message);

  private:
    Environment m_env;
    std::optional<Settings> m_settings;
    std::unique_ptr<Database> m_db;
    std::optional<OfficeSettings> m_office;
    std::unique_ptr<WorkCalendar> m_calendar;
    std::optional<Instant> m_now;
    std::optional<UtcOffset> m_clock_offset;
    std::optional<std::string> m_forced_format;
    std::vector<std::string> m_warned;
};

// Options shared by every `import` verb.
struct ImportCli
{
    std::string file;
    std::string delimiter;
    std::string encoding = "utf-8";
    std::string on_conflict = "fail";
    std::string rejects;
    std::vector<std::string> maps;
    std::size_t max_errors = 20;
    bool ignore_unknown = false;
    bool skip_invalid = false;
    bool dry_run = false;
    bool force = false;
    bool accept_trailing_zeros = false;
};

// Add the import options to a verb.
void add_import_options(CLI::App* verb, ImportCli& cli);

// Run an import with the shared options and report it (summary notice, problems, exit code).
void run_import_command(Context& ctx, ImportTarget& target, const ImportCli& cli);

// One command-line option per record field (`--contact-name` sets `contact_name`).
struct FieldOption
{
    const char* field;
    const char* option;
    const char* help;
};

// Add the options of the given fields to a verb; the values given land in `given`.
void add_field_options(CLI::App* verb, std::map<std::string, std::string>& given,
                       const std::vector<FieldOption>& options,
                       const std::vector<std::string>& except);

// The record's field texts with the options given laid over them.
RawRecord overlay_fields(RawRecord raw, const std::map<std::string, std::string>& given);

// Say what a write did (`created agency X`, `agency X: nothing to change`).
void report_write(Context& ctx, const std::string& noun, WriteOutcome outcome,
                  const std::string& key, bool dry_run);

// Add a verb whose callback schedules `run` as the action.
CLI::App* add_verb(CLI::App* noun, Context& ctx, const char* name, const char* help,
                   std::function<void()> run);

// A check that an option is a whole number from `low` to `high`; a bad value is a usage error
// that says what is wrong (`--limit: 'abc' is not a whole number`, `… is too large`,
// `--limit: must be 0 or more`).
CLI::Validator whole_number(long long low, long long high = std::numeric_limits<long long>::max());

// Add `--delimiter` (of CSV output: `,` `;` tab `|`) to a verb that writes a listing or report.
void add_csv_output_option(CLI::App* verb, Context& ctx);

// The formatter of every help text: examples before the options, required options marked.
std::shared_ptr<CLI::Formatter> help_formatter();

// Mark options a verb cannot do without (checked by the core too) as required: CLI11 marks them
// REQUIRED in the help and a missing one is a usage error (64).
void mark_required(CLI::App* verb, std::initializer_list<const char*> options);

// Add `--limit N`.
void add_limit_option(CLI::App* verb, std::optional<long long>& limit);

// Parse a date option at the office offset (exit 64 on a bad value).
Date parse_date_option(Context& ctx, const std::string& name, const std::string& text);

// --from and --to (either absent), parsed and checked: the period must not end before it begins.
struct DateRange
{
    std::optional<Date> from;
    std::optional<Date> to;
};
DateRange date_range_options(Context& ctx, const std::optional<std::string>& from,
                             const std::optional<std::string>& to);

// Register the nouns (one file each).
void add_db_command(CLI::App& app, Context& ctx);
void add_config_command(CLI::App& app, Context& ctx);
void add_agency_command(CLI::App& app, Context& ctx);
void add_audit_command(CLI::App& app, Context& ctx);
void add_application_command(CLI::App& app, Context& ctx);
void add_complaint_command(CLI::App& app, Context& ctx);
void add_report_command(CLI::App& app, Context& ctx);
void add_service_command(CLI::App& app, Context& ctx);
void add_calendar_command(CLI::App& app, Context& ctx);
void add_visit_command(CLI::App& app, Context& ctx);
void add_survey_command(CLI::App& app, Context& ctx);
// The verbs that fix a wrong application (correct, void, unvoid, history).
void add_correction_verbs(CLI::App* noun, Context& ctx);

} // namespace mpp::cli
