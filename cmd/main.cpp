// mpp: build the command line, run the chosen verb, map every failure to its exit code.
#include "common.hpp"
#include "complete.hpp"

#include "mpp/cancel.hpp"
#include "mpp/schema.hpp"
#include "mpp/text.hpp"

#include <csignal>
#include <fmt/format.h>
#include <iostream>
#include <sqlite3.h>
#include <string_view>

extern char** environ;

namespace
{

using mpp::cli::Context;

void on_signal(int signo)
{
    mpp::request_cancel(signo);
}

void install_signal_handlers()
{
    struct sigaction sa
    {
    };
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe is a write error (EPIPE), seen by fail()
    std::signal(SIGXFSZ, SIG_IGN); // a file-size limit is a write error (EFBIG): exit 74
}

mpp::Environment read_environment()
{
    mpp::Environment env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e)
    {
        const std::string entry(*e);
        const std::size_t eq = entry.find('=');
        if (eq != std::string::npos)
        {
            env[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
    }
    return env;
}

std::string version_text()
{
    return fmt::format("mpp {} (SQLite {}, schema {})", MPP_VERSION, sqlite3_libversion(),
                       mpp::latest_schema_version());
}

void add_global_options(CLI::App& app, mpp::cli::GlobalOptions& g)
{
    const char* group = "Global options (anywhere on the line)";
    app.add_option("--db", g.db, "database file (env MPP_DB)")->group(group);
    app.add_option("--config", g.config, "config file (env MPP_CONFIG)")->group(group);
    app.add_option("--format", g.format, "table, csv, tsv, json, ndjson (reports: markdown, html)")
        ->group(group);
    app.add_flag("--json", g.json, "same as --format json")->group(group);
    app.add_flag("--csv", g.csv, "same as --format csv")->group(group);
    app.add_flag("--bom", g.bom, "start CSV output with a UTF-8 BOM (for Excel; csv only)")
        ->group(group);
    app.add_option("-o,--output", g.output, "write data to FILE (atomically; - = stdout)")
        ->group(group);
    app.add_option("--operator", g.operator_name,
                   "who is acting, for the audit trail (env MPP_OPERATOR)")
        ->group(group);
    app.add_flag("-q,--quiet", g.quiet, "no notices, only errors")->group(group);
    app.add_flag("-v,--verbose", g.verbose, "notices even when stderr is not a terminal")
        ->group(group);
    app.add_option("--lang", g.lang, "id or en: language of human formats (env MPP_LANG)")
        ->group(group);
    app.add_flag("--unmasked", g.unmasked, "show NIK and phone in full (needs --reason; audited)")
        ->group(group);
    app.add_option("--reason", g.reason,
                   "why: personal data shown unmasked, audit list --nik, a correction or void")
        ->group(group);
    app.add_flag("--no-color", g.no_color, "never colour output (env NO_COLOR)")->group(group);
    app.set_version_flag("-V,--version", version_text())->group(group);
    app.set_help_flag("-h,--help", "print help and exit")->group(group);
}

// The deepest subcommand that was parsed.
CLI::App* deepest(CLI::App* app)
{
    for (CLI::App* sub : app->get_subcommands())
    {
        return deepest(sub);
    }
    return app;
}

std::vector<std::string> names_of(CLI::App* app)
{
    std::vector<std::string> names;
    for (const CLI::App* sub : app->get_subcommands({}))
    {
        names.push_back(sub->get_name());
    }
    return names;
}

std::vector<std::string> option_names(CLI::App* app)
{
    std::vector<std::string> names;
    for (CLI::App* a = app; a != nullptr; a = a->get_parent())
    {
        for (const CLI::Option* opt : a->get_options())
        {
            for (const auto& n : opt->get_lnames())
            {
                names.push_back("--" + n);
            }
        }
    }
    return names;
}

std::string full_name(CLI::App* app)
{
    std::vector<std::string> names;
    for (CLI::App* a = app; a->get_parent() != nullptr; a = a->get_parent())
    {
        names.insert(names.begin(), a->get_name());
    }
    names.insert(names.begin(), "mpp");
    return mpp::join(names, " ");
}

// Help of a (sub)command with its full name in the usage line.
std::string help_of(CLI::App* app)
{
    CLI::App* parent = app->get_parent();
    return parent == nullptr ? app->help() : app->help(full_name(parent));
}

// Checks what CLI11 left over; throws Error(usage) with a suggestion.
void check_leftovers(CLI::App& app)
{
    CLI::App* at = deepest(&app);
    const std::vector<std::string> rest = app.remaining();
    if (rest.empty())
    {
        if (!at->get_subcommands({}).empty())
        {
            throw mpp::Error(mpp::ErrorKind::usage,
                             fmt::format("{} needs a command", full_name(at)),
                             fmt::format("{} --help lists them", full_name(at)));
        }
        return;
    }
    const std::string& word = rest.front();
    const std::string shown = mpp::escape_controls(word);
    if (word.rfind('-', 0) == 0)
    {
        const std::string name = word.substr(0, word.find('='));
        const auto guess = mpp::closest_match(name, option_names(at));
        throw mpp::Error(mpp::ErrorKind::usage,
                         fmt::format("unknown option '{}' for '{}'{}", mpp::escape_controls(name),
                                     full_name(at),
                                     guess ? fmt::format(" (did you mean '{}'?)", *guess) : ""),
                         fmt::format("{} --help lists the options", full_name(at)));
    }
    const auto subs = names_of(at);
    if (!subs.empty())
    {
        const auto guess = mpp::closest_match(word, subs);
        throw mpp::Error(mpp::ErrorKind::usage,
                         fmt::format("unknown command '{}'{}", shown,
                                     guess ? fmt::format(" (did you mean '{}'?)", *guess) : ""),
                         fmt::format("commands: {}", mpp::join(subs, ", ")));
    }
    throw mpp::Error(mpp::ErrorKind::usage,
                     fmt::format("unexpected argument '{}' for '{}'", shown, full_name(at)));
}

void print_error(const mpp::Error& e)
{
    for (const auto& d : e.diagnostics())
    {
        std::cerr << "mpp: " << mpp::escape_controls(mpp::format_place(d.place)) << ": "
                  << mpp::escape_controls(d.message) << '\n';
    }
    if (e.place())
    {
        std::cerr << "mpp: " << mpp::escape_controls(mpp::format_place(*e.place())) << ": "
                  << mpp::escape_controls(e.what()) << '\n';
    }
    else
    {
        std::cerr << "mpp: error: " << mpp::escape_controls(e.what()) << '\n';
    }
    if (!e.hint().empty())
    {
        std::cerr << "mpp: hint: " << mpp::escape_controls(e.hint()) << '\n';
    }
}

int fail(const mpp::Error& e)
{
    // A reader that closed the pipe early (`| head`) ends a command that wrote nothing quietly.
    if (e.kind() == mpp::ErrorKind::io && mpp::stdout_reader_gone() &&
        mpp::rolled_back_writes() == 0)
    {
        return 0;
    }
    print_error(e);
    return mpp::exit_code(e.kind(), e.signal());
}

// Everything on stdout must have been written: a full disk or /dev/full is exit 74.
int flush_stdout()
{
    std::cout.flush();
    if (!std::cout)
    {
        return fail(mpp::Error(mpp::ErrorKind::io, "cannot write to standard output"));
    }
    return 0;
}

const char* k_examples = R"(
Examples:
  mpp db init --office-name "MPP Kota Kupang" --office-code KPG --utc-offset +08:00
  mpp agency import agencies.csv
  mpp service show DUKCAPIL-KTP
  ref=$(mpp application submit --service DUKCAPIL-KTP --name "Maria Lay" --nik 5371014107900001)
  mpp application set-status "$ref" completed
  mpp report monthly --month 2022-10 --format html -o laporan-2022-10.html

Exit codes: 0 ok, 64 usage, 65 invalid data, 66 cannot read input, 69 database unusable,
70 internal error, 73 cannot create, 74 I/O error, 75 database locked, 77 permission denied,
78 configuration error, 130/143 interrupted. See mpp(1).)";

// Every subcommand's help ends by pointing at the global options.
void add_global_note(CLI::App* app)
{
    for (CLI::App* sub : app->get_subcommands({}))
    {
        sub->footer(sub->get_footer() +
                    "\n\nGlobal options (--db, --format, --json, --csv, -o, -q, -v, --lang, …) may "
                    "stand anywhere on the line: see mpp --help.");
        add_global_note(sub);
    }
}

} // namespace

