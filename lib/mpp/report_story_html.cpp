// The blocks of the report for people in HTML: the headline box, the trend chart, channels,
// the overdue list and the signature block (no JavaScript, no external assets).
#include "mpp/report_html.hpp"
#include "mpp/report_story.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// `Okt 22`: a month under a chart's bar.
std::string axis_month(Date date, const std::string& lang)
{
    const std::string m = short_month_name(date, lang);
    return m.substr(0, 3) + " " + m.substr(m.size() - 2);
}

std::string delta_html(const std::string& when, const Cell& change)
{
    if (!change || change->empty())
    {
        return {}; // the earlier month has no data: nothing to compare with
    }
    return fmt::format("<div class=\"delta\"><span>{}</span> {}</div>", html_escape(when),
                       html_escape(*change));
}

// The y axis of the trend chart: lines at 0, half and the top, with their values.
std::string trend_grid(long long top, int left, int plot_top, int plot_height, int width,
                       const std::string& lang)
{
    std::string svg;
    for (int k = 0; k <= 2; ++k)
    {
        const int y = plot_top + plot_height - plot_height * k / 2;
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c9d1da\"/>"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                           left, y, left + width, y, left - 4, y + 4,
                           human_number(std::to_string(top * k / 2), false, lang));
    }
    return svg;
}

} // namespace

std::string headline_box_html(const PeriodReport& r, const std::string& lang)
{
    const Table t = headline_table(r, lang);
    const std::string month = short_month_name(Date{r.from.days - 1}, lang);
    const std::string year = short_month_name(year_before(r.from), lang);
    const std::string vs = lang == "en" ? "vs " : "dibanding ";
    std::string html = fmt::format("<section class=\"headline\" aria-label=\"{}\">\n",
                                   html_escape(block_title(r, "headline", lang)));
    for (const auto& row : t.rows)
    {
        html += fmt::format("<div class=\"card\"><div class=\"label\">{}</div>"
                            "<div class=\"value\">{}</div>{}{}</div>\n",
                            html_escape(row[0].value_or("")), html_escape(row[1].value_or("")),
                            delta_html(vs + month, row[2]), delta_html(vs + year, row[3]));
    }
    return html + "</section>\n";
}

std::string trend_chart_svg(const PeriodReport& r, const std::string& lang)
{
    const bool en = lang == "en";
    const int left = 44;
    const int group = 38;
    const int plot_top = 40;
    const int plot_height = 120;
    const int width = group * static_cast<int>(r.trend.size());
    long long top = 1;
    for (const TrendMonth& m : r.trend)
    {
        top = std::max({top, m.received, m.decided});
    }
    const std::string title = block_title(r, "trend", lang);
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"{}\" class=\"trend\"><text x=\"0\" y=\"14\" class=\"title\">{}</text>"
        "<rect x=\"{}\" y=\"22\" width=\"10\" height=\"10\" fill=\"#3b6fb6\"/>"
        "<text x=\"{}\" y=\"31\">{}</text><rect x=\"{}\" y=\"22\" width=\"10\" height=\"10\" "
        "fill=\"#3f9a5a\"/><text x=\"{}\" y=\"31\">{}</text>",
        left + width + 8, plot_top + plot_height + 22, html_escape(title), html_escape(title), left,
        left + 14, en ? "Received" : "Diterima", left + 110, left + 124,
        en ? "Decided" : "Diputus");
    svg += trend_grid(top, left, plot_top, plot_height, width, lang);
    const int base = plot_top + plot_height;
    for (std::size_t i = 0; i < r.trend.size(); ++i)
    {
        const TrendMonth& m = r.trend[i];
        const int x = left + static_cast<int>(i) * group + 4;
        const auto bar = [&](long long v)
        {
            return static_cast<int>(
                std::lround(static_cast<double>(v) / static_cast<double>(top) * plot_height));
        };
        svg += fmt::format(
            "<g class=\"month\"><title>{}: {} {}, {} {}</title>"
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"{}\" fill=\"#3b6fb6\"/>"
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"{}\" fill=\"#3f9a5a\"/>"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text></g>",
            html_escape(month_name(m.month, lang)), en ? "received" : "diterima",
            human_number(std::to_string(m.received), false, lang), en ? "decided" : "diputus",
            human_number(std::to_string(m.decided), false, lang), x, base - bar(m.received),
            bar(m.received), x + 15, base - bar(m.decided), bar(m.decided), x + 15, base + 14,
            html_escape(axis_month(m.month, lang)));
    }
    return svg + "</svg>";
}

std::string table_html(const Table& t, const std::string& lang, const std::string& cls)
{
    std::string html = "<table class=\"" + cls + "\">\n<thead><tr>";
    for (const Column& c : t.columns)
    {
        html += fmt::format("<th{}>{}</th>", c.kind == CellKind::integer ? "" : " class=\"name\"",
                            html_escape(lang == "en" ? c.label_en : c.label_id));
    }
    html += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows)
    {
        html += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            html += fmt::format("<td{}>{}</td>",
                                t.columns[i].kind == CellKind::integer ? "" : " class=\"name\"",
                                html_escape(row[i].value_or("")));
        }
        html += "</tr>\n";
    }
    return html + "</tbody>\n</table>\n";
}

void write_people_html_after(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    if (r.totals.received > 0)
    {
        out << "<h2>" << html_escape(block_title(r, "channels", s.lang)) << "</h2>\n"
            << table_html(channel_table(r, s.lang), s.lang, "small");
    }
    if (r.overdue_listed)
    {
        out << "<h2>" << html_escape(block_title(r, "overdue", s.lang)) << "</h2>\n";
        if (!r.overdue_list.empty())
        {
            out << table_html(overdue_people_table(r, s.lang), s.lang, "small overdue");
        }
        if (const std::string more = overdue_more_line(r, s.lang); !more.empty())
        {
            out << "<p class=\"more\">" << html_escape(more) << "</p>\n";
        }
    }
    const auto lines = signature_lines(r, s);
    if (lines.empty())
    {
        return;
    }
    out << "<div class=\"signature\">\n";
    for (const std::string& line : lines)
    {
        out << (line.empty() ? "<div class=\"space\"></div>\n"
                             : "<div>" + html_escape(line) + "</div>\n");
    }
    out << "</div>\n";
}

} // namespace mpp
