// mpp complaint: add, import, list (or its figures by agency or channel), show, set-status.
#include "common.hpp"

#include "mpp/application_ops.hpp"
#include "mpp/complaint.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct ComplaintCli
{
    std::string code;
    std::string status;
    std::optional<std::string> at;
    std::optional<std::string> note;
    ComplaintRequest add;
    ComplaintFilter filter;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> by;
    ImportCli import;
};

void run_add(Context& ctx, const ComplaintCli& cli)
{
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    add_complaint(ctx.db(), cli.add, ctx.actor(),
                  [&sink](const Complaint& c)
                  {
                      sink.stream() << c.code << '\n';
                      sink.commit();
                  });
}

void run_set_status(Context& ctx, const ComplaintCli& cli)
{
    const Complaint c = change_complaint_status(
        ctx.db(), ComplaintStatusRequest{cli.code, cli.status, cli.at, cli.note}, ctx.actor());
    ctx.notice(fmt::format("{} is now {}", c.code, c.status));
}

void run_show(Context& ctx, const ComplaintCli& cli)
{
    ComplaintStore store(ctx.db().sql(), ctx.office());
    const Complaint c = store.get(cli.code);
    const Table record = complaint_table({c}, ctx.calendar(), ctx.office().complaint_sla_days,
                                         ctx.today(), ctx.office().offset,
                                         ctx.unmasked_read("complaint show", c.code, "complaint"));
    const Table history = complaint_history_table(store.history(c.id), ctx.office().offset);
    ctx.emit_record_with_history(record, history);
}

void run_list(Context& ctx, const ComplaintCli& cli)
{
    ctx.render_options(); // --delimiter or --bom with another format: 64 before any read
    ComplaintFilter f = cli.filter;
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    f.from = range.from ? range.from : f.from;
    f.to = range.to ? range.to : f.to;
    f = resolve_complaint_filter(f);
    check_complaint_list(f, cli.by);
    const int sla_days = ctx.office().complaint_sla_days;
    if (cli.by)
    {
        ctx.emit_table(complaint_figures_table(ctx.db().sql(), ctx.calendar(), sla_days, *f.from,
                                               *f.to, *cli.by));
        return;
    }
    const std::vector<Complaint> rows =
        list_complaints(ctx.db().sql(), ctx.office(), ctx.calendar(), f, ctx.today());
    const bool full = ctx.unmasked_read("complaint list", "list", "complaint",
                                        static_cast<long long>(rows.size()));
    ctx.emit_table(
        complaint_table(rows, ctx.calendar(), sla_days, ctx.today(), ctx.office().offset, full));
}

void add_list_options(CLI::App* list, Context& ctx, ComplaintCli& cli)
{
    list->add_option("--from", cli.from, "received on or after this local date");
    list->add_option("--to", cli.to, "received on or before this local date");
    list->add_option("--agency", cli.filter.agency, "only this agency's complaints");
    list->add_option("--service", cli.filter.service, "only this service's complaints");
    list->add_option("--status", cli.filter.status,
                     "only this status: received, in_progress, resolved, rejected, or open "
                     "(received or in_progress)");
    list->add_flag("--overdue", cli.filter.overdue,
                   "only open complaints past their due date today (for a daily cron job)");
    list->add_option("--channel", cli.filter.channel,
                     "only this channel: lapor, counter, box, phone, whatsapp, email, social");
    list->add_option("--by", cli.by,
                     "agency or channel: the figures of the period --from..--to instead (no "
                     "other filter)")
        ->check(CLI::IsMember({"agency", "channel"}));
    add_limit_option(list, cli.filter.limit);
    add_csv_output_option(list, ctx);
}

void add_add_options(CLI::App* add, ComplaintCli& cli)
{
    add->add_option("--subject", cli.add.subject, "what it is about (1-500 characters)")
        ->required();
    add->add_option("--channel", cli.add.channel,
                    "lapor, counter, box, phone, whatsapp, email or social (or Indonesian)")
        ->required();
    add->add_option("--received-at", cli.add.received_at, "when it was received (default: now)");
    add->add_option("--agency", cli.add.agency, "agency it is about (none: the MPP itself)");
    add->add_option("--service", cli.add.service, "service it is about (names its agency)");
    add->add_option("--complainant", cli.add.complainant, "complainant's name (masked on output)");
    add->add_option("--contact", cli.add.contact,
                    "complainant's phone or e-mail (masked on output)");
    add->add_option("--note", cli.add.note, "note for the history");
}

} // namespace

void add_complaint_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<ComplaintCli>();
    CLI::App* noun = app.add_subcommand("complaint", "complaints (pengaduan, SP4N-LAPOR!)");
    noun->footer("\nExamples:\n"
                 "  id=$(mpp complaint add --channel box --subject \"Antrian terlalu lama\")\n"
                 "  mpp complaint set-status \"$id\" resolved --note \"Loket ditambah\"\n"
                 "  mpp complaint show \"$id\"\n"
                 "  mpp complaint import lapor-2022.csv --on-conflict update\n"
                 "  mpp complaint list --by agency --from 2022-10-01 --to 2022-12-31");

    CLI::App* add = add_verb(noun, ctx, "add", "record a new complaint; prints its id",
                             [&ctx, cli] { run_add(ctx, *cli); });
    add_add_options(add, *cli);

    CLI::App* import = add_verb(noun, ctx, "import", "import complaints from a CSV file",
                                [&ctx, cli]
                                {
                                    ComplaintImport target(ctx.db().sql(), ctx.actor());
                                    run_import_command(ctx, target, cli->import);
                                });
    add_import_options(import, cli->import);

    CLI::App* list = add_verb(noun, ctx, "list", "list complaints by time received",
                              [&ctx, cli] { run_list(ctx, *cli); });
    add_list_options(list, ctx, *cli);

    CLI::App* show = add_verb(noun, ctx, "show", "one complaint with its history and due date",
                              [&ctx, cli] { run_show(ctx, *cli); });
    show->add_option("ID", cli->code, "the complaint's id (any case)")->required();

    CLI::App* set = add_verb(noun, ctx, "set-status", "move a complaint along its lifecycle",
                             [&ctx, cli] { run_set_status(ctx, *cli); });
    set->add_option("ID", cli->code, "the complaint's id (any case)")->required();
    set->add_option("STATUS", cli->status,
                    "in_progress, resolved or rejected (or diproses, selesai, ditolak)")
        ->required();
    set->add_option("--at", cli->at, "when it happened (default: now)");
    set->add_option("--note", cli->note, "note for the history");
}

} // namespace mpp::cli
