#pragma once
// What a calendar change recomputes (data.md "SLA": the stored dates and the report tallies
// follow the calendar in the same transaction): only the applications whose SLA window holds a
// day that started or stopped counting, or whose local dates move with a new UTC offset.
#include "mpp/application.hpp"
#include "mpp/calendar.hpp"
#include "mpp/workdays.hpp"

#include <SQLiteCpp/Database.h>
#include <string>
#include <utility>
#include <vector>

namespace mpp
{

// The days on which a change of the calendar can move what an application stores or counts:
// from its submission day (its start day may move) to the last of its due date, its decision or
// its last status change (its stays in `returned` lie before it).
std::pair<Date, Date> sla_window(const Application& app, UtcOffset offset);

// After a change of the calendar or of the settings it is read with (`before` as it was): bring
// the stored dates and the tallies of the applications it moves up to date.
void refresh_after_change(SQLite::Database& db, const CalendarState& before);

// Recompute every application's stored dates and the report tallies from nothing (migration,
// repair), in the caller's transaction.
void refresh_application_dates(SQLite::Database& db);

// What `db check` finds wrong with the stored dates and the report tallies (empty when both
// agree with a recomputation from the applications, their histories and the calendar).
std::vector<std::string> check_dates_and_tallies(SQLite::Database& db);

} // namespace mpp
