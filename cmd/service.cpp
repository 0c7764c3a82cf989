// mpp service: the service catalogue with each service's Standar Pelayanan.
#include "common.hpp"

#include "mpp/application.hpp"
#include "mpp/service.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct ServiceCli
{
    std::string code;
    std::map<std::string, std::string> fields;
    std::vector<std::string> requirements;
    bool requirements_given = false;
    bool upsert = false;
    bool dry_run = false;
    bool all = false;
    std::optional<std::string> agency;
    std::optional<long long> limit;
    std::optional<std::string> at;
    ImportCli import;
};

const std::vector<FieldOption> k_fields = {
    {"code", "--code", "service code: 2-40 of A-Z 0-9 - _ (DUKCAPIL-KTP)"},
    {"agency", "--agency", "code of the agency that provides it"},
    {"name", "--name", "service name"},
    {"category", "--category",
     "business_permit, non_business_permit, non_permit, civil_registry, payment, information"},
    {"sla_days", "--sla-days",
     "time limit in working days (14, \"3 (tiga) hari kerja\"; 0 = the same working day)"},
    {"fee", "--fee",
     "fee in Rupiah (\"Rp 50.000,-\", 0 = Gratis) or a variable fee as written (\"Sesuai "
     "Perda ...\")"},
    {"product", "--product", "what the applicant receives (produk pelayanan)"},
    {"procedure", "--procedure", "system, mechanism and procedure"},
    {"legal_basis", "--legal-basis", "legal basis (dasar hukum)"},
    {"complaint_channel", "--complaint-channel", "how complaints are handled (SP4N-LAPOR!)"},
    {"retired_on", "--retired-on", "date it was withdrawn (empty: it is offered again)"}};

void add_service_options(CLI::App* verb, ServiceCli& cli, bool adding)
{
    add_field_options(verb, cli.fields, k_fields,
                      {adding ? std::string("retired_on") : std::string("code")});
    verb->add_option_function<std::vector<std::string>>(
        "--requirement",
        [&cli](const std::vector<std::string>& v)
        {
            cli.requirements = v;
            cli.requirements_given = true;
        },
        "one requirement (persyaratan), in order; repeat for each (replaces the list)");
}

RawRecord overlay(RawRecord raw, const ServiceCli& cli)
{
    raw = overlay_fields(std::move(raw), cli.fields);
    if (cli.requirements_given)
    {
        std::vector<std::string> items;
        for (const auto& r : cli.requirements)
        {
            if (!trim(r).empty())
            {
                items.push_back(r);
            }
        }
        raw.set("requirements", join(items, "\n"));
    }
    return raw;
}

Service parse_or_throw(Context& ctx, const RawRecord& raw)
{
    FieldProblems problems;
    auto service = parse_service(raw, ctx.office().offset, problems);
    throw_first_problem(problems);
    return *service;
}

