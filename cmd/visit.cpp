// mpp visit: import queue tickets and tally sheets, count visits by hand, list the figures.
#include "common.hpp"

#include "mpp/visit.hpp"

#include <fmt/format.h>

namespace mpp::cli
{
namespace
{

struct VisitCli
{
    std::map<std::string, std::string> fields;
    bool dry_run = false;
    VisitFilter filter;
    std::optional<std::string> from;
    std::optional<std::string> to;
    ImportCli import;
};

const std::vector<FieldOption> k_fields = {
    {"agency", "--agency", "agency code"},
    {"service", "--service", "service code of that agency (optional)"},
    {"count", "--count", "visitors to add (default 1)"},
    {"date", "--date", "local date of the visits (default: today)"},
    {"channel", "--channel", "counter (default, loket) or outreach (jemput_bola, gerai)"}};

void run_add(Context& ctx, const VisitCli& cli)
{
    RawRecord raw = overlay_fields(RawRecord(), cli.fields);
    if (!raw.get("count"))
    {
        raw.set("count", "1");
    }
    const VisitCount c = add_visit_count(ctx.db(), raw, ctx.actor(), cli.dry_run);
    ctx.notice(fmt::format("{}visit count {}: {}{}", cli.dry_run ? "dry run: " : "", c.key, c.count,
                           c.created ? " (new)" : ""));
}

void run_list(Context& ctx, const VisitCli& cli)
{
    VisitFilter f = cli.filter;
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    f.from = range.from;
    f.to = range.to;
    ctx.emit_table(visit_table(ctx.db().sql(), ctx.calendar(), f));
}

} // namespace

void add_visit_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<VisitCli>();
    CLI::App* noun = app.add_subcommand("visit", "visits (kunjungan): queue tickets and tallies");
    noun->footer("\nExamples:\n"
                 "  mpp visit import antrian-oktober.csv\n"
                 "  mpp visit import cfd-2022-10-30.csv --on-conflict update\n"
                 "  mpp visit add --agency DUKCAPIL --service DUKCAPIL-KTP --count 3\n"
                 "  mpp visit list --from 2022-10-01 --to 2022-10-31 --by agency");

    CLI::App* add =
        add_verb(noun, ctx, "add", "count visits by hand (adds to the day's count of the same key)",
                 [&ctx, cli] { run_add(ctx, *cli); });
    add_field_options(add, cli->fields, k_fields, {});
    mark_required(add, {"--agency"});
    add->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");

    CLI::App* list = add_verb(noun, ctx, "list", "visits per day, agency and service",
                              [&ctx, cli] { run_list(ctx, *cli); });
    list->add_option("--agency", cli->filter.agency, "only this agency's visits");
    list->add_option("--service", cli->filter.service, "only this service's visits");
    list->add_option("--from", cli->from, "on or after this local date");
    list->add_option("--to", cli->to, "on or before this local date");
    list->add_option("--by", cli->filter.by,
                     "the figures of the period --from..--to per service, agency or mpp (with "
                     "subtotals)");
    add_limit_option(list, cli->filter.limit);
    add_csv_output_option(list, ctx);

    CLI::App* import =
        add_verb(noun, ctx, "import", "import queue tickets or a tally sheet (all or nothing)",
                 [&ctx, cli]
                 {
                     VisitImport target(ctx.db().sql(), ctx.actor());
                     run_import_command(ctx, target, cli->import);
                 });
    add_import_options(import, cli->import);
}

} // namespace mpp::cli
