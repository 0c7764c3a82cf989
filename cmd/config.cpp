// mpp config show: each effective setting and where it came from, the database's beside them.
#include "common.hpp"

#include "mpp/config_listing.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

// The comment line that opens each group of the human listing.
std::string group_header(SettingScope scope, const Settings& s)
{
    switch (scope)
    {
    case SettingScope::database:
        return fmt::format("# Stored in the database {} (mpp db set changes them):",
                           s.database_path);
    case SettingScope::db_init:
        return "# Defaults of a new database, read only by mpp db init:";
    case SettingScope::run:
        break;
    }
    return "# This run (flag > env > config file > default):";
}

void print_human(Context& ctx, const std::vector<ListedSetting>& rows,
                 const DatabaseSettingsView& db)
{
    std::size_t width = 0;
    for (const auto& row : rows)
    {
        width = std::max(width, display_width(row.setting.key + " = " + row.setting.value));
    }
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    std::optional<SettingScope> group;
    for (const auto& row : rows)
    {
        if (group != row.scope && row.scope == SettingScope::db_init && db.problem)
        {
            sink.stream() << "\n# No database settings: " << escape_controls(*db.problem) << '\n';
        }
        if (group != row.scope)
        {
            sink.stream() << (group ? "\n" : "") << group_header(row.scope, ctx.settings()) << '\n';
            group = row.scope;
        }
        const std::string left = escape_controls(row.setting.key + " = " + row.setting.value);
        sink.stream() << left << std::string(width - display_width(left) + 3, ' ') << '('
                      << escape_controls(row.setting.origin) << ")\n";
    }
    sink.commit();
}

void run_show(Context& ctx)
{
    const Settings& s = ctx.settings();
    const DatabaseSettingsView db = read_database_settings(s.database_path, s.busy_timeout_ms);
    const std::vector<ListedSetting> rows = config_listing(s, db);
    if (ctx.listing_format() == "table")
    {
        print_human(ctx, rows, db);
        return;
    }
    if (db.problem)
    {
        ctx.warn("no database settings: " + *db.problem);
    }
    Table t;
    t.columns = {{"key", "Kunci", "Key", CellKind::code},
                 {"value", "Nilai", "Value", CellKind::free_text},
                 {"source", "Sumber", "Source", CellKind::code},
                 {"scope", "Cakupan", "Scope", CellKind::code},
                 {"origin", "Asal", "Origin", CellKind::free_text}};
    for (const auto& row : rows)
    {
        t.rows.push_back({row.setting.key, row.setting.value, row.setting.source,
                          scope_name(row.scope), row.setting.origin});
    }
    ctx.emit_table(t);
}

} // namespace

void add_config_command(CLI::App& app, Context& ctx)
{
    CLI::App* config = app.add_subcommand("config", "show the effective configuration");
    config->footer("\nExample:\n  mpp config show\n\nKeys and files: see mpp-config(5).");
    config
        ->add_subcommand("show", "print each setting with its source: flag, env, config file, "
                                 "default, or the database's own (office, calendar, report, …)")
        ->callback([&ctx] { ctx.action = [&ctx] { run_show(ctx); }; });
}

} // namespace mpp::cli
