// mpp calendar: the non-working days, and working days between two dates.
#include "common.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct CalendarCli
{
    std::string date;
    std::string to;
    std::optional<int> year;
    std::optional<long long> limit;
    std::string kind;
    std::string name;
    bool upsert = false;
    bool dry_run = false;
    ImportCli import;
};

void run_add(Context& ctx, const CalendarCli& cli)
{
    RawRecord raw;
    raw.set("date", cli.date);
    raw.set("kind", cli.kind);
    raw.set("name", cli.name);
    FieldProblems problems;
    const auto holiday = parse_holiday(raw, ctx.office().offset, problems);
    throw_first_problem(problems);
    WriteTransaction tx(ctx.db());
    const WriteOutcome outcome =
        CalendarStore(ctx.db().sql()).add(*holiday, cli.upsert, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    const std::string day = format_date(holiday->date);
    ctx.notice(outcome == WriteOutcome::unchanged
                   ? fmt::format("{} is already {}: nothing to change", day, holiday->kind)
                   : fmt::format("{}{} {} ({}: {})", cli.dry_run ? "dry run: would have " : "",
                                 outcome == WriteOutcome::created ? "added" : "updated", day,
                                 holiday->kind, holiday->name));
}

void run_remove(Context& ctx, const CalendarCli& cli)
{
    const Date date = parse_date_option(ctx, "DATE", cli.date);
    WriteTransaction tx(ctx.db());
    CalendarStore(ctx.db().sql()).remove(date, ctx.actor());
    if (!cli.dry_run)
    {
        tx.commit();
    }
    ctx.notice(fmt::format("{}removed {} from the calendar", cli.dry_run ? "dry run: " : "",
                           format_date(date)));
}

void run_workdays(Context& ctx, const CalendarCli& cli)
{
    const Date from = parse_date_option(ctx, "FROM", cli.date);
    const Date to = parse_date_option(ctx, "TO", cli.to);
    check_period(from, to, "FROM", "TO");
    const WorkCalendar calendar = load_work_calendar(ctx.db().sql(), ctx.office());
    for (const Date d : {from, to})
    {
        if (!calendar.covers(d))
        {
            int y = 0;
            int m = 0;
            int day = 0;
            civil(d, y, m, day);
            ctx.warn(fmt::format("no holidays loaded for {}: only weekends count (mpp calendar "
                                 "import)",
                                 y));
            break;
        }
    }
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    sink.stream() << calendar.workdays(from, to) << '\n';
    sink.commit();
}

} // namespace

void add_calendar_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<CalendarCli>();
    CLI::App* noun = app.add_subcommand(
        "calendar", "non-working days (holidays, cuti bersama) and working days");
    noun->footer("\nExamples:\n"
                 "  mpp calendar list --year 2024\n"
                 "  mpp calendar add 2024-12-20 --kind regional --name \"HUT Kota Kupang\"\n"
                 "  mpp calendar remove 2024-12-20\n"
                 "  mpp calendar import libur-2027.csv\n"
                 "  mpp calendar workdays 2022-04-28 2022-05-09");

    CLI::App* list = noun->add_subcommand("list", "list the non-working days in date order");
    list->add_option("--year", cli->year, "only this year")->check(whole_number(1, 9999));
    add_limit_option(list, cli->limit);
    add_csv_output_option(list, ctx);
    list->callback(
        [&ctx, cli]
        {
            ctx.action = [&ctx, cli] {
                ctx.emit_table(
                    calendar_table(CalendarStore(ctx.db().sql()).list({cli->year, cli->limit})));
            };
        });

    CLI::App* add = noun->add_subcommand("add", "add a non-working day (audited)");
    add->add_option("DATE", cli->date, "the date")->required();
    add->add_option("--kind", cli->kind, "national, collective_leave, regional or closure")
        ->required();
    add->add_option("--name", cli->name, "what the day is (Hari Raya Idul Fitri)")->required();
    add->add_flag("--upsert", cli->upsert, "replace the date if it is in the calendar");
    add->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");
    add->callback([&ctx, cli] { ctx.action = [&ctx, cli] { run_add(ctx, *cli); }; });

    CLI::App* remove = noun->add_subcommand("remove", "remove a date from the calendar (audited)");
    remove->add_option("DATE", cli->date, "the date")->required();
    remove->add_flag("--dry-run", cli->dry_run, "check and report, write nothing");
    remove->callback([&ctx, cli] { ctx.action = [&ctx, cli] { run_remove(ctx, *cli); }; });

    CLI::App* import = noun->add_subcommand("import", "import non-working days from a CSV file");
    add_import_options(import, cli->import);
    import->callback(
        [&ctx, cli]
        {
            ctx.action = [&ctx, cli]
            {
                CalendarImport target(ctx.db().sql());
    run_import_command(ctx, target, cli->import);
};
} // namespace mpp::cli
);

CLI::App* workdays =
    noun->add_subcommand("workdays", "count the working days d with FROM < d <= TO (FROM after TO: exit 64)");
workdays->add_option("FROM", cli->date, "first date (not counted)")->required();
workdays->add_option("TO", cli->to, "last date (counted)")->required();
workdays->callback([&ctx, cli] { ctx.action = [&ctx, cli] { run_workdays(ctx, *cli); }; });
}

} // namespace mpp::cli
