// `report skm --format html`: one self-contained page (no external assets, no script) with a
// bar chart of the nine NRRs as inline SVG, styled for screen and for A4 paper.
#include "mpp/report_html.hpp"
#include "mpp/report_render.hpp"
#include "mpp/skm.hpp"
#include "mpp/text.hpp"

#include <cmath>
#include <fmt/format.h>

namespace mpp
{
namespace
{

constexpr const char* k_style =
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;margin:24px;"
    "color:#1d2733}\n"
    "h1{font-size:20px;margin:0 0 6px}h2{font-size:15px;margin:18px 0 6px}\n"
    "p.meta{margin:2px 0;color:#45505c;font-size:13px}\n"
    "svg{font-size:11px;fill:#1d2733;margin:14px 0}svg .title{font-size:13px;font-weight:bold}\n"
    "table{border-collapse:collapse;font-size:11px;width:100%}\n"
    "th,td{border:1px solid #c9d1da;padding:3px 5px;text-align:right;white-space:nowrap}\n"
    "th{background:#e8eef5}th.name,td.name{text-align:left}td.name{white-space:normal;"
    "min-width:16em}\n"
    "tr.agency td{background:#f3f5f8;font-weight:bold}tr.total td{background:#dde6f0;"
    "font-weight:bold}\n"
    "ul.profile{font-size:12px}\n"
    "@media print{@page{size:A4 landscape;margin:10mm}body{margin:0}svg,tr{break-inside:avoid}}\n";

// Vertical bars of the NRRs (scale 1–4) of the MPP total, the weakest in another colour.
std::string nrr_chart(const SurveySums& s, const std::string& lang)
{
    const bool en = lang == "en";
    const int left = 36;
    const int bar = 44;
    const int height = 160;
    const int top = 30;
    const std::string title =
        en ? "NRR per unsur (MPP total, scale 1–4)" : "NRR per unsur (seluruh MPP, skala 1–4)";
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"{}\"><text x=\"0\" y=\"14\" class=\"title\">{}</text>",
        left + bar * k_unsur + 10, top + height + 24, html_escape(title), html_escape(title));
    for (int tick = 1; tick <= 4; ++tick)
    {
        const int y = top + height - height * tick / 4;
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c9d1da\"/>"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                           left, y, left + bar * k_unsur, y, left - 4, y + 4, tick);
    }
    const auto weakest = s.weakest();
    for (int u = 0; u < k_unsur; ++u)
    {
        const double v = s.nrr(u).value_or(0);
        const int h = static_cast<int>(std::lround(v / 4 * height));
        const int x = left + u * bar + 6;
        const std::string label = fmt::format("{:.2f}", round_to(v, 2));
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">U{}</text>",
                           x, top + height - h, bar - 12, h,
                           weakest && *weakest == u ? "#d08b26" : "#3b6fb6", x + (bar - 12) / 2,
                           top + height - h - 3, human_number(label, false, lang),
                           x + (bar - 12) / 2, top + height + 14, u + 1);
    }
    return svg + "</svg>";
}

} // namespace

void render_skm_html(std::ostream& out, const SkmReport& r, const ReportStyle& s, const Table& t,
                     const std::vector<std::string>& header,
                     const std::vector<std::pair<std::string, std::string>>& profile)
{
    const bool en = s.lang == "en";
    out << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "id")
        << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << html_escape(header[0])
        << "</title>\n<style>\n"
        << k_style << "</style>\n</head>\n<body>\n<h1>" << html_escape(header[0]) << "</h1>\n";
    for (std::size_t i = 1; i < header.size(); ++i)
    {
        out << "<p class=\"meta\">" << html_escape(header[i]) << "</p>\n";
    }
    out << nrr_chart(r.rows.back().sums, s.lang) << "\n<table>\n<thead><tr>";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
    {
        out << (i == 0 ? "<th class=\"name\">" : "<th>")
            << html_escape(en ? t.columns[i].label_en : t.columns[i].label_id) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    for (std::size_t k = 0; k < t.rows.size(); ++k)
    {
        out << "<tr class=\"" << r.rows[k].level << "\">";
        for (std::size_t i = 0; i < t.rows[k].size(); ++i)
        {
            out << (i == 0 ? "<td class=\"name\">" : "<td>")
                << html_escape(trim(t.rows[k][i].value_or(""))) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n<h2>" << (en ? "Respondents" : "Profil responden")
        << "</h2>\n<ul class=\"profile\">\n";
    for (const auto& [label, text] : profile)
    {
        out << "<li><strong>" << html_escape(label) << "</strong>: " << html_escape(text)
            << "</li>\n";
    }
    out << "</ul>\n</body>\n</html>\n";
}

} // namespace mpp
