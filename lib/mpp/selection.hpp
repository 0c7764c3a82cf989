#pragma once
// Which applications a listing selects (`application list/export`, `report overdue`): the
// filter, its SQL (fixed fragments with bound values, so that the indexes serve it), and the
// overdue rule; the same definition answers which bulk reads included a person.
#include "mpp/datetime.hpp"

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

namespace mpp
{

struct Application;
struct Pause;
class WorkCalendar;

// Filters of `application list` / `export` and `report overdue` (codes as stored).
struct ApplicationFilter
{
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::optional<std::string> status;
    std::optional<Date> from; // submitted on or after (local date)
    std::optional<Date> to;   // submitted on or before
    std::optional<std::string> nik;
    bool overdue = false;      // open and past its due date at the end of `as_of`
    std::optional<Date> as_of; // the day `overdue` is judged on (required with it)
    std::optional<long long> limit;
    bool include_void = false; // void applications too (`list --include-void`)
};

// The filter with its agency and service codes as stored and its status canonical. A code or
// status that names nothing is invalid data (exit 65), as for any field value, not a missing
// record (66).
ApplicationFilter resolve_filter(SQLite::Database& db, ApplicationFilter filter);

// The filter as a JSON object with every key (for the audit row of a bulk read).
std::string filter_json(const ApplicationFilter& filter);

// A WHERE clause over `application a JOIN service s JOIN agency g`, one fixed fragment per
// given filter, `?` for each value in `values` (in order); void applications are left out
// unless the filter includes them, "1" when nothing is filtered. `offset` is the office's, at
// which the stored local dates were derived.
struct SqlWhere
{
    std::string sql;
    std::vector<std::string> values;
};
SqlWhere application_where(const ApplicationFilter& filter, UtcOffset offset);

// The due date on day D (data.md "SLA"): the stays in `returned` count up to D.
Date due_on_day(const Application& app, const std::vector<Pause>& stays,
                const WorkCalendar& calendar, Date day);

// Whether an application with this due date on D is overdue on D: open at the end of D
// (submitted by then, not decided by then) and D after the due date.
bool open_past_due(const Application& app, Date due, Date day);

// Whether an application is overdue on D, from its stays in `returned`.
bool judge_overdue(const Application& app, const std::vector<Pause>& stays,
                   const WorkCalendar& calendar, Date day);

} // namespace mpp
