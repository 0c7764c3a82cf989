#include "mpp/selection.hpp"

#include "mpp/application.hpp"
#include "mpp/application_ops.hpp"
#include "mpp/calendar.hpp"
#include "mpp/error.hpp"
#include "mpp/json.hpp"
#include "mpp/service.hpp"

namespace mpp
{
namespace
{

std::optional<std::string> date_text(const std::optional<Date>& d)
{
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

// The first instant of a local date in UTC as stored: `submitted_on` is the local date of
// `submitted_at` at the office's offset, so the time index finds exactly one day's rows.
std::string utc_day_start(Date d, UtcOffset offset)
{
    return format_utc(local_midnight(d, offset));
}

// A value given to an option is invalid data when it names nothing (cli.md "Errors").
template <typename F> auto as_field_value(F&& resolve)
{
    try
    {
        return resolve();
    }
    catch (const Error& e)
    {
        if (e.kind() != ErrorKind::not_found)
        {
            throw;
        }
        throw Error(ErrorKind::invalid_data, e.what(), e.hint());
    }
}

// The day after which an application can be overdue: its stored due date, unless a closed stay
// counted working days that may lie after the day judged (then its start day).
#define MPP_OVERDUE_FROM "(CASE WHEN paused_days = imported_paused THEN due_on ELSE start_on END)"

} // namespace

ApplicationFilter resolve_filter(SQLite::Database& db, ApplicationFilter f)
{
    if (f.agency)
    {
        f.agency = as_field_value([&] { return AgencyStore(db).get(*f.agency).code; });
    }
    if (f.service)
    {
        f.service = as_field_value([&] { return ServiceStore(db).get(*f.service).code; });
    }
    if (f.status)
    {
        f.status = option_value(
            "--status", [&] { return parse_status(*f.status); }, ErrorKind::usage);
    }
    return f;
}

std::string filter_json(const ApplicationFilter& f)
{
    JsonObject o;
    o.add("agency", f.agency)
        .add("service", f.service)
        .add("status", f.status)
        .add("from", date_text(f.from))
        .add("to", date_text(f.to))
        .add_raw("overdue", f.overdue ? "true" : "false")
        .add("as_of", date_text(f.as_of))
        .add_raw("limit", f.limit ? std::to_string(*f.limit) : "null");
    if (f.include_void)
    {
        o.add_raw("include_void", "true"); // only then: the rows written before it keep their form
    }
    return o.str();
}

SqlWhere application_where(const ApplicationFilter& f, UtcOffset offset)
{
    SqlWhere w;
    if (!f.include_void)
    {
        w.sql = "a.voided_at IS NULL";
    }
    auto add = [&w](const char* fragment, std::string value)
    {
        w.sql += (w.sql.empty() ? "" : " AND ") + std::string(fragment);
        w.values.push_back(std::move(value));
    };
    if (f.agency)
    {
        add("g.code = ?", *f.agency);
    }
    if (f.service)
    {
        add("s.code = ?", *f.service);
    }
    if (f.status)
    {
        add("a.status = ?", *f.status);
    }
    if (f.from)
    {
        add("a.submitted_at >= ?", utc_day_start(*f.from, offset));
        add("a.submitted_on >= ?", format_date(*f.from));
    }
    if (f.to)
    {
        add("a.submitted_at < ?", utc_day_start(Date{f.to->days + 1}, offset));
        add("a.submitted_on <= ?", format_date(*f.to));
    }
    if (f.nik)
    {
        add("a.nik = ?", *f.nik);
    }
    if (f.overdue && f.as_of)
    {
        // Open at the end of the day and possibly past due on it (schemas/0010_overdue_index.sql:
        // the same expression, so that its index serves the open half).
        const std::string day = format_date(*f.as_of);
        add("a.submitted_on <= ?", day);
        add("a.id IN (SELECT id FROM application WHERE decided_on IS NULL AND " MPP_OVERDUE_FROM
            " < ? UNION ALL SELECT id FROM application WHERE decided_on > ? AND " MPP_OVERDUE_FROM
            " < ?)",
            day);
        w.values.insert(w.values.end(), 2, day);
    }
    if (w.sql.empty())
    {
        w.sql = "1";
    }
    return w;
}

Date due_on_day(const Application& a, const std::vector<Pause>& stays, const WorkCalendar& cal,
                Date day)
{
    return cal.due_on(a.start_on, a.sla_days,
                      a.imported_paused + cal.paused(a.start_on, stays, day));
}

bool open_past_due(const Application& a, Date due, Date day)
{
    const bool open = a.submitted_on <= day && (!a.decided_on || *a.decided_on > day);
    return open && day > due;
}

bool judge_overdue(const Application& a, const std::vector<Pause>& stays, const WorkCalendar& cal,
                   Date day)
{
    return open_past_due(a, due_on_day(a, stays, cal, day), day);
}

} // namespace mpp
