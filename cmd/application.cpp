// mpp application: submit, show, list, move along the lifecycle, import and export (correct,
// void, unvoid and history: cmd/correction.cpp).
#include "common.hpp"

#include "mpp/applicant.hpp"
#include "mpp/application.hpp"
#include "mpp/application_ops.hpp"
#include "mpp/application_table.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct ApplicationCli
{
    std::string reference;
    std::string status;
    std::string service;
    std::string name;
    std::string nik;
    std::optional<std::string> phone;
    std::optional<std::string> at;
    std::string channel = "counter";
    std::optional<std::string> fee;
    std::optional<std::string> note;
    ApplicationFilter filter;
    std::optional<std::string> from;
    std::optional<std::string> to;
    bool overdue = false;
    ImportCli import;
};

void run_submit(Context& ctx, const ApplicationCli& cli)
{
    SubmitRequest r{cli.service, cli.name,    cli.nik, cli.phone,
                    cli.at,      cli.channel, cli.fee, cli.note};
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    // The reference is written out before the commit: if it cannot be, nothing is stored.
    const auto notice = [&ctx](const std::string& message) { ctx.notice(message); };
    submit_application(
        ctx.db(), r, ctx.actor(),
        [&sink](const Application& app)
        {
            sink.stream() << app.reference << '\n';
            sink.commit();
        },
        notice);
}

void run_set_status(Context& ctx, const ApplicationCli& cli)
{
    const Application app = change_status(
        ctx.db(), StatusRequest{cli.reference, cli.status, cli.at, cli.note}, ctx.actor());
    ctx.notice(fmt::format("{} is now {} ({})", app.reference, app.status,
                           status_label(app.status, ctx.settings().language)));
}

void run_show(Context& ctx, const ApplicationCli& cli)
{
    ApplicationStore store(ctx.db().sql(), ctx.office(), ctx.calendar());
    const Application app = store.get(cli.reference);
    const bool unmasked = ctx.unmasked_read("application show", app.reference);
    // A void record says so in a last column.
    const Table record = application_table({app}, ctx.calendar(), ctx.today(), ctx.office().offset,
                                           unmasked, false, app.voided_at.has_value());
    const Table history = history_table(store.history(app.id), ctx.office().offset);
    ctx.emit_record_with_history(record, history);
}

// The filter of the command line, resolved (unknown codes: 65).
ApplicationFilter selection(Context& ctx, const ApplicationCli& cli)
{
    ApplicationFilter f = resolve_filter(ctx.db().sql(), cli.filter);
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    f.from = range.from ? range.from : f.from;
    f.to = range.to ? range.to : f.to;
    f.overdue = cli.overdue;
    f.as_of = ctx.today();
    return f;
}

void run_list(Context& ctx, const ApplicationCli& cli, bool export_csv)
{
    if (export_csv)
    {
        ctx.force_format("csv");
    }
    const RenderOptions o = ctx.render_options();
    const ApplicationFilter f = selection(ctx, cli);
    ApplicationStore store(ctx.db().sql(), ctx.office(), ctx.calendar());
    const bool unmasked =
        ctx.unmasked_bulk_read(export_csv ? "application export" : "application list", store, f);
    const Date today = *f.as_of;
    const UtcOffset offset = ctx.office().offset;
    const bool with_void = f.include_void;
    if (!RowWriter::streams(o.format))
    {
        ctx.emit_table(application_table(store.list(f), ctx.calendar(), today, offset, unmasked,
                                         false, with_void));
        return;
    }
    // Machine formats stream: an export of millions of rows needs the memory of one.
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    RowWriter writer(sink.stream(), application_columns(export_csv, with_void), o);
    store.each(f,
               [&](Application&& a)
               {
                   writer.row(application_row(a, ctx.calendar(), today, offset, unmasked,
                                              export_csv, with_void));
               });
    writer.finish();
    sink.commit();
}

