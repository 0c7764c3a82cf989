#pragma once
// The report as one HTML document for people: the header lines, two inline SVG bar charts per
// agency and the figures table, printable on A4 landscape.
#include "mpp/report.hpp"
#include "mpp/report_render.hpp"

#include <ostream>
#include <string>

namespace mpp
{

// `&`, `<`, `>` and `"` as HTML entities.
std::string html_escape(const std::string& text);

// The headline box: a card per measure with its changes from the previous month and year.
std::string headline_box_html(const PeriodReport& report, const std::string& lang);

// The twelve-month trend: an inline SVG bar chart of received and decided per month.
std::string trend_chart_svg(const PeriodReport& report, const std::string& lang);

// A table for people as HTML (numbers right-aligned), with a CSS class.
std::string table_html(const Table& table, const std::string& lang, const std::string& cls);

// The blocks after the table: channels, the overdue list and the signature block.
void write_people_html_after(std::ostream& out, const PeriodReport& report,
                             const ReportStyle& style);

// Write the report as an HTML document in the style's language.
void render_report_html(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

} // namespace mpp
