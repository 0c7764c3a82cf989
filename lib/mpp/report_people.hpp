#pragma once
// The parts of the monthly report for people (reports.md "For the people who read it"): one
// agency's report, the headline box, the twelve-month trend, the overdue list, the signature.
#include "mpp/output.hpp"
#include "mpp/report.hpp"

namespace mpp
{

// The figures of F..L without the parts for people (every agency, the MPP total).
PeriodReport figures_report(SQLite::Database& db, const OfficeSettings& office,
                            const WorkCalendar& calendar, Date from, Date to);

// The stored code and id of an agency given in any case; Error(invalid_data) when none.
std::pair<std::string, long long> agency_of(SQLite::Database& db, const std::string& code);

// Keep only the agency's rows: its line is the report's total, no MPP row (`agency` set).
void narrow_to_agency(PeriodReport& report, const std::string& code);

// The headline box, trend, overdue list and signature of a monthly report (already narrowed
// to `scope.agency` when given).
void add_people_parts(SQLite::Database& db, const OfficeSettings& office,
                      const WorkCalendar& calendar, PeriodReport& report, const ReportScope& scope);

// received_counter, received_online, received_outreach as machine cells (after the others).
std::vector<Cell> channel_cells(const Figures& figures);

// `"received_counter":n,"received_online":n,"received_outreach":n` of a JSON row.
std::string channels_json(const Figures& figures);

// The report's JSON members for people, each with a leading comma: `agency` (one agency's
// report), and in a monthly report `headline`, `trend` and the overdue list (NIK masked, no
// name); empty for a summary of every agency.
std::string people_json(const PeriodReport& report);

} // namespace mpp