void add_filters(CLI::App* verb, ApplicationCli& cli)
{
    verb->add_option("--agency", cli.filter.agency, "only this agency's applications");
    verb->add_option("--service", cli.filter.service, "only this service's applications");
    verb->add_option("--status", cli.filter.status, "only this status (English or Indonesian)");
    verb->add_option("--from", cli.from, "submitted on or after this local date");
    verb->add_option("--to", cli.to, "submitted on or before this local date");
    verb->add_flag("--overdue", cli.overdue, "only open applications past their due date today");
    add_limit_option(verb, cli.filter.limit);
}

} // namespace

void add_application_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<ApplicationCli>();
    CLI::App* noun = app.add_subcommand("application", "permit applications (permohonan)");
    noun->footer("\nExamples:\n"
                 "  ref=$(mpp application submit --service DUKCAPIL-KTP --name \"Maria Lay\" \\\n"
                 "        --nik 5371014107900001 --phone 081234567890)\n"
                 "  mpp application set-status \"$ref\" completed --note \"KTP-el diserahkan\"\n"
                 "  mpp application show \"$ref\"\n"
                 "  mpp application list --agency DUKCAPIL --from 2022-10-01 --to 2022-10-31\n"
                 "  mpp application import sicantik-oktober.csv --on-conflict update\n"
                 "  mpp application export --from 2022-10-01 --to 2022-10-31 -o oktober.csv\n"
                 "  mpp application correct \"$ref\" --name \"Maria G. Lay\" --reason \"typo\"\n"
                 "  mpp application void \"$ref\" --reason \"data uji\"\n"
                 "  mpp application unvoid \"$ref\" --reason \"bukan data uji\"\n"
                 "  mpp application history \"$ref\"");

    CLI::App* submit =
        add_verb(noun, ctx, "submit", "record a new application; prints its reference",
                 [&ctx, cli] { run_submit(ctx, *cli); });
    submit->add_option("--service", cli->service, "service code")->required();
    submit->add_option("--name", cli->name, "applicant's name")->required();
    submit->add_option("--nik", cli->nik, "applicant's NIK (16 digits)")->required();
    submit->add_option("--phone", cli->phone, "applicant's mobile number");
    submit->add_option("--at", cli->at, "when the complete file was received (default: now)");
    submit->add_option("--channel", cli->channel, "counter (default), online or outreach");
    submit->add_option("--fee", cli->fee,
                       "Rupiah charged (default: the service's fee; 0 for a variable fee)");
    submit->add_option("--note", cli->note, "free note");

    CLI::App* show = add_verb(noun, ctx, "show", "one application with its history and due date",
                              [&ctx, cli] { run_show(ctx, *cli); });
    show->add_option("REF", cli->reference, "the reference (any case)")->required();

    CLI::App* list = add_verb(noun, ctx, "list", "list applications by submission time",
                              [&ctx, cli] { run_list(ctx, *cli, false); });
    add_filters(list, *cli);
    add_csv_output_option(list, ctx);
    list->add_flag("--include-void", cli->filter.include_void,
                   "void applications too, marked in a last column voided_at");

    CLI::App* set = add_verb(noun, ctx, "set-status", "move an application along the lifecycle",
                             [&ctx, cli] { run_set_status(ctx, *cli); });
    set->add_option("REF", cli->reference, "the reference (any case)")->required();
    set->add_option("STATUS", cli->status,
                    "verified, processing, returned, submitted, completed, rejected, cancelled "
                    "(or Indonesian)")
        ->required();
    set->add_option("--at", cli->at, "when it happened (default: now)");
    set->add_option("--note", cli->note, "note for the history");

    CLI::App* import = add_verb(noun, ctx, "import", "import applications from a CSV file",
                                [&ctx, cli]
                                {
                                    ApplicationImport target(ctx.db().sql(), ctx.actor());
                                    run_import_command(ctx, target, cli->import);
                                });
    add_import_options(import, cli->import);
    import->add_flag("--accept-trailing-zeros", cli->import.accept_trailing_zeros,
                     "accept a file whose NIKs mostly end in 0 (Excel rounding check)");

    CLI::App* exp =
        add_verb(noun, ctx, "export", "write applications as CSV that import reads back",
                 [&ctx, cli] { run_list(ctx, *cli, true); });
    add_filters(exp, *cli);
    add_csv_output_option(exp, ctx);

    add_correction_verbs(noun, ctx);
}

} // namespace mpp::cli