void run_add(Context& ctx, const ServiceCli& cli)
{
    WriteTransaction tx(ctx.db());
    ServiceStore store(ctx.db().sql());
    RawRecord raw;
    if (cli.upsert)
    {
        const auto code = cli.fields.find("code");
        const auto existing =
            code == cli.fields.end() ? std::nullopt : store.find(to_upper(trim(code->second)));
        raw = existing ? service_to_raw(*existing) : raw;
    }
    const Service service = parse_or_throw(ctx, overlay(raw, cli));
    const WriteOutcome outcome = store.add(service, cli.upsert, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    report_write(ctx, "service", outcome, service.code, cli.dry_run);
}

void run_update(Context& ctx, const ServiceCli& cli)
{
    WriteTransaction tx(ctx.db());
    ServiceStore store(ctx.db().sql());
    const Service existing = store.get(cli.code);
    const Service service = parse_or_throw(ctx, overlay(service_to_raw(existing), cli));
    const WriteOutcome outcome = store.update(service, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    report_write(ctx, "service", outcome, service.code, cli.dry_run);
}

void run_retire(Context& ctx, const ServiceCli& cli)
{
    const Date on = cli.at ? parse_date_option(ctx, "--at", *cli.at) : ctx.today();
    WriteTransaction tx(ctx.db());
    ServiceStore store(ctx.db().sql());
    if (!store.retire(cli.code, on, ctx.actor()))
    {
        ctx.notice(fmt::format("service {} was already retired on {}: nothing to change",
                               to_upper(cli.code), format_date(*store.get(cli.code).retired_on)));
        return;
    }
    ApplicationStore applications(ctx.db().sql(), ctx.office(), ctx.calendar());
    const std::string code = store.get(cli.code).code;
    if (const auto warning = open_applications_warning(
            fmt::format("service {}", code), applications.count_open(OpenOf::service, code)))
    {
        ctx.warn(*warning);
    }
    if (!cli.dry_run)
    {
        tx.commit();
    }
    ctx.notice(fmt::format("{}service {} takes no applications from {}",
                           cli.dry_run ? "dry run: " : "", to_upper(cli.code), format_date(on)));
}

void run_show(Context& ctx, const ServiceCli& cli)
{
    ServiceStore store(ctx.db().sql());
    const Service service = store.get(cli.code);
    if (ctx.listing_format() != "table")
    {
        ctx.emit_record(service_table({service}, ctx.today(), true));
        return;
    }
    const Agency agency = AgencyStore(ctx.db().sql()).get(service.agency);
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    sink.stream() << service_card(service, agency, ctx.today(), ctx.settings().language);
    sink.commit();
}

void run_list(Context& ctx, const ServiceCli& cli, bool export_csv)
{
    ServiceStore store(ctx.db().sql());
    const auto services = store.list(ServiceFilter{cli.all, cli.agency, ctx.today(), cli.limit});
    if (export_csv)
    {
        ctx.force_format("csv");
    }
    ctx.emit_table(service_table(services, ctx.today(), !export_csv));
}

} // namespace

void add_service_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<ServiceCli>();
    CLI::App* noun = app.add_subcommand("service", "the service catalogue (Standar Pelayanan)");
    noun->footer(
        "\nExamples:\n"
        "  mpp service add --code DUKCAPIL-KTP --agency DUKCAPIL --name \"Penerbitan KTP-el\" \\\n"
        "      --category civil_registry --sla-days 1 --fee 0 \\\n"
        "      --requirement \"Kartu Keluarga\" --requirement \"Surat pengantar RT/RW\"\n"
        "  mpp service update DUKCAPIL-KTP --sla-days 3\n"
        "  mpp service show DUKCAPIL-KTP\n"
        "  mpp service list --agency DUKCAPIL\n"
        "  mpp service import services.csv --on-conflict update\n"
        "  mpp service retire BAPENDA-PBB-MANUAL --at 2025-01-01\n"
        "  mpp service export --all -o services.csv");

    CLI::App* add =
        add_verb(noun, ctx, "add", "add a service", [&ctx, cli] { run_add(ctx, *cli); });
    add_service_options(add, *cli, true);
    mark_required(add, {"--code", "--agency", "--name", "--category", "--sla-days"});
    add->add_flag("--upsert", cli->upsert,
                  "update the service if the code exists (safe to re-run)");
    add->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* update = add_verb(noun, ctx, "update", "change fields of a service",
                                [&ctx, cli] { run_update(ctx, *cli); });
    update->add_option("CODE", cli->code, "service code")->required();
    add_service_options(update, *cli, false);
    update->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* show = add_verb(noun, ctx, "show", "show a service's Standar Pelayanan",
                              [&ctx, cli] { run_show(ctx, *cli); });
    show->add_option("CODE", cli->code, "service code")->required();

    CLI::App* list =
        add_verb(noun, ctx, "list", "list services (those taking applications unless --all)",
                 [&ctx, cli] { run_list(ctx, *cli, false); });
    list->add_flag("--all,!--active", cli->all,
                   "--all includes retired services and those of agencies that left; --active "
                   "(default) does not");
    list->add_option("--agency", cli->agency, "only the services of this agency");
    add_limit_option(list, cli->limit);
    add_csv_output_option(list, ctx);

    CLI::App* retire = add_verb(noun, ctx, "retire", "withdraw a service (it stays in history)",
                                [&ctx, cli] { run_retire(ctx, *cli); });
    retire->add_option("CODE", cli->code, "service code")->required();
    retire->add_option("--at", cli->at, "first day without the service (default: today)");
    retire->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* import =
        add_verb(noun, ctx, "import", "import services from a CSV file (all or nothing)",
                 [&ctx, cli]
                 {
                     ServiceImport target(ctx.db().sql(), ctx.actor());
                     run_import_command(ctx, target, cli->import);
                 });
    add_import_options(import, cli->import);

    CLI::App* exp = add_verb(noun, ctx, "export", "write services as CSV that import reads back",
                             [&ctx, cli] { run_list(ctx, *cli, true); });
    exp->add_flag("--all", cli->all, "include retired services and those of agencies that left");
    exp->add_option("--agency", cli->agency, "only the services of this agency");
    add_limit_option(exp, cli->limit);
    add_csv_output_option(exp, ctx);
}

} // namespace mpp::cli
