// mpp report: the monthly service report, any period's summary, the daily overdue list.
#include "common.hpp"

#include "mpp/report.hpp"
#include "mpp/report_render.hpp"
#include "mpp/skm.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct ReportCli
{
    std::string month = "previous";
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> as_of;
    std::optional<std::string> agency;
    std::optional<std::string> period;
    bool no_overdue_list = false;
};

// --agency and --no-overdue-list.
ReportScope report_scope(const ReportCli& cli)
{
    return {cli.agency, !cli.no_overdue_list};
}

// SOURCE_DATE_EPOCH (reproducible builds) or now: the timestamp of human formats.
Instant generated_at(Context& ctx)
{
    const auto it = ctx.env().find("SOURCE_DATE_EPOCH");
    if (it != ctx.env().end() && !it->second.empty())
    {
        try
        {
            return static_cast<Instant>(parse_integer(it->second, 0, 253402300799));
        }
        catch (const Error&)
        {
            throw Error(ErrorKind::config, "SOURCE_DATE_EPOCH must be a number of seconds");
        }
    }
    return ctx.now();
}

// The format, language and CSV choices of a report, from the options and settings.
ReportStyle report_style(Context& ctx, bool monthly)
{
    ReportStyle style;
    style.format = ctx.settings().output_format;
    style.lang = ctx.settings().language;
    style.offset = ctx.office().offset;
    style.monthly = monthly;
    style.delimiter = ctx.csv_delimiter(style.format);
    style.bom = ctx.options.bom;
    style.width = style.format == "table" ? ctx.render_options().width : 0;
    if (style.format == "table" || style.format == "markdown" || style.format == "html")
    {
        style.generated_at = generated_at(ctx);
    }
    return style;
}

void write_report(Context& ctx, const PeriodReport& report, bool monthly)
{
    const ReportStyle style = report_style(ctx, monthly);
    OutputSink sink(ctx.options.output.value_or(""), std::cout, aggregate_access());
    render_report(sink.stream(), report, style);
    sink.commit();
}

void run_monthly(Context& ctx, const ReportCli& cli)
{
    const auto [from, to] = month_period(cli.month, ctx.today());
    write_report(ctx,
                 build_report(ctx.db().sql(), ctx.office(), ctx.calendar(), from, to, true,
                              report_scope(cli)),
                 true);
}

void run_summary(Context& ctx, const ReportCli& cli)
{
    const Date from = parse_date_option(ctx, "--from", *cli.from);
    const Date to = parse_date_option(ctx, "--to", *cli.to);
    write_report(ctx,
                 build_report(ctx.db().sql(), ctx.office(), ctx.calendar(), from, to, false,
                              report_scope(cli)),
                 false);
}

void run_overdue(Context& ctx, const ReportCli& cli)
{
    ApplicationFilter f;
    f.agency = cli.agency;
    f = resolve_filter(ctx.db().sql(), f);
    f.overdue = true;
    f.as_of = cli.as_of ? parse_date_option(ctx, "--as-of", *cli.as_of) : ctx.today();
    ApplicationStore store(ctx.db().sql(), ctx.office(), ctx.calendar());
    const bool unmasked = ctx.unmasked_bulk_read("report overdue", store, f);
    ctx.emit_table(overdue_table(overdue_applications(store, ctx.calendar(), f),
                                 ctx.office().offset, unmasked));
}

void run_skm(Context& ctx, const ReportCli& cli)
{
    if (cli.period.has_value() == (cli.from.has_value() || cli.to.has_value()) ||
        cli.from.has_value() != cli.to.has_value())
    {
        throw Error(ErrorKind::usage, "report skm needs --period P, or --from and --to",
                    "for example --period 2022-Q4, --period 2023-S1 or --period 2023");
    }
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    const auto [from, to] = cli.period ? skm_period(*cli.period) : std::pair{*range.from, *range.to};
    const ReportStyle style = report_style(ctx, false);
    const SkmReport report = build_skm_report(ctx.db().sql(), ctx.office(), from, to);
    OutputSink sink(ctx.options.output.value_or(""), std::cout, aggregate_access());
    render_skm(sink.stream(), report, style);
    sink.commit();
}

} // namespace

void add_report_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<ReportCli>();
    CLI::App* noun = app.add_subcommand("report", "service reports for people and other systems");
    noun->footer("\nExamples:\n"
                 "  mpp report monthly                          # the previous month (cron)\n"
                 "  mpp report monthly --month 2022-10 --lang en\n"
                 "  mpp report monthly --agency DUKCAPIL --format html -o dukcapil.html\n"
                 "  mpp report monthly --format csv -o laporan-2022-10.csv\n"
                 "  mpp report monthly --format csv --delimiter ';' --bom -o laporan.csv  # Excel\n"
                 "  mpp report summary --from 2022-07-01 --to 2022-09-30\n"
                 "  mpp report overdue                          # quiet when nothing is overdue\n"
                 "  mpp report skm --period 2022-Q4             # the SKM survey's IKM");
    CLI::App* monthly = add_verb(noun, ctx, "monthly", "the monthly service report",
                                 [&ctx, cli] { run_monthly(ctx, *cli); });
    monthly->add_option("--month", cli->month, "YYYY-MM, previous (default) or current");
    monthly->add_option("--agency", cli->agency, "one agency's report: its rows, no MPP total");
    monthly->add_flag("--no-overdue-list", cli->no_overdue_list,
                      "leave out the list of what is overdue at the month's end");
    add_csv_output_option(monthly, ctx);
    CLI::App* summary = add_verb(noun, ctx, "summary", "the monthly figures for any period",
                                 [&ctx, cli] { run_summary(ctx, *cli); });
    summary->add_option("--from", cli->from, "first day (local date)")->required();
    summary->add_option("--to", cli->to, "last day (local date)")->required();
    summary->add_option("--agency", cli->agency, "one agency's figures: its rows, no MPP total");
    add_csv_output_option(summary, ctx);
    CLI::App* overdue = add_verb(noun, ctx, "overdue", "open applications past their due date",
                                 [&ctx, cli] { run_overdue(ctx, *cli); });
    overdue->add_option("--as-of", cli->as_of, "judge on this local date (default: today)");
    overdue->add_option("--agency", cli->agency, "only this agency's applications");
    add_csv_output_option(overdue, ctx);
    CLI::App* skm = add_verb(noun, ctx, "skm", "the SKM survey: NRR per unsur, IKM and grade",
                             [&ctx, cli] { run_skm(ctx, *cli); });
    skm->add_option("--period", cli->period, "2025, 2025-S1, 2025-Q3 or 2025-06");
    skm->add_option("--from", cli->from, "first day (local date), with --to");
    skm->add_option("--to", cli->to, "last day (local date), with --from");
    add_csv_output_option(skm, ctx);
}

} // namespace mpp::cli
