// mpp db: create, inspect, check, migrate, back up the database and change office settings.
#include "common.hpp"

#include "mpp/calendar.hpp"
#include "mpp/migrate.hpp"
#include "mpp/repair.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp::cli
{
namespace
{

struct DbInitCli
{
    std::optional<std::string> office_name;
    std::optional<std::string> office_code;
    std::optional<std::string> utc_offset;
    std::optional<std::string> group;
    bool no_holidays = false;
};

Table pairs_table(const std::vector<std::pair<std::string, std::string>>& pairs)
{
    Table t;
    t.columns = {{"key", "Kunci", "Key", CellKind::code},
                 {"value", "Nilai", "Value", CellKind::free_text}};
    for (const auto& [k, v] : pairs)
    {
        t.rows.push_back({k, v});
    }
    return t;
}

void run_init(Context& ctx, const DbInitCli& cli)
{
    const Settings& s = ctx.settings();
    InitOptions o;
    o.office_name = cli.office_name.value_or(s.office_name);
    o.office_code = cli.office_code.value_or(s.office_code);
    o.utc_offset = cli.utc_offset.value_or(s.office_utc_offset);
    o.group = cli.group;
    for (const auto& item : s.listing)
    {
        o.create_parent =
            o.create_parent || (item.key == "database.path" && item.origin == "default");
    }
    ctx.set_clock_offset(parse_utc_offset(normalize_setting("office.utc_offset", o.utc_offset)));
    const Actor actor = ctx.actor();
    DatabaseSeed seed;
    if (!cli.no_holidays)
    {
        seed = [&actor](Database& db) { load_builtin_holidays(db, actor); };
    }
    init_database(s.database_path, o, actor, seed);
    ctx.notice(fmt::format("created {} for {} ({}, UTC{}){}", s.database_path, o.office_name,
                           o.office_code, o.utc_offset,
                           cli.no_holidays ? ", without holidays"
                                           : ", with the national holidays 2022-2026"));
}

void run_check(Context& ctx, bool repair)
{
    const CheckResult r = check_and_repair(ctx.db(), ctx.actor(), repair);
    if (!r.rebuilt.empty())
    {
        ctx.notice("rebuilt the " + join(r.rebuilt, " and ") + " from the applications");
    }
    if (!r.findings.empty())
    {
        std::vector<Diagnostic> diags;
        diags.reserve(r.findings.size());
        for (const auto& f : r.findings)
        {
            diags.push_back({Place{ctx.db().path(), 0, 0}, f});
        }
        throw Error(
            ErrorKind::db_unusable,
            fmt::format("{} problem{} found", r.findings.size(), r.findings.size() == 1 ? "" : "s"),
            r.repairable ? "mpp db check --repair recomputes them from the applications"
                         : "restore the latest backup (mpp db backup makes one)")
            .with_diagnostics(diags);
    }
    ctx.notice(fmt::format("{}: ok", ctx.db().path()));
}

void run_migrate(Context& ctx)
{
    const Settings& s = ctx.settings();
    // An old schema cannot be opened for the office's offset yet: the clock reads the config's.
    ctx.set_clock_offset(parse_utc_offset(s.office_utc_offset));
    const Actor actor = ctx.actor();
    const MigrateResult r = migrate_mpp_database(s.database_path, s.busy_timeout_ms, actor);
    if (r.backup_path.empty())
    {
        ctx.notice(fmt::format("{} is at schema {}: nothing to change", s.database_path, r.to));
        return;
    }
    ctx.notice(fmt::format("migrated {} from schema {} to {} (backup: {})", s.database_path, r.from,
                           r.to, r.backup_path));
}

void run_set(Context& ctx, const std::string& key, const std::string& value)
{
    WriteTransaction tx(ctx.db());
    const bool changed = set_setting(ctx.db().sql(), ctx.actor(), key, value);
    tx.commit();
    ctx.notice(changed ? fmt::format("{} = {}", key, normalize_setting(key, value))
                       : fmt::format("{} is already {}: nothing to change", key, value));
}

} // namespace

void add_db_command(CLI::App& app, Context& ctx)
{
    CLI::App* db =
        app.add_subcommand("db", "create, inspect, check, migrate and back up the database");
    db->footer("\nExamples:\n  mpp db init --office-code KPG --utc-offset +08:00\n  mpp db info\n"
               "  mpp db backup /var/backups/mpp-$(date +%F).db\n  mpp db set office.name \"MPP "
               "Kota Kupang\"\n  mpp db check --repair\n  mpp db migrate");

    auto init_cli = std::make_shared<DbInitCli>();
    CLI::App* init =
        db->add_subcommand("init", "create a new database file (never overwrites one)");
    init->add_option("--office-name", init_cli->office_name, "office name printed on reports");
    init->add_option("--office-code", init_cli->office_code,
                     "office code used in references (KPG)");
    init->add_option("--utc-offset", init_cli->utc_offset,
                     "the office's UTC offset (+08:00 for WITA)");
    init->add_option("--group", init_cli->group, "share the file with this group (mode 0660)");
    init->add_flag("--no-holidays", init_cli->no_holidays,
                   "do not load the national holidays and cuti bersama 2022-2026");
    init->callback([&ctx, init_cli]
                   { ctx.action = [&ctx, init_cli] { run_init(ctx, *init_cli); }; });

    db->add_subcommand("info", "show the database's facts and office settings")
        ->callback(
            [&ctx]
            { ctx.action = [&ctx] { ctx.emit_table(pairs_table(database_info(ctx.db()))); }; });
    auto repair = std::make_shared<bool>(false);
    CLI::App* check = db->add_subcommand(
        "check", "run integrity and foreign-key checks and recompute the report tallies");
    check->add_flag("--repair", *repair,
                    "rebuild report tallies that disagree with the applications");
    check->callback([&ctx, repair] { ctx.action = [&ctx, repair] { run_check(ctx, *repair); }; });
    db->add_subcommand("migrate", "back up, then bring an older database to this schema")
        ->callback([&ctx] { ctx.action = [&ctx] { run_migrate(ctx); }; });

    auto target = std::make_shared<std::string>();
    CLI::App* backup =
        db->add_subcommand("backup", "copy the database with SQLite's online backup");
    backup->add_option("FILE", *target, "the new backup file (must not exist)")->required();
    backup->callback(
        [&ctx, target]
        {
            ctx.action = [&ctx, target]
            {
                backup_database(ctx.db(), *target);
                ctx.notice(fmt::format("backed up {} to {}", ctx.db().path(), *target));
            };
        });

    auto kv = std::make_shared<std::pair<std::string, std::string>>();
    CLI::App* set = db->add_subcommand("set", "change an office setting (audited)");
    set->add_option("KEY", kv->first,
                    "office.name, office.code, office.utc_offset, "
                    "calendar.workweek, calendar.collective_leave_is_holiday, "
                    "reference.template")
        ->required();
    set->add_option("VALUE", kv->second, "the new value")->required();
    set->callback([&ctx, kv] { ctx.action = [&ctx, kv] { run_set(ctx, kv->first, kv->second); }; });
}

} // namespace mpp::cli
