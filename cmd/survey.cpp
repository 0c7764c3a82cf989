// mpp survey: import the SKM survey's responses (anonymous) and list them.
#include "common.hpp"

#include "mpp/survey.hpp"

namespace mpp::cli
{
namespace
{

struct SurveyCli
{
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::optional<long long> limit;
    ImportCli import;
};

void run_list(Context& ctx, const SurveyCli& cli)
{
    SurveyFilter f;
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    f.from = range.from;
    f.to = range.to;
    f.agency = cli.agency;
    f.service = cli.service;
    f.limit = cli.limit;
    ctx.emit_table(survey_table(ctx.db().sql(), f));
}

} // namespace

void add_survey_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<SurveyCli>();
    CLI::App* noun = app.add_subcommand("survey", "the satisfaction survey (SKM): import, list");
    noun->footer("\nExamples:\n"
                 "  mpp survey import skm-2022-q4.csv\n"
                 "  mpp survey import form.csv --map \"Nama Responden=\" --dry-run\n"
                 "  mpp survey list --from 2022-10-01 --to 2022-12-31 --agency DUKCAPIL\n"
                 "  mpp report skm --period 2022-Q4");
    CLI::App* import =
        add_verb(noun, ctx, "import", "import survey responses from a CSV file (all or nothing)",
                 [&ctx, cli]
                 {
                     SurveyImport target(ctx.db().sql(), ctx.actor());
                     run_import_command(ctx, target, cli->import);
                 });
    add_import_options(import, cli->import);
    CLI::App* list = add_verb(noun, ctx, "list", "list survey responses by date",
                              [&ctx, cli] { run_list(ctx, *cli); });
    list->add_option("--from", cli->from, "surveyed on or after this local date");
    list->add_option("--to", cli->to, "surveyed on or before this local date");
    list->add_option("--agency", cli->agency, "only responses about this agency");
    list->add_option("--service", cli->service, "only responses about this service");
    add_limit_option(list, cli->limit);
    add_csv_output_option(list, ctx);
}

} // namespace mpp::cli
