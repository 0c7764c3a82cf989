// The single-complaint commands (add, set-status) and the audit of unmasked reads: each one
// write transaction that reads the office settings inside it.
#include "mpp/application_ops.hpp"
#include "mpp/complaint.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

namespace mpp
{
namespace
{

std::optional<std::string> optional_option(const char* option,
                                           const std::optional<std::string>& text,
                                           std::string (*parse)(std::string_view))
{
    if (!text || trim(*text).empty())
    {
        return std::nullopt;
    }
    return option_value(option, [&] { return parse(*text); });
}

std::string agency_code(std::string_view text)
{
    return parse_code(text, 1, 32);
}

std::string service_code(std::string_view text)
{
    return parse_code(text, 1, 64);
}

std::string name_text(std::string_view text)
{
    return parse_text(text, 200);
}

} // namespace

Complaint add_complaint(Database& db, const ComplaintRequest& r, const Actor& actor,
                        const std::function<void(const Complaint&)>& publish)
{
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    NewComplaint c;
    c.received_at =
        r.received_at ? option_value("--received-at", [&]
                                     { return parse_when(*r.received_at, office.offset).instant; })
                      : actor.now;
    c.channel = option_value("--channel", [&] { return parse_complaint_channel(r.channel); });
    c.agency = optional_option("--agency", r.agency, agency_code);
    c.service = optional_option("--service", r.service, service_code);
    c.subject = option_value("--subject", [&] { return parse_text(r.subject, 500, true); });
    c.complainant = optional_option("--complainant", r.complainant, name_text);
    c.contact = optional_option("--contact", r.contact, parse_complaint_contact);
    if (r.note)
    {
        c.note = option_value("--note", [&] { return parse_text(*r.note, 2000, true); });
    }
    ComplaintStore store(db.sql(), office);
    FieldProblems problems;
    store.check(c, actor.now, problems);
    for (FieldProblem& p : problems)
    {
        p.field = "--" + (p.field == "received_at" ? std::string("received-at") : p.field);
    }
    throw_first_problem(problems);
    const Complaint created = store.create(c, actor, std::nullopt);
    publish(created);
    tx.commit();
    return created;
}

Complaint change_complaint_status(Database& db, const ComplaintStatusRequest& r, const Actor& actor)
{
    const std::string status = option_value(
        "STATUS", [&] { return parse_complaint_status(r.status); }, ErrorKind::usage);
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    ComplaintStore store(db.sql(), office);
    const Complaint stored = store.get(r.code);
    const Instant at = event_time_option(r.at, stored.status_at, actor.now, office.offset);
    std::optional<std::string> note;
    if (r.note)
    {
        note = option_value("--note", [&] { return parse_text(*r.note, 2000, true); });
    }
    const Complaint moved = store.set_status(stored.code, status, at, note, actor);
    tx.commit();
    return moved;
}

ComplaintFilter resolve_complaint_filter(ComplaintFilter f)
{
    const auto code = [](const std::optional<std::string>& c)
    { return c ? std::optional<std::string>(to_upper(trim(*c))) : std::nullopt; };
    f.agency = code(f.agency);
    f.service = code(f.service);
    if (f.status && fold_name(*f.status) != "open")
    {
        f.status = option_value(
            "--status", [&] { return parse_complaint_status(*f.status); }, ErrorKind::usage);
    }
    else if (f.status)
    {
        f.status = "open";
    }
    if (f.channel)
    {
        f.channel = option_value("--channel", [&] { return parse_complaint_channel(*f.channel); });
    }
    return f;
}

void check_complaint_list(const ComplaintFilter& f, const std::optional<std::string>& by)
{
    if (by && (!f.from || !f.to))
    {
        throw Error(ErrorKind::usage, "--by needs the period: --from and --to");
    }
    if (by && (f.agency || f.service || f.status || f.channel || f.overdue || f.limit))
    {
        throw Error(ErrorKind::usage,
                    "--by gives the figures of every agency and channel: --agency, --service, "
                    "--status, --channel, --overdue and --limit do not apply to it");
    }
    if (f.overdue && f.status && *f.status != "open")
    {
        throw Error(ErrorKind::usage, "--overdue lists open complaints: --status " + *f.status +
                                          " does not apply to it");
    }
}

std::vector<Complaint> list_complaints(SQLite::Database& db, const OfficeSettings& office,
                                       const WorkCalendar& calendar, ComplaintFilter f, Date as_of)
{
    if (!f.overdue)
    {
        return ComplaintStore(db, office).list(f);
    }
    const std::optional<long long> limit = f.limit;
    f.status = "open";
    f.limit.reset();
    std::vector<Complaint> out;
    for (Complaint& c : ComplaintStore(db, office).list(f))
    {
        if (limit && static_cast<long long>(out.size()) >= *limit)
        {
            break;
        }
        if (complaint_sla(c, calendar, office.complaint_sla_days, as_of).overdue)
        {
            out.push_back(std::move(c));
        }
    }
    return out;
}

} // namespace mpp
