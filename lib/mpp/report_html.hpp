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

// Write the report as an HTML document in the style's language.
void render_report_html(std::ostream& out, const PeriodReport& report, const ReportStyle& style);

} // namespace mpp
