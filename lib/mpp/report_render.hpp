#pragma once
// Writers of reports: machine formats (csv, tsv, json, ndjson) and human ones (table,
// markdown, html). Machine formats never change with the language and carry no timestamp.
#include "mpp/output.hpp"
#include "mpp/report.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mpp
{

// How a report is written.
struct ReportStyle
{
    std::string format = "table";
    std::string lang = "id";
    std::optional<Instant> generated_at; // human formats only (SOURCE_DATE_EPOCH or now)
    UtcOffset offset;
    bool monthly = true;
    std::size_t width = 0; // terminal width for `table` (0: every column, however wide)
    bool bom = false;      // csv: a UTF-8 BOM for Excel
    char delimiter = ',';  // csv: `;` also writes decimals with a comma (`84,8`)
};

// `Oktober 2022` / `October 2022`.
std::string month_name(Date date, const std::string& lang);

// The columns that place a machine-format report row: level, agency and service code and name.
std::vector<Column> report_row_columns();

// One row per service, then its agency's subtotal, and the MPP total last, with `level`.
Table report_table(const PeriodReport& report);

// The JSON document of reports.md (schemas/report.schema.json).
std::string report_json(const PeriodReport& report);

// The lines above a report for people: title, period, counts, non-working days, the comparison
// with the previous month and the timestamp.
std::vector<std::string> report_header_lines(const PeriodReport& report, const ReportStyle& style);

// One row of a report for people: the name (services indented), then the figures as text.
struct HumanRow
{
    std::vector<std::string> cells;
    bool strong = false; // an agency subtotal or the MPP total
    std::string code;    // the service's or agency's code (empty for the MPP rows)
};

// The rows for people in the language: each agency's services, then its subtotal; the MPP total
// (the columns of report_human_labels).
std::vector<HumanRow> report_human_rows(const PeriodReport& report, const std::string& lang);

// The column labels for people: the name column, then the figures (a measure only when the
// office recorded it in the period).
std::vector<std::string> report_human_labels(const PeriodReport& report, const std::string& lang);

// For each figure column of report_human_labels: whether it is a measure (visits, the survey,
// complaints) rather than a figure of the applications.
std::vector<bool> report_human_measures(const PeriodReport& report);

// A figure for people: thousands grouped, a decimal comma in Indonesian, `Rp` when money.
std::string human_number(const Cell& cell, bool money, const std::string& lang);

// The lines above a report for people: plain, or in markdown a title and a list.
void write_header_lines(std::ostream& out, const std::vector<std::string>& lines, bool markdown);

// The writers of one report, one per family of formats.
struct ReportWriters
{
    std::function<std::string()> json;
    std::function<Table()> table; // csv, tsv, ndjson
    std::function<void(std::ostream&)> html;
    std::function<void(std::ostream&)> text; // table, markdown
};

// Write a report with the writer of the style's format (csv with its delimiter and BOM).
void write_in_format(std::ostream& out, const ReportStyle& style, const ReportWriters& writers);

// Write the report in the style's format.
void render_report(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

// Table rows of an overdue list (NIK masked unless `unmasked`).
Table overdue_table(const std::vector<OverdueLine>& lines, UtcOffset offset, bool unmasked);

} // namespace mpp
