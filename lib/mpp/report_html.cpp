#include "mpp/report_html.hpp"

#include "mpp/report_story.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

namespace mpp
{
namespace
{

// A horizontal bar chart, one group of bars per agency.
struct Series
{
    const char* label;
    const char* colour;
    std::vector<double> values;
};

std::string chart_legend(const std::vector<Series>& series, int left)
{
    std::string svg;
    for (std::size_t k = 0; k < series.size(); ++k)
    {
        const int x = left + static_cast<int>(k) * 110;
        svg += fmt::format("<rect x=\"{}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                           "<text x=\"{}\" y=\"31\">{}</text>",
                           x, series[k].colour, x + 14, html_escape(series[k].label));
    }
    return svg;
}

std::string bar_chart(const std::string& title, const std::vector<std::string>& labels,
                      const std::vector<Series>& series, double max, const std::string& unit,
                      const std::string& lang)
{
    const int row = 8 + 14 * static_cast<int>(series.size());
    const int left = 120;
    const int width = 300;
    const int height = 48 + row * static_cast<int>(labels.size());
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"{}\"><text x=\"0\" y=\"14\" class=\"title\">{}</text>",
        left + width + 60, height, html_escape(title), html_escape(title));
    svg += chart_legend(series, left);
    for (std::size_t i = 0; i < labels.size(); ++i)
    {
        const int y = 44 + static_cast<int>(i) * row;
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 6,
                           y + row / 2, html_escape(labels[i]));
        for (std::size_t k = 0; k < series.size(); ++k)
        {
            const double v = series[k].values[i];
            const int w = max > 0 ? static_cast<int>(std::lround(v / max * width)) : 0;
            const int by = y + 2 + static_cast<int>(k) * 14;
            svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\"/>"
                               "<text x=\"{}\" y=\"{}\">{}{}</text>",
                               left, by, w, series[k].colour, left + w + 4, by + 10,
                               human_number(fmt::format("{:g}", v), false, lang), unit);
        }
    }
    return svg + "</svg>";
}

void write_head(std::ostream& out, const std::vector<std::string>& lines, bool en)
{
    out << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "id")
        << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>" << html_escape(lines[0]) << "</title>\n<style>\n"
        << "body{font-family:\"DejaVu Sans\",\"Liberation "
           "Sans\",Arial,sans-serif;margin:24px;color:#1d2733}\n"
        << "h1{font-size:20px;margin:0 0 6px}p.meta{margin:2px 0;color:#45505c;font-size:13px}\n"
        << ".charts{display:flex;flex-wrap:wrap;gap:28px;margin:18px 0}\n"
        << "svg{font-size:11px;fill:#1d2733}svg .title{font-size:13px;font-weight:bold}\n"
        << "table{border-collapse:collapse;font-size:10px;width:100%}\n"
        << "th,td{border:1px solid #c9d1da;padding:2px 3px;text-align:right;white-space:nowrap}\n"
        << "th{background:#e8eef5;white-space:normal}th.name,td.name{text-align:left}\n"
        << "td.name{white-space:normal;min-width:120px}td.code{text-align:left;font-size:9px}"
           "table.small{width:auto}\n"
        << "h2{font-size:15px;margin:16px 0 6px}p.more{font-size:12px}\n"
        << ".headline{display:grid;grid-template-columns:repeat(4,1fr);gap:6px;margin:14px 0;"
           "padding:8px;background:#fff4d6;border:2px solid #d9b44a;break-inside:avoid}\n"
        << ".card{background:#fff;padding:5px 8px}.card .label{font-size:12px;color:#45505c}\n"
        << ".card .value{font-size:22px;font-weight:bold}.card .delta{font-size:11px}"
           ".card .delta span{color:#45505c}\n"
        << "svg .axis{font-size:9px}.signature{margin:28px 0 0 auto;width:90mm;"
           "break-inside:avoid;font-size:13px}.signature .space{height:7mm}\n"
        << "tr.agency td{background:#f3f5f8;font-weight:bold}tr.total "
           "td{background:#dde6f0;font-weight:bold}\n"
        << "@media print{@page{size:A4 "
           "landscape;margin:10mm}body{margin:0}.charts,tr{break-inside:avoid}}\n"
        << "</style>\n</head>\n<body>\n<h1>" << html_escape(lines[0]) << "</h1>\n";
    for (std::size_t i = 1; i < lines.size(); ++i)
    {
        out << "<p class=\"meta\">" << html_escape(lines[i]) << "</p>\n";
    }
}

