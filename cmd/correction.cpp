// mpp application correct, void, unvoid and history: fixing a wrong record, with the trail.
#include "common.hpp"

#include "mpp/application.hpp"
#include "mpp/application_table.hpp"
#include "mpp/correction.hpp"

#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

struct CorrectionCli
{
    CorrectionRequest request;
};

// The change as a listing: one row per field, old and new (masked).
Table change_table(const std::vector<FieldChange>& changes)
{
    Table t;
    t.columns = {{"field", "Kolom", "Field", CellKind::code},
                 {"before", "Sebelum", "Before", CellKind::free_text},
                 {"after", "Sesudah", "After", CellKind::free_text}};
    for (const FieldChange& c : changes)
    {
        t.rows.push_back({c.field, c.from, c.to});
    }
    return t;
}

void run_correct(Context& ctx, CorrectionRequest r)
{
    r.reason = ctx.options.reason;
    const CorrectionResult result = correct_application(ctx.db(), r, ctx.actor());
    if (result.fee_notice)
    {
        ctx.warn(*result.fee_notice);
    }
    ctx.emit_table(change_table(result.changes)); // empty: `[]` in JSON, a header in CSV
    if (result.changes.empty())
    {
        ctx.notice(fmt::format("application {}: nothing to change", result.before.reference));
        return;
    }
    const std::string due =
        result.before.due_on == result.after.due_on
            ? ""
            : fmt::format("; due date {} -> {}", format_date(result.before.due_on),
                          format_date(result.after.due_on));
    ctx.notice(fmt::format("{} application {}: {} field(s){}",
                           r.dry_run ? "dry run: would have corrected" : "corrected",
                           result.before.reference, result.changes.size(), due));
}

void run_void(Context& ctx, const std::string& reference, bool voiding)
{
    const Application app = set_void(ctx.db(), reference, ctx.options.reason, voiding, ctx.actor());
    ctx.notice(voiding
                   ? fmt::format("{} is void: no report, list or export counts it", app.reference)
                   : fmt::format("{} is no longer void", app.reference));
}

void run_history(Context& ctx, const std::string& reference)
{
    ApplicationStore store(ctx.db().sql(), ctx.office(), ctx.calendar());
    const Application app = store.get(reference);
    ctx.emit_table(history_table(store.history(app.id), ctx.office().offset));
}

} // namespace

void add_correction_verbs(CLI::App* noun, Context& ctx)
{
    auto cli = std::make_shared<CorrectionCli>();
    auto reference = std::make_shared<std::string>();
    CorrectionRequest& r = cli->request;
    CLI::App* correct =
        add_verb(noun, ctx, "correct", "correct recorded fields of an application (needs --reason)",
                 [&ctx, cli] { run_correct(ctx, cli->request); });
    correct->add_option("REF", r.reference, "the reference (any case)")->required();
    correct->add_option("--service", r.service, "the right service code (SLA follows it)");
    correct->add_option("--name", r.name, "the applicant's right name");
    correct->add_option("--nik", r.nik, "the applicant's right NIK");
    correct->add_option("--phone", r.phone, "the right mobile number ('' for none)");
    correct->add_option("--submitted-at", r.submitted_at, "when the file was really received");
    correct->add_option("--channel", r.channel, "counter, online or outreach");
    correct->add_option("--fee", r.fee, "the Rupiah really charged");
    correct->add_flag("--dry-run", r.dry_run, "show the change; write nothing");

    CLI::App* voidv =
        add_verb(noun, ctx, "void", "mark a record that should never have existed (needs --reason)",
                 [&ctx, reference] { run_void(ctx, *reference, true); });
    voidv->add_option("REF", *reference, "the reference (any case)")->required();
    CLI::App* unvoid = add_verb(noun, ctx, "unvoid", "restore a void record (needs --reason)",
                                [&ctx, reference] { run_void(ctx, *reference, false); });
    unvoid->add_option("REF", *reference, "the reference (any case)")->required();
    CLI::App* history =
        add_verb(noun, ctx, "history", "every event of an application, with operator and note",
                 [&ctx, reference] { run_history(ctx, *reference); });
    history->add_option("REF", *reference, "the reference (any case)")->required();
    add_csv_output_option(history, ctx);
}

} // namespace mpp::cli
