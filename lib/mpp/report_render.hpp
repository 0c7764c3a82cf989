#pragma once
// Writers of reports: machine formats (csv, tsv, json, ndjson) and human ones (table,
// markdown, html). Machine formats never change with the language and carry no timestamp.
#include "mpp/output.hpp"
#include "mpp/report.hpp"

#include <optional>
#include <ostream>
#include <string>

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
};

// `Oktober 2022` / `October 2022`.
std::string month_name(Date date, const std::string& lang);

// One row per service, then its agency's subtotal, and the MPP total last, with `level`.
Table report_table(const PeriodReport& report);

// The JSON document of reports.md (schemas/report.schema.json).
std::string report_json(const PeriodReport& report);

// Write the report in the style's format.
void render_report(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

// Table rows of an overdue list (NIK masked unless `unmasked`).
Table overdue_table(const std::vector<OverdueLine>& lines, UtcOffset offset, bool unmasked);

} // namespace mpp
