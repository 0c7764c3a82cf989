// mpp audit: read the append-only audit trail.
#include "common.hpp"

#include "mpp/applicant.hpp"
#include "mpp/privacy.hpp"
#include "mpp/text.hpp"

namespace mpp::cli
{
namespace
{

struct AuditCli
{
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> entity;
    std::optional<std::string> ref;
    std::optional<std::string> nik;
    std::optional<long long> limit;
};

Table audit_table(const std::vector<AuditRecord>& records, UtcOffset offset)
{
    Table t;
    t.columns = {{"id", "No", "Id", CellKind::integer},
                 {"at", "Waktu", "At", CellKind::code},
                 {"operator", "Operator", "Operator", CellKind::free_text},
                 {"os_user", "Pengguna OS", "OS user", CellKind::free_text},
                 {"action", "Tindakan", "Action", CellKind::code},
                 {"entity", "Entitas", "Entity", CellKind::code},
                 {"key", "Kunci", "Key", CellKind::free_text},
                 {"batch", "Batch", "Batch", CellKind::integer},
                 {"detail", "Rincian", "Detail", CellKind::json}};
    for (const auto& r : records)
    {
        t.rows.push_back(
            {std::to_string(r.id), format_local(r.at, offset), r.operator_name, r.os_user, r.action,
             r.entity, r.key,
             r.batch_id ? std::optional<std::string>(std::to_string(*r.batch_id)) : std::nullopt,
             r.detail});
    }
    return t;
}

// A citizen's request to see what was done with their data (UU 27/2022); itself audited.
void run_subject_access(Context& ctx, const AuditCli& cli)
{
    if (!ctx.options.reason || trim(*ctx.options.reason).empty())
    {
        throw Error(ErrorKind::usage, "--nik needs --reason TEXT (the request is audited)");
    }
    const std::string nik = parse_nik(*cli.nik);
    ApplicationStore store(ctx.db().sql(), ctx.office(), ctx.calendar());
    const auto rows = subject_access(ctx.db(), store, ctx.actor(), nik, *ctx.options.reason);
    ctx.emit_table(audit_table(rows, ctx.office().offset));
}

void run_list(Context& ctx, const AuditCli& cli)
{
    if (cli.nik)
    {
        run_subject_access(ctx, cli);
        return;
    }
    AuditFilter f;
    const DateRange range = date_range_options(ctx, cli.from, cli.to);
    const UtcOffset offset = ctx.office().offset;
    f.since =
        range.from ? std::optional<Instant>(local_midnight(*range.from, offset)) : std::nullopt;
    f.before =
        range.to ? std::optional<Instant>(local_midnight(*range.to, offset) + 86400) : std::nullopt;
    f.entity = cli.entity;
    f.key = cli.ref ? std::optional<std::string>(*cli.ref) : std::nullopt;
    f.limit = cli.limit;
    ctx.emit_table(audit_table(list_audit(ctx.db().sql(), f), ctx.office().offset));
}

} // namespace

void add_audit_command(CLI::App& app, Context& ctx)
{
    auto cli = std::make_shared<AuditCli>();
    CLI::App* noun = app.add_subcommand("audit", "read the audit trail (who changed what, when)");
    noun->footer(
        "\nExamples:\n"
        "  mpp audit list --limit 20    # the 20 newest rows, the newest last\n"
        "  mpp audit list --from 2022-10-01 --to 2022-10-31\n"
        "  mpp audit list --entity agency --ref DUKCAPIL --format json\n"
        "  mpp audit list --nik 5371014107900001 --reason \"permintaan pemohon, surat 12/X\"");
    CLI::App* list = noun->add_subcommand(
        "list",
        "list audit rows, oldest first (with --limit N: the newest N, the last at the end)");
    list->add_option("--from,--since", cli->from, "rows from this local date on");
    list->add_option("--to", cli->to, "rows up to this local date (inclusive)");
    list->add_option("--entity", cli->entity, "only this entity: agency, setting, database, …");
    list->add_option(
        "--ref", cli->ref,
        "only rows about this key, in any case (an agency code, a setting, a reference)");
    CLI::Option* nik = list->add_option(
        "--nik", cli->nik,
        "every row about this person's applications (needs --reason; audited; alone: "
        "not with --from, --to, --entity, --ref or --limit)");
    add_limit_option(list, cli->limit);
    list->get_option("--limit")->description(
        "the newest N rows, still oldest first (default: all)");
    // The request shows the person every row: a narrower one is not what the law grants.
    for (const char* other : {"--from", "--to", "--entity", "--ref", "--limit"})
    {
        nik->excludes(list->get_option(other));
    }
    add_csv_output_option(list, ctx);
    list->callback([&ctx, cli] { ctx.action = [&ctx, cli] { run_list(ctx, *cli); }; });
}

} // namespace mpp::cli
