// The blocks of the report for people in `table` (a terminal) and `markdown`.
#include "mpp/report_story.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

std::string markdown_cell(const Cell& cell)
{
    std::string out;
    for (const char c : cell.value_or(""))
    {
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
    return out;
}

// A table as a markdown table: numbers right-aligned.
void write_markdown(std::ostream& out, const Table& t, const std::string& lang)
{
    out << "|";
    for (const Column& c : t.columns)
    {
        out << " " << markdown_cell(lang == "en" ? c.label_en : c.label_id) << " |";
    }
    out << "\n|";
    for (const Column& c : t.columns)
    {
        out << (c.kind == CellKind::integer ? "---:|" : "---|");
    }
    out << "\n";
    for (const auto& row : t.rows)
    {
        out << "|";
        for (const Cell& cell : row)
        {
            out << " " << markdown_cell(cell) << " |";
        }
        out << "\n";
    }
}

// A titled block: `## title` and a markdown table, or the title and an aligned table.
void write_block(std::ostream& out, const std::string& title, const Table& t, const ReportStyle& s)
{
    if (s.format == "markdown")
    {
        out << "## " << title << "\n\n";
        write_markdown(out, t, s.lang);
    }
    else
    {
        out << title << '\n';
        RenderOptions o;
        o.lang = s.lang;
        o.width = s.width;
        o.upper_labels = false;
        render_table(out, t, o);
    }
    out << '\n';
}

void write_signature(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    const auto lines = signature_lines(r, s);
    if (lines.empty())
    {
        return;
    }
    const bool md = s.format == "markdown";
    for (const std::string& line : lines)
    {
        // markdown: a hard line break keeps the lines of the block apart
        out << (md ? (line.empty() ? "&nbsp;" : line) + "  " : line) << '\n';
    }
}

} // namespace

void write_people_before(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    if (r.headline)
    {
        write_block(out, block_title(r, "headline", s.lang), headline_table(r, s.lang), s);
    }
    if (!r.trend.empty())
    {
        write_block(out, block_title(r, "trend", s.lang), trend_table(r, s.lang), s);
    }
}

void write_people_after(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    out << '\n';
    if (r.totals.received > 0)
    {
        write_block(out, block_title(r, "channels", s.lang), channel_table(r, s.lang), s);
    }
    if (r.overdue_listed)
    {
        const std::string title = block_title(r, "overdue", s.lang);
        if (r.overdue_list.empty())
        {
            out << (s.format == "markdown" ? "## " : "") << title << "\n\n";
        }
        else
        {
            write_block(out, title, overdue_people_table(r, s.lang), s);
        }
        if (const std::string more = overdue_more_line(r, s.lang); !more.empty())
        {
            out << more << "\n\n";
        }
    }
    write_signature(out, r, s);
}

} // namespace mpp
