#include "mpp/correction.hpp"

#include "mpp/applicant.hpp"
#include "mpp/application_ops.hpp"
#include "mpp/import_plan.hpp"
#include "mpp/json.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/tally.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// The reason a person gives for a correction: required, one line or more of text.
std::string required_reason(const std::optional<std::string>& reason, const char* verb)
{
    if (!reason || trim(*reason).empty())
    {
        throw Error(ErrorKind::usage,
                    fmt::format("{} needs --reason TEXT (it is written to the history and the "
                                "audit trail)",
                                verb));
    }
    return option_value("--reason", [&] { return parse_text(*reason, 2000, true); });
}

bool nothing_given(const CorrectionRequest& r)
{
    return !r.service && !r.name && !r.nik && !r.phone && !r.submitted_at && !r.channel && !r.fee;
}

long long service_id(SQLite::Database& db, const std::string& code)
{
    SQLite::Statement st(db, "SELECT id FROM service WHERE code = ?");
    st.bind(1, code);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

// The new service of a correction: sla_days follow it, the fee stays as recorded.
void change_service(Application& a, ApplicationStore& store, SQLite::Database& db,
                    const std::string& code, CorrectionResult& out, bool fee_given)
{
    const Service& svc =
        option_value("--service", [&]() -> const Service& { return store.service(code); });
    a.service = svc.code;
    a.agency = svc.agency;
    a.service_id = service_id(db, svc.code);
    a.sla_days = svc.sla_days;
    if (!fee_given && svc.code != out.before.service && svc.fee_text)
    {
        out.fee_notice = fmt::format("the fee stays {} as recorded; {} has a variable fee ({}): "
                                     "give --fee to change it",
                                     a.fee, svc.code, escape_controls(*svc.fee_text));
    }
    else if (!fee_given && svc.fee != a.fee && svc.code != out.before.service)
    {
        out.fee_notice = fmt::format("the fee stays {} as recorded; {} charges {} (give --fee to "
                                     "change it)",
                                     a.fee, svc.code, svc.fee);
    }
}

// The application with the given fields replaced by their validated values.
Application corrected(const CorrectionRequest& r, ApplicationStore& store, SQLite::Database& db,
                      UtcOffset offset, Instant now, CorrectionResult& out)
{
    Application a = out.before;
    if (r.service)
    {
        change_service(a, store, db, *r.service, out, r.fee.has_value());
    }
    if (r.name)
    {
        a.applicant_name = applicant_name_option("--name", *r.name);
    }
    if (r.nik)
    {
        a.nik = option_value("--nik", [&] { return parse_nik(*r.nik); });
    }
    if (r.phone)
    {
        a.phone = mobile_phone_option("--phone", *r.phone);
    }
    if (r.submitted_at)
    {
        a.submitted_at = submission_time_option("--submitted-at", *r.submitted_at, offset, now);
        // Still only submitted: the status dates from the submission and moves with it, so the
        // record stays one that its own export re-imports.
        if (a.status == "submitted" && out.before.status_at == out.before.submitted_at)
        {
            a.status_at = a.submitted_at;
        }
    }
    if (r.channel)
    {
        a.channel = option_value("--channel", [&] { return parse_channel(*r.channel); });
    }
    if (r.fee)
    {
        a.fee = option_value("--fee", [&] { return parse_money(*r.fee); });
    }
    return a;
}

// A service takes no applications from the day it was retired.
void check_service_active(ApplicationStore& store, const Application& a)
{
    if (auto retired = retired_problem(store.service(a.service), a.submitted_on))
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} (submitted {})", *retired, format_date(a.submitted_on)));
    }
}

