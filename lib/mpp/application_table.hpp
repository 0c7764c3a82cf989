#pragma once
// Applications and their histories as table rows for listings, exports and `show`.
#include "mpp/application.hpp"
#include "mpp/output.hpp"
#include "mpp/workdays.hpp"

#include <vector>

namespace mpp
{

// The columns of application listings (`for_export`: exactly the import columns; `with_void`:
// a last column `voided_at` that marks void records).
std::vector<Column> application_columns(bool for_export, bool with_void = false);
// One listing row, with due_on, elapsed, on_time and overdue as of a date unless for export;
// NIK and phone masked unless `unmasked`.
std::vector<Cell> application_row(const Application& app, const WorkCalendar& calendar, Date as_of,
                                  UtcOffset offset, bool unmasked, bool for_export,
                                  bool with_void = false);

// Table rows of applications with the computed due_on, elapsed and on_time as of a date;
// NIK and phone masked unless `unmasked`. `for_export` gives exactly the import columns.
Table application_table(const std::vector<Application>& apps, const WorkCalendar& calendar,
                        Date as_of, UtcOffset offset, bool unmasked, bool for_export,
                        bool with_void = false);

// Table rows of a history: every event with its kind, the data.md (Indonesian) label of the status
// it moved to in every language (machine formats never change with --lang), and (masked) detail.
Table history_table(const std::vector<StatusEvent>& events, UtcOffset offset);

} // namespace mpp