int main(int argc, char** argv)
{
    install_signal_handlers();
    Context ctx(read_environment());
    CLI::App app{"mpp: administration toolkit for a Mal Pelayanan Publik (DPMPTSP)", "mpp"};
    app.footer(k_examples);
    app.allow_extras();
    app.fallthrough();
    app.formatter(mpp::cli::help_formatter()); // before the subcommands, which inherit it
    add_global_options(app, ctx.options);
    mpp::cli::add_db_command(app, ctx);
    mpp::cli::add_config_command(app, ctx);
    mpp::cli::add_agency_command(app, ctx);
    mpp::cli::add_service_command(app, ctx);
    mpp::cli::add_calendar_command(app, ctx);
    mpp::cli::add_application_command(app, ctx);
    mpp::cli::add_survey_command(app, ctx);
    mpp::cli::add_complaint_command(app, ctx);
    mpp::cli::add_report_command(app, ctx);
    mpp::cli::add_audit_command(app, ctx);
    mpp::cli::add_visit_command(app, ctx);
    add_global_note(&app);
    if (argc > 1 && std::string_view(argv[1]) == mpp::cli::k_complete_command)
    {
        return mpp::cli::run_completion(app, ctx, argc, argv);
    }
    try
    {
        try
        {
            app.parse(argc, argv);
        }
        catch (const CLI::CallForHelp&)
        {
            std::cout << help_of(deepest(&app));
            return flush_stdout();
        }
        catch (const CLI::CallForVersion&)
        {
            std::cout << version_text() << '\n';
            return flush_stdout();
        }
        catch (const CLI::ParseError& e)
        {
            throw mpp::Error(mpp::ErrorKind::usage, e.what(),
                             fmt::format("{} --help shows the usage", full_name(deepest(&app))));
        }
        try
        {
            check_leftovers(app);
        }
        catch (const mpp::Error&)
        {
            if (app.remaining().empty())
            {
                std::cerr << help_of(deepest(&app));
            }
            throw;
        }
        if (ctx.options.unmasked && (!ctx.options.reason || mpp::trim(*ctx.options.reason).empty()))
        {
            throw mpp::Error(mpp::ErrorKind::usage, "--unmasked needs --reason TEXT",
                             "the reason is written to the audit trail");
        }
        if (ctx.action)
        {
            ctx.refuse_unsafe_output();
            ctx.action();
        }
        return flush_stdout();
    }
    catch (const mpp::Error& e)
    {
        return fail(e);
    }
    catch (const SQLite::Exception& e)
    {
        return fail(mpp::from_sqlite(e));
    }
    catch (const std::bad_alloc&)
    {
        return fail(mpp::Error(mpp::ErrorKind::internal, "out of memory"));
    }
    catch (const std::exception& e)
    {
        return fail(mpp::Error(mpp::ErrorKind::internal, e.what(),
                               "this is a bug in mpp: please report it"));
    }
}
