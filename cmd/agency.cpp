// mpp agency: register, update, show, list, deactivate, import and export agencies.
#include "common.hpp"

#include "mpp/application.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

// Field options of add/update; only the ones given are set.
struct AgencyCli
{
    std::string code;
    std::map<std::string, std::string> fields;
    bool upsert = false;
    bool dry_run = false;
    bool all = false;
    std::optional<long long> limit;
    std::optional<std::string> at;
    ImportCli import;
};

const std::vector<FieldOption> k_fields = {
    {"code", "--code", "agency code: 2-20 of A-Z 0-9 - (DUKCAPIL)"},
    {"name", "--name", "agency name"},
    {"kind", "--kind", "regional, vertical, soe, rsoe, bank, msme or private"},
    {"counter", "--counter", "counter or booth label (Loket 3)"},
    {"contact_name", "--contact-name", "contact person"},
    {"phone", "--phone",
     "contact telephone: any Indonesian number, or a service number such as 1500400"},
    {"email", "--email", "contact e-mail"},
    {"joined_on", "--joined-on", "date the agency joined the MPP (default: today)"},
    {"left_on", "--left-on", "date the agency left (empty: it serves again)"},
    {"note", "--note", "free note"}};

Agency parse_or_throw(Context& ctx, const RawRecord& raw)
{
    FieldProblems problems;
    auto agency = parse_agency(raw, ctx.today(), ctx.office().offset, problems);
    throw_first_problem(problems);
    return *agency;
}

void run_add(Context& ctx, const AgencyCli& cli)
{
    WriteTransaction tx(ctx.db());
    AgencyStore store(ctx.db().sql());
    RawRecord raw;
    if (cli.upsert)
    {
        const auto code = cli.fields.find("code");
        const auto existing =
            code == cli.fields.end() ? std::nullopt : store.find(to_upper(trim(code->second)));
        raw = existing ? agency_to_raw(*existing) : raw;
    }
    const Agency agency = parse_or_throw(ctx, overlay_fields(raw, cli.fields));
    const WriteOutcome outcome = store.add(agency, cli.upsert, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    report_write(ctx, "agency", outcome, agency.code, cli.dry_run);
}

void run_update(Context& ctx, const AgencyCli& cli)
{
    WriteTransaction tx(ctx.db());
    AgencyStore store(ctx.db().sql());
    const Agency existing = store.get(cli.code);
    const Agency agency = parse_or_throw(ctx, overlay_fields(agency_to_raw(existing), cli.fields));
    const WriteOutcome outcome = store.update(agency, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    report_write(ctx, "agency", outcome, agency.code, cli.dry_run);
}

void run_deactivate(Context& ctx, const AgencyCli& cli)
{
    const Date left_on = cli.at ? parse_date_option(ctx, "--at", *cli.at) : ctx.today();
    WriteTransaction tx(ctx.db());
    AgencyStore store(ctx.db().sql());
    if (!store.deactivate(cli.code, left_on, ctx.actor()))
    {
        ctx.notice(fmt::format("agency {} has already left on {}: nothing to change",
                               to_upper(cli.code), format_date(*store.get(cli.code).left_on)));
        return;
    }
    ApplicationStore applications(ctx.db().sql(), ctx.office(), ctx.calendar());
    const std::string code = store.get(cli.code).code;
    if (const auto warning = open_applications_warning(
            fmt::format("agency {}", code), applications.count_open(OpenOf::agency, code)))
    {
        ctx.warn(*warning);
    }
    if (!cli.dry_run)
    {
        tx.commit();
    }
    ctx.notice(fmt::format("{}agency {} leaves on {}", cli.dry_run ? "dry run: " : "",
                           to_upper(cli.code), format_date(left_on)));
}

void run_list(Context& ctx, const AgencyCli& cli, bool export_csv)
{
    AgencyStore store(ctx.db().sql());
    const auto agencies = store.list(AgencyFilter{cli.all, ctx.today(), cli.limit});
    if (export_csv)
    {
        ctx.force_format("csv");
    }
    ctx.emit_table(agency_table(agencies, ctx.today(), !export_csv));
}

} // namespace

void add_agency_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<AgencyCli>();
    CLI::App* noun = app.add_subcommand("agency", "register and manage the agencies of the MPP");
    noun->footer(
        "\nExamples:\n"
        "  mpp agency add --code DUKCAPIL --name \"Dinas Dukcapil Kota Kupang\" --kind regional\n"
        "  mpp agency add --upsert --code PLN-KUPANG --name \"PT PLN UP3 Kupang\" --kind soe\n"
        "  mpp agency update DUKCAPIL --counter \"Loket 2\"\n"
        "  mpp agency show DUKCAPIL\n"
        "  mpp agency list --all --format csv\n"
        "  mpp agency deactivate PLN-KUPANG --at 2025-01-01\n"
        "  mpp agency import agencies.csv --on-conflict update\n"
        "  mpp agency export --all -o agencies.csv");

    CLI::App* add =
        add_verb(noun, ctx, "add", "register an agency", [&ctx, cli] { run_add(ctx, *cli); });
    add_field_options(add, cli->fields, k_fields, {"left_on"});
    mark_required(add, {"--code", "--name", "--kind"});
    add->add_flag("--upsert", cli->upsert, "update the agency if the code exists (safe to re-run)");
    add->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* update = add_verb(noun, ctx, "update", "change fields of an agency",
                                [&ctx, cli] { run_update(ctx, *cli); });
    update->add_option("CODE", cli->code, "agency code")->required();
    add_field_options(update, cli->fields, k_fields, {"code"});
    update->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* show =
        add_verb(noun, ctx, "show", "show one agency",
                 [&ctx, cli]
                 {
                     AgencyStore store(ctx.db().sql());
                     ctx.emit_record(agency_table({store.get(cli->code)}, ctx.today(), true));
                 });
    show->add_option("CODE", cli->code, "agency code")->required();

    CLI::App* list = add_verb(noun, ctx, "list", "list agencies (active ones unless --all)",
                              [&ctx, cli] { run_list(ctx, *cli, false); });
    list->add_flag("--all,!--active", cli->all,
                   "--all includes agencies that have left; --active (default) does not");
    add_limit_option(list, cli->limit);
    add_csv_output_option(list, ctx);

    CLI::App* deactivate = add_verb(noun, ctx, "deactivate", "record that an agency left the MPP",
                                    [&ctx, cli] { run_deactivate(ctx, *cli); });
    deactivate->add_option("CODE", cli->code, "agency code")->required();
    deactivate->add_option("--at", cli->at, "date it left (default: today)");
    deactivate->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* import =
        add_verb(noun, ctx, "import", "import agencies from a CSV file (all or nothing)",
                 [&ctx, cli]
                 {
                     AgencyImport target(ctx.db().sql(), ctx.actor());
                     run_import_command(ctx, target, cli->import);
                 });
    add_import_options(import, cli->import);

    CLI::App* exp = add_verb(noun, ctx, "export", "write agencies as CSV that import reads back",
                             [&ctx, cli] { run_list(ctx, *cli, true); });
    exp->add_flag("--all", cli->all, "include agencies that have left");
    add_limit_option(exp, cli->limit);
    add_csv_output_option(exp, ctx);
}

} // namespace mpp::cli
