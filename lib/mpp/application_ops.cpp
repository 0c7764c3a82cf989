#include "mpp/application_ops.hpp"

#include "mpp/applicant.hpp"
#include "mpp/calendar.hpp"
#include "mpp/service.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

// When the working day of an office ends, for a change given only as a date.
constexpr Instant k_end_of_working_hours = 16 * 3600;

NewApplication new_application(const SubmitRequest& r, UtcOffset offset, Instant now)
{
    NewApplication in;
    in.service = r.service;
    in.applicant_name = applicant_name_option("--name", r.name);
    in.nik = option_value("--nik", [&] { return parse_nik(r.nik); });
    if (r.phone)
    {
        in.phone = mobile_phone_option("--phone", *r.phone);
    }
    in.channel = option_value("--channel", [&] { return parse_channel(r.channel); });
    in.submitted_at = r.at ? submission_time_option("--at", *r.at, offset, now) : now;
    if (r.fee)
    {
        in.fee = option_value("--fee", [&] { return parse_money(*r.fee); });
    }
    if (r.note)
    {
        in.note = option_value("--note", [&] { return parse_text(*r.note, 2000, true); });
    }
    return in;
}

} // namespace

std::string applicant_name_option(const char* option, const std::string& text)
{
    return option_value(option, [&] { return parse_text(text, 200); });
}

std::optional<std::string> mobile_phone_option(const char* option, const std::string& text)
{
    if (trim(text).empty())
    {
        return std::nullopt;
    }
    return option_value(option, [&] { return parse_mobile_phone(text); });
}

Instant submission_time_option(const char* option, const std::string& text, UtcOffset offset,
                               Instant now)
{
    return option_value(option,
                        [&]
                        {
                            const Instant at = parse_when(text, offset).instant;
                            check_not_future(at, now, offset);
                            return at;
                        });
}

Application submit_application(Database& db, const SubmitRequest& request, const Actor& actor,
                               const std::function<void(const Application&)>& publish,
                               const std::function<void(const std::string&)>& notice)
{
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    const WorkCalendar calendar = load_work_calendar(db.sql(), office);
    const NewApplication in = new_application(request, office.offset, actor.now);
    ApplicationStore store(db.sql(), office, calendar);
    const Application app = store.create(in, actor);
    publish(app);
    const auto fee_note = fee_notice(ServiceStore(db.sql()).get(request.service), in.fee);
    tx.commit();
    if (fee_note && notice)
    {
        notice(*fee_note);
    }
    return app;
}

Instant event_time(const When& at, Instant previous, Instant now, UtcOffset offset)
{
    if (at.has_time || local_date(previous, offset) != at.date)
    {
        return at.instant;
    }
    return std::max(previous, std::min(at.instant + k_end_of_working_hours, now));
}

Instant event_time_option(const std::optional<std::string>& at, Instant previous, Instant now,
                          UtcOffset offset)
{
    if (!at)
    {
        return now;
    }
    const When when = option_value("--at", [&] { return parse_when(*at, offset); });
    return event_time(when, previous, now, offset);
}

Application change_status(Database& db, const StatusRequest& request, const Actor& actor)
{
    const std::string status = option_value(
        "STATUS", [&] { return parse_status(request.status); }, ErrorKind::usage);
    WriteTransaction tx(db);
    const OfficeSettings office = load_office_settings(db.sql());
    const WorkCalendar calendar = load_work_calendar(db.sql(), office);
    ApplicationStore store(db.sql(), office, calendar);
    const Instant at = event_time_option(request.at, store.get(request.reference).status_at,
                                         actor.now, office.offset);
    std::optional<std::string> note;
    if (request.note)
    {
        note = option_value("--note", [&] { return parse_text(*request.note, 2000, true); });
    }
    const Application app = store.set_status(request.reference, status, at, note, actor);
    tx.commit();
    return app;
}

} // namespace mpp