// Visits and served per agency, and the converted IKM per agency: only where the office
// records them (an office without a queue machine or survey gets no empty chart).
std::string measure_charts(const PeriodReport& r, const std::string& lang)
{
    const bool en = lang == "en";
    std::vector<std::string> labels;
    Series visits{en ? "Visits" : "Kunjungan", "#6a4fb3", {}};
    Series served{en ? "Served" : "Dilayani", "#3f9a5a", {}};
    Series ikm{en ? "IKM (converted)" : "IKM (konversi)", "#d08b26", {}};
    double max = 0;
    for (const AgencyLine& a : r.agencies)
    {
        labels.push_back(a.code);
        visits.values.push_back(static_cast<double>(a.totals.visits.visits));
        served.values.push_back(static_cast<double>(a.totals.visits.served));
        ikm.values.push_back(a.totals.survey.ikm_converted().value_or(0));
        max = std::max(max, visits.values.back());
    }
    std::string out;
    if (r.totals.visits.records > 0)
    {
        out += bar_chart(en ? "Visits per agency" : "Kunjungan per instansi", labels,
                         {visits, served}, max, "", lang) +
               "\n";
    }
    if (r.totals.survey.respondents > 0)
    {
        out += bar_chart(en ? "Satisfaction (IKM) per agency" : "Kepuasan (IKM) per instansi",
                         labels, {ikm}, 100, "", lang) +
               "\n";
    }
    return out;
}

// Received and decided per agency, and the share decided on time.
void write_charts(std::ostream& out, const PeriodReport& r, const std::string& lang)
{
    const bool en = lang == "en";
    std::vector<std::string> labels;
    Series received{en ? "Received" : "Diterima", "#3b6fb6", {}};
    Series decided{en ? "Decided" : "Diputus", "#3f9a5a", {}};
    Series pct{en ? "On time %" : "% tepat waktu", "#d08b26", {}};
    double max = 0;
    for (const AgencyLine& a : r.agencies)
    {
        labels.push_back(a.code);
        received.values.push_back(static_cast<double>(a.totals.received));
        decided.values.push_back(static_cast<double>(a.totals.decided()));
        pct.values.push_back(a.totals.on_time_pct().value_or(0));
        max = std::max({max, received.values.back(), decided.values.back()});
    }
    out << "<div class=\"charts\">\n"
        << (r.trend.empty() ? std::string() : trend_chart_svg(r, lang) + "\n")
        << bar_chart(en ? "Received and decided per agency" : "Diterima dan diputus per instansi",
                     labels, {received, decided}, max, "", lang)
        << "\n"
        << bar_chart(en ? "Decided on time per agency" : "Diputus tepat waktu per instansi", labels,
                     {pct}, 100, "%", lang)
        << "\n"
        << measure_charts(r, lang) << "</div>\n";
}

// One table of the report's rows: the code, the name and the columns whose flag in `measures`
// equals `measure` (the application figures, or the visit, survey and complaint figures).
void write_table(std::ostream& out, const PeriodReport& r, const std::string& lang, bool measure)
{
    const auto labels = report_human_labels(r, lang);
    const auto measures = report_human_measures(r);
    out << "<table>\n<thead><tr><th class=\"name\">" << (lang == "en" ? "Code" : "Kode")
        << "</th><th class=\"name\">" << labels[0] << "</th>";
    for (std::size_t i = 1; i < labels.size(); ++i)
    {
        out << (measures[i - 1] == measure ? "<th>" + html_escape(labels[i]) + "</th>" : "");
    }
    out << "</tr></thead>\n<tbody>\n";
    const auto rows = report_human_rows(r, lang);
    for (std::size_t k = 0; k < rows.size(); ++k)
    {
        const auto& cells = rows[k].cells;
        const char* cls = !rows[k].strong ? "service" : (k + 1 == rows.size() ? "total" : "agency");
        out << "<tr class=\"" << cls << "\"><td class=\"code\">" << html_escape(rows[k].code)
            << "</td><td class=\"name\">" << html_escape(trim(cells[0])) << "</td>";
        for (std::size_t i = 1; i < cells.size(); ++i)
        {
            out << (measures[i - 1] == measure ? "<td>" + html_escape(cells[i]) + "</td>" : "");
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

// The figures in two tables, so that each fits the width of an A4 page: the applications, then
// (where the office records them) visits, the survey and complaints.
void write_tables(std::ostream& out, const PeriodReport& r, const std::string& lang)
{
    write_table(out, r, lang, false);
    const auto measures = report_human_measures(r);
    if (std::find(measures.begin(), measures.end(), true) != measures.end())
    {
        out << "<h2>"
            << (lang == "en" ? "Visits, satisfaction and complaints"
                             : "Kunjungan, kepuasan dan pengaduan")
            << "</h2>\n";
        write_table(out, r, lang, true);
    }
}

} // namespace

std::string html_escape(const std::string& text)
{
    std::string out;
    for (const char c : text)
    {
        switch (c)
        {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void render_report_html(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    write_head(out, report_header_lines(r, s), s.lang == "en");
    if (r.headline)
    {
        out << headline_box_html(r, s.lang);
    }
    write_charts(out, r, s.lang);
    write_tables(out, r, s.lang);
    write_people_html_after(out, r, s);
    out << "</body>\n</html>\n";
}

} // namespace mpp