std::optional<std::string> date_text(const std::optional<Date>& d)
{
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

// Write the corrected row with its stored dates, and move the report tallies from what the
// stored version counted for to what the new one counts for (a void one counts for nothing).
void rewrite(SQLite::Database& db, const Application& before, const Application& after,
             const std::vector<Pause>& stays, const WorkCalendar& cal, Instant now)
{
    Tally tally;
    if (!before.voided_at)
    {
        tally.add(before, stays, cal, -1);
    }
    if (!after.voided_at)
    {
        tally.add(after, stays, cal, 1);
    }
    tally.flush(db);
    SQLite::Statement st(
        db, "UPDATE application SET service_id = ?2, applicant_name = ?3, nik = ?4, phone = ?5, "
            "channel = ?6, submitted_at = ?7, submitted_on = ?8, start_on = ?9, decided_on = ?10, "
            "sla_days = ?11, paused_days = ?12, paused_since = ?13, due_on = ?14, fee = ?15, "
            "voided_at = ?16, updated_at = ?17, status_at = ?18 WHERE id = ?1");
    st.bind(1, static_cast<std::int64_t>(after.id));
    st.bind(2, static_cast<std::int64_t>(after.service_id));
    st.bind(3, after.applicant_name);
    st.bind(4, after.nik);
    bind_text(st, 5, after.phone);
    st.bind(6, after.channel);
    st.bind(7, format_utc(after.submitted_at));
    st.bind(8, format_date(after.submitted_on));
    st.bind(9, format_date(after.start_on));
    bind_text(st, 10, date_text(after.decided_on));
    st.bind(11, after.sla_days);
    st.bind(12, after.paused_days);
    bind_text(st, 13, date_text(after.paused_since));
    st.bind(14, format_date(after.due_on));
    st.bind(15, static_cast<std::int64_t>(after.fee));
    bind_text(st, 16, after.voided_at ? std::optional(format_utc(*after.voided_at)) : std::nullopt);
    st.bind(17, format_utc(now));
    st.bind(18, format_utc(after.status_at));
    st.exec();
}

// The detail of a `corrected` event: the masked change, and a NIK taken away in full (never
// shown: `audit list --nik` finds the application by it).
std::string event_detail(const std::vector<FieldChange>& changes, const Application& before,
                         const Application& after)
{
    std::string json = field_changes_json(changes);
    if (before.nik != after.nik)
    {
        json.pop_back();
        json += ",\"former_nik\":" + json_quote(before.nik) + "}";
    }
    return json;
}

// Keep what a correction replaced in the fields that identify a filing (the source system's
// export still carries the old values: an import takes them for this record).
void keep_superseded(SQLite::Database& db, const Application& before, const Application& after)
{
    SQLite::Statement st(db, "INSERT OR IGNORE INTO application_superseded (application_id, "
                             "field, value) VALUES (?, ?, ?)");
    auto keep = [&](const char* field, const std::string& was, const std::string& now)
    {
        if (was != now)
        {
            st.bind(1, static_cast<std::int64_t>(before.id));
            st.bind(2, field);
            st.bind(3, was);
            st.exec();
            st.reset();
        }
    };
    keep("service", before.service, after.service);
    keep("nik", before.nik, after.nik);
    keep("submitted_at", format_utc(before.submitted_at), format_utc(after.submitted_at));
}

std::string with_reason(const std::string& json, const std::string& reason)
{
    std::string out = json;
    out.pop_back();
    return out + (out.size() > 1 ? "," : "") + "\"reason\":" + json_quote(reason) + "}";
}

} // namespace

void applicant_changes(FieldChanges& out, const Application& b, const Application& a)
{
    auto text = [](const std::string& s) { return std::optional<std::string>(s); };
    compare_field(out, "applicant_name", b.applicant_name, a.applicant_name, text);
    compare_field(out, "phone", b.phone, a.phone,
                  [](const std::optional<std::string>& p)
                  { return p ? std::optional<std::string>(mask_phone(*p)) : std::nullopt; });
    compare_field(out, "channel", b.channel, a.channel, text);
    compare_field(out, "fee", b.fee, a.fee,
                  [](long long fee) { return std::optional<std::string>(std::to_string(fee)); });
}

