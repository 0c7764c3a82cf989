#pragma once
// The parts of the monthly report for people (reports.md "For the people who read it") as
// text in the report's language: the headline box, channels, the twelve-month trend, the
// overdue list and the signature block. The table, markdown and HTML writers lay them out.
#include "mpp/output.hpp"
#include "mpp/report.hpp"
#include "mpp/report_render.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mpp
{

// The change of a count from an earlier month: `▲ 12 (+4,1 %)`, `▼ 3 (-2,0 %)`, `▲ 5` (the
// earlier month had 0), `=`, or empty when the earlier month has no figure.
std::string count_change(long long now, const std::optional<long long>& before,
                         const std::string& lang);

// The change of a decimal figure (a percentage, the IKM) in its own unit, with `places`
// decimals: `▲ 2,5`, `▼ 0,75`, `=`, or empty when either month has no figure.
std::string decimal_change(const std::optional<double>& now, const std::optional<double>& before,
                           int places, const std::string& lang);

// `Okt 2022` / `Oct 2022`: a month for a narrow column or a chart axis.
std::string short_month_name(Date date, const std::string& lang);

// The first day of the same month a year before the month of `date`.
Date year_before(Date date);

// `1 November 2022`: a day for people.
std::string long_date(Date date, const std::string& lang);

// The report's title for people: the office, or with --agency the agency and the office.
std::string report_title(const PeriodReport& report, const ReportStyle& style);

// The headline box as rows: the measure, this month's figure and its changes from the
// previous month and from the same month a year earlier (a measure the office does not record
// this month is left out); the column labels are the first row.
Table headline_table(const PeriodReport& report, const std::string& lang);

// Received by channel (counter, online, outreach) per agency and, without --agency, in total.
Table channel_table(const PeriodReport& report, const std::string& lang);

// The twelve months of the trend: month, received, decided, on-time %.
Table trend_table(const PeriodReport& report, const std::string& lang);

// The overdue list for people: reference, service name, applicant, masked NIK, status in the
// language, submitted, due and working days overdue, most overdue first.
Table overdue_people_table(const PeriodReport& report, const std::string& lang);

// The heading over a block: `headline`, `channels`, `trend` or `overdue`.
std::string block_title(const PeriodReport& report, const std::string& block,
                        const std::string& lang);

// Under the overdue list when it was cut: `… dan 5 lainnya: mpp report overdue --as-of
// 2022-10-31`; empty when the list is whole.
std::string overdue_more_line(const PeriodReport& report, const std::string& lang);

// The signature block: place and date the report is made, title, three blank lines to sign
// in, name, `NIP …`; empty while the signatory's name is unset.
std::vector<std::string> signature_lines(const PeriodReport& report, const ReportStyle& style);

// Write the blocks before the table (headline, channels, trend) as text or markdown.
void write_people_before(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

// Write the blocks after the table (overdue list, signature) as text or markdown.
void write_people_after(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

} // namespace mpp