std::vector<FieldChange> changed_fields(const Application& b, const Application& a,
                                        UtcOffset offset)
{
    FieldChanges out;
    compare_field(out, "service", b.service, a.service,
                  [](const std::string& s) { return std::optional<std::string>(s); });
    compare_field(out, "nik", b.nik, a.nik,
                  [](const std::string& nik) { return std::optional<std::string>(mask_nik(nik)); });
    compare_field(out, "submitted_at", b.submitted_at, a.submitted_at,
                  [offset](Instant t) { return std::optional<std::string>(format_local(t, offset)); });
    applicant_changes(out, b, a);
    return out;
}

void check_submission_order(Instant submitted_at, const std::vector<StatusEvent>& history,
                            UtcOffset offset)
{
    for (const StatusEvent& e : history)
    {
        if (e.kind == "status" && e.from && e.at < submitted_at)
        {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("--submitted-at: {} is after the application's first status "
                                    "change ({} at {}): a submission cannot follow its own "
                                    "history",
                                    format_local(submitted_at, offset), e.to,
                                    format_local(e.at, offset)));
        }
    }
}

bool is_superseded(SQLite::Database& db, long long application_id, const char* field,
                   const std::string& value)
{
    SQLite::Statement st(db, "SELECT 1 FROM application_superseded WHERE application_id = ? AND "
                             "field = ? AND value = ?");
    st.bind(1, static_cast<std::int64_t>(application_id));
    st.bind(2, field);
    st.bind(3, value);
    return st.executeStep();
}

CorrectionResult correct_application(Database& db, const CorrectionRequest& r, const Actor& actor)
{
    const std::string reason = required_reason(r.reason, "correct");
    if (nothing_given(r))
    {
        throw Error(ErrorKind::usage, "nothing to correct: give at least one of --service, "
                                      "--name, --nik, --phone, --submitted-at, --channel, --fee");
    }
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    const WorkCalendar calendar = load_work_calendar(db.sql(), office);
    ApplicationStore store(db.sql(), office, calendar);
    CorrectionResult out;
    out.before = store.get(r.reference);
    out.after = corrected(r, store, db.sql(), office.offset, actor.now, out);
    const std::vector<Pause> stays = store.stays(out.before.id);
    derive_dates(out.after, stays, calendar, office.offset);
    out.changes = changed_fields(out.before, out.after, office.offset);
    if (r.service || r.submitted_at)
    {
        check_service_active(store, out.after);
        check_submission_order(out.after.submitted_at, store.history(out.before.id), office.offset);
    }
    if (out.changes.empty() || r.dry_run)
    {
        return out; // the transaction rolls back: nothing is written
    }
    rewrite(db.sql(), out.before, out.after, stays, calendar, actor.now);
    keep_superseded(db.sql(), out.before, out.after);
    store.append_event(out.after, "corrected", event_detail(out.changes, out.before, out.after),
                       reason, actor);
    append_audit(db.sql(), actor,
                 AuditEntry{"correct", "application", out.after.reference,
                            with_reason(field_changes_json(out.changes), reason), std::nullopt});
    tx.commit();
    return out;
}

Application set_void(Database& db, const std::string& reference,
                     const std::optional<std::string>& reason, bool voiding, const Actor& actor)
{
    const std::string why = required_reason(reason, voiding ? "void" : "unvoid");
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    const WorkCalendar calendar = load_work_calendar(db.sql(), office);
    ApplicationStore store(db.sql(), office, calendar);
    const Application before = store.get(reference);
    if (before.voided_at.has_value() == voiding)
    {
        throw Error(ErrorKind::invalid_data,
                    voiding
                        ? fmt::format("application {} is already void (since {})", before.reference,
                                      format_local(*before.voided_at, office.offset))
                        : fmt::format("application {} is not void", before.reference));
    }
    Application after = before;
    after.voided_at = voiding ? std::optional<Instant>(actor.now) : std::nullopt;
    rewrite(db.sql(), before, after, store.stays(before.id), calendar, actor.now);
    const char* action = voiding ? "void" : "unvoid";
    store.append_event(after, voiding ? "voided" : "unvoided", std::nullopt, why, actor);
    append_audit(
        db.sql(), actor,
        AuditEntry{action, "application", after.reference, with_reason("{}", why), std::nullopt});
    tx.commit();
    return after;
}

} // namespace mpp
