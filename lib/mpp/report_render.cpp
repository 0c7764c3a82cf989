#include "mpp/report_render.hpp"

#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <sstream>

namespace mpp
{
namespace
{

struct FigureColumn
{
    const char* key;
    const char* id;
    const char* en;
};

const std::vector<FigureColumn>& figure_columns()
{
    static const std::vector<FigureColumn> k_columns = {
        {"carried_in", "Sisa awal", "Carried in"},
        {"received", "Diterima", "Received"},
        {"completed", "Selesai", "Completed"},
        {"rejected", "Ditolak", "Rejected"},
        {"cancelled", "Batal", "Cancelled"},
        {"carried_out", "Sisa akhir", "Carried out"},
        {"decided", "Diputus", "Decided"},
        {"on_time", "Tepat waktu", "On time"},
        {"late", "Terlambat", "Late"},
        {"on_time_pct", "% tepat", "On time %"},
        {"elapsed_avg", "Rata-rata HK", "Avg days"},
        {"elapsed_median", "Median HK", "Median days"},
        {"elapsed_max", "Maks HK", "Max days"},
        {"overdue_open", "Lewat tempo", "Overdue"},
        {"fees", "Biaya", "Fees"}};
    return k_columns;
}

std::optional<std::string> decimal(const std::optional<double>& v)
{
    return v ? std::optional<std::string>(fmt::format("{:.1f}", *v)) : std::nullopt;
}

// The figures as machine values, in column order.
std::vector<Cell> figure_cells(const Figures& f)
{
    const auto n = [](long long v) { return std::optional<std::string>(std::to_string(v)); };
    return {n(f.carried_in),
            n(f.received),
            n(f.completed),
            n(f.rejected),
            n(f.cancelled),
            n(f.carried_out),
            n(f.decided()),
            n(f.on_time),
            n(f.late),
            decimal(f.on_time_pct()),
            decimal(f.elapsed_avg()),
            decimal(f.elapsed_median()),
            f.elapsed_max() ? n(*f.elapsed_max()) : std::nullopt,
            n(f.overdue_open),
            n(f.fees)};
}

std::string histogram_json(const Figures& f)
{
    JsonObject h;
    for (const auto& [days, count] : f.elapsed_histogram)
    {
        h.add(std::to_string(days), static_cast<long long>(count));
    }
    return h.str();
}

std::string figures_json(const Figures& f)
{
    std::string out;
    const auto cells = figure_cells(f);
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        out += fmt::format("\"{}\":{},", figure_columns()[i].key, cells[i].value_or("null"));
    }
    return out + "\"elapsed_histogram\":" + histogram_json(f);
}

// A human number: thousands separators and a decimal comma in Indonesian.
std::string human_number(const Cell& cell, bool money, const std::string& lang)
{
    if (!cell)
    {
        return "";
    }
    if (money)
    {
        return "Rp " + group_thousands(std::stoll(*cell), lang == "en" ? ',' : '.');
    }
    const std::size_t dot = cell->find('.');
    const long long whole = std::stoll(cell->substr(0, dot));
    std::string text = group_thousands(whole, lang == "en" ? ',' : '.');
    if (dot != std::string::npos)
    {
        text += (lang == "en" ? "." : ",") + cell->substr(dot + 1);
    }
    return text;
}

std::string period_text(const PeriodReport& r, const ReportStyle& s)
{
    const std::string range = fmt::format("{} {} {}", format_date(r.from),
                                          s.lang == "en" ? "to" : "s.d.", format_date(r.to));
    return s.monthly ? fmt::format("{} ({})", month_name(r.from, s.lang), range) : range;
}

std::string comparison(const PeriodReport& r, const std::string& lang)
{
    if (!r.previous_received)
    {
        return {};
    }
    const long long now = r.totals.received;
    const long long before = *r.previous_received;
    const long long diff = now - before;
    const Date prev{r.from.days - 1};
    const std::string pct =
        before > 0 ? fmt::format(" ({:.1f}%)",
                                 round1(100.0 * static_cast<double>(diff < 0 ? -diff : diff) /
                                        static_cast<double>(before)))
                   : std::string();
    if (lang == "en")
    {
        return fmt::format("{} applications received, {} on {} ({}).", now,
                           diff == 0 ? "the same as"
                                     : fmt::format("{} {}{}", diff > 0 ? "up" : "down",
                                                   diff < 0 ? -diff : diff, pct),
                           month_name(prev, lang), before);
    }
    return fmt::format("Permohonan diterima: {}, {} {} ({}).", now,
                       diff == 0 ? "sama dengan"
                                 : fmt::format("{} {}{} dibanding", diff > 0 ? "naik" : "turun",
                                               diff < 0 ? -diff : diff, pct),
                       month_name(prev, lang), before);
}

std::vector<std::string> header_lines(const PeriodReport& r, const ReportStyle& s)
{
    const bool en = s.lang == "en";
    std::vector<std::string> lines;
    lines.push_back(
        fmt::format("{} — {} ({})",
                    en ? (s.monthly ? "Monthly service report" : "Service report")
                       : (s.monthly ? "Laporan bulanan pelayanan" : "Laporan pelayanan"),
                    r.office_name, r.office_code));
    lines.push_back(fmt::format("{}: {}", en ? "Period" : "Periode", period_text(r, s)));
    lines.push_back(
        fmt::format(fmt::runtime(en ? "Active agencies: {} · active services: {} · working days: {}"
                                    : "Instansi aktif: {} · layanan aktif: {} · hari kerja: {}"),
                    r.active_agencies, r.active_services, r.working_days));
    std::vector<std::string> days;
    for (const Holiday& h : r.non_working)
    {
        days.push_back(fmt::format("{} {}", format_date(h.date), h.name));
    }
    lines.push_back(fmt::format("{}: {}", en ? "Non-working days" : "Hari libur",
                                days.empty() ? (en ? "none" : "tidak ada") : join(days, "; ")));
    if (const std::string c = comparison(r, s.lang); !c.empty())
    {
        lines.push_back(c);
    }
    if (s.generated_at)
    {
        lines.push_back(fmt::format("{}: {}", en ? "Generated" : "Dibuat",
                                    format_local(*s.generated_at, s.offset)));
    }
    return lines;
}

// The rows for people: name column, then the figures.
std::vector<std::vector<std::string>> human_rows(const PeriodReport& r, const std::string& lang,
                                                 std::vector<bool>& bold)
{
    std::vector<std::vector<std::string>> rows;
    auto add = [&](const std::string& label, const Figures& f, bool strong)
    {
        std::vector<std::string> row = {label};
        const auto cells = figure_cells(f);
        for (std::size_t i = 0; i < cells.size(); ++i)
        {
            row.push_back(human_number(cells[i], i + 1 == cells.size(), lang));
        }
        rows.push_back(std::move(row));
        bold.push_back(strong);
    };
    for (const AgencyLine& a : r.agencies)
    {
        for (const ServiceLine& s : a.services)
        {
            add("  " + s.code, s.figures, false);
        }
        add(fmt::format("{} ({})", a.code, lang == "en" ? "subtotal" : "subtotal"), a.totals, true);
    }
    add(lang == "en" ? "TOTAL MPP" : "JUMLAH MPP", r.totals, true);
    return rows;
}

void render_text(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    const bool md = s.format == "markdown";
    const auto lines = header_lines(r, s);
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        out << (md ? (i == 0 ? "# " : "- ") : "") << lines[i] << '\n';
    }
    out << '\n';
    std::vector<bool> bold;
    auto rows = human_rows(r, s.lang, bold);
    std::vector<std::string> header = {s.lang == "en" ? "Agency / service" : "Instansi / layanan"};
    for (const auto& c : figure_columns())
    {
        header.push_back(s.lang == "en" ? c.en : c.id);
    }
    if (s.format == "markdown")
    {
        out << "| " << join(header, " | ") << " |\n|---";
        for (std::size_t i = 1; i < header.size(); ++i)
        {
            out << "|---:";
        }
        out << "|\n";
        for (std::size_t k = 0; k < rows.size(); ++k)
        {
            std::string first = trim(rows[k][0]);
            first = bold[k] ? "**" + first + "**" : first;
            out << "| " << first;
            for (std::size_t i = 1; i < rows[k].size(); ++i)
            {
                out << " | " << rows[k][i];
            }
            out << " |\n";
        }
        return;
    }
    std::vector<std::size_t> widths(header.size());
    for (std::size_t i = 0; i < header.size(); ++i)
    {
        widths[i] = display_width(header[i]);
        for (const auto& row : rows)
        {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    // On a narrow terminal, leave out the figures that others imply or that matter least, in
    // this order, until the table fits; say which.
    std::vector<bool> shown(header.size(), true);
    std::vector<std::string> left_out;
    auto total = [&]
    {
        std::size_t sum = 0;
        for (std::size_t i = 0; i < widths.size(); ++i)
        {
            sum += shown[i] ? widths[i] + (i ? 2 : 0) : 0;
        }
        return sum;
    };
    for (const char* key : {"decided", "late", "on_time", "elapsed_avg", "elapsed_max", "cancelled",
                            "carried_in", "elapsed_median", "fees"})
    {
        if (s.width == 0 || total() <= s.width)
        {
            break;
        }
        for (std::size_t i = 1; i < header.size(); ++i)
        {
            if (figure_columns()[i - 1].key == key)
            {
                shown[i] = false;
                left_out.push_back(header[i]);
            }
        }
    }
    auto emit = [&](const std::vector<std::string>& row)
    {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            if (!shown[i])
            {
                continue;
            }
            const std::string pad(widths[i] - display_width(row[i]), ' ');
            line += i == 0 ? escape_controls(row[i]) + pad : "  " + pad + row[i];
        }
        out << line << '\n';
    };
    emit(header);
    for (const auto& row : rows)
    {
        emit(row);
    }
    if (!left_out.empty())
    {
        out << '\n'
            << fmt::format(fmt::runtime(s.lang == "en"
                                            ? "Left out to fit the terminal: {}. Every column: "
                                              "--format html, markdown or csv, or a wider window."
                                            : "Tidak ditampilkan agar muat di layar: {}. Semua "
                                              "kolom: --format html, markdown atau csv, atau "
                                              "jendela yang lebih lebar."),
                           join(left_out, ", "))
            << '\n';
    }
}

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

// A horizontal bar chart, one group of bars per agency.
struct Series
{
    const char* label;
    const char* colour;
    std::vector<double> values;
};

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
    for (std::size_t k = 0; k < series.size(); ++k)
    {
        const int x = left + static_cast<int>(k) * 110;
        svg += fmt::format("<rect x=\"{}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                           "<text x=\"{}\" y=\"31\">{}</text>",
                           x, series[k].colour, x + 14, html_escape(series[k].label));
    }
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

void render_html(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    const bool en = s.lang == "en";
    const auto lines = header_lines(r, s);
    out << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "id")
        << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>" << html_escape(lines[0]) << "</title>\n<style>\n"
        << "body{font-family:\"DejaVu Sans\",\"Liberation "
           "Sans\",Arial,sans-serif;margin:24px;color:#1d2733}\n"
        << "h1{font-size:20px;margin:0 0 6px}p.meta{margin:2px 0;color:#45505c;font-size:13px}\n"
        << ".charts{display:flex;flex-wrap:wrap;gap:28px;margin:18px 0}\n"
        << "svg{font-size:11px;fill:#1d2733}svg .title{font-size:13px;font-weight:bold}\n"
        << "table{border-collapse:collapse;font-size:11px;width:100%}\n"
        << "th,td{border:1px solid #c9d1da;padding:3px 5px;text-align:right;white-space:nowrap}\n"
        << "th{background:#e8eef5}th.name,td.name{text-align:left}\n"
        << "tr.agency td{background:#f3f5f8;font-weight:bold}tr.total "
           "td{background:#dde6f0;font-weight:bold}\n"
        << "@media print{@page{size:A4 "
           "landscape;margin:10mm}body{margin:0}.charts,tr{break-inside:avoid}}\n"
        << "</style>\n</head>\n<body>\n<h1>" << html_escape(lines[0]) << "</h1>\n";
    for (std::size_t i = 1; i < lines.size(); ++i)
    {
        out << "<p class=\"meta\">" << html_escape(lines[i]) << "</p>\n";
    }
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
        << bar_chart(en ? "Received and decided per agency" : "Diterima dan diputus per instansi",
                     labels, {received, decided}, max, "", s.lang)
        << "\n"
        << bar_chart(en ? "Decided on time per agency" : "Diputus tepat waktu per instansi", labels,
                     {pct}, 100, "%", s.lang)
        << "\n</div>\n<table>\n<thead><tr><th class=\"name\">"
        << (en ? "Agency / service" : "Instansi / layanan") << "</th>";
    for (const auto& c : figure_columns())
    {
        out << "<th>" << html_escape(en ? c.en : c.id) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    std::vector<bool> bold;
    const auto rows = human_rows(r, s.lang, bold);
    for (std::size_t k = 0; k < rows.size(); ++k)
    {
        const char* cls = !bold[k] ? "service" : (k + 1 == rows.size() ? "total" : "agency");
        out << "<tr class=\"" << cls << "\"><td class=\"name\">" << html_escape(trim(rows[k][0]))
            << "</td>";
        for (std::size_t i = 1; i < rows[k].size(); ++i)
        {
            out << "<td>" << html_escape(rows[k][i]) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n</body>\n</html>\n";
}

} // namespace

std::string month_name(Date date, const std::string& lang)
{
    static const char* k_id[] = {"Januari",   "Februari", "Maret",    "April",
                                 "Mei",       "Juni",     "Juli",     "Agustus",
                                 "September", "Oktober",  "November", "Desember"};
    static const char* k_en[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    return fmt::format("{} {}", (lang == "en" ? k_en : k_id)[m - 1], y);
}

Table report_table(const PeriodReport& r)
{
    Table t;
    t.columns = {{"level", "Tingkat", "Level", CellKind::code},
                 {"agency_code", "Kode instansi", "Agency code", CellKind::code},
                 {"agency_name", "Instansi", "Agency", CellKind::free_text},
                 {"service_code", "Kode layanan", "Service code", CellKind::code},
                 {"service_name", "Layanan", "Service", CellKind::free_text}};
    for (const auto& c : figure_columns())
    {
        t.columns.push_back({c.key, c.id, c.en, CellKind::integer});
    }
    auto add = [&](const char* level, const Cell& ac, const Cell& an, const Cell& sc,
                   const Cell& sn, const Figures& f)
    {
        std::vector<Cell> row = {std::string(level), ac, an, sc, sn};
        for (auto& cell : figure_cells(f))
        {
            row.push_back(std::move(cell));
        }
        t.rows.push_back(std::move(row));
    };
    for (const AgencyLine& a : r.agencies)
    {
        for (const ServiceLine& s : a.services)
        {
            add("service", a.code, a.name, s.code, s.name, s.figures);
        }
        add("agency", a.code, a.name, std::nullopt, std::nullopt, a.totals);
    }
    add("total", std::nullopt, std::nullopt, std::nullopt, std::nullopt, r.totals);
    return t;
}

std::string report_json(const PeriodReport& r)
{
    std::ostringstream out;
    out << "{\"office\":"
        << JsonObject().add("name", r.office_name.c_str()).add("code", r.office_code.c_str()).str()
        << ",\"period\":"
        << JsonObject()
               .add("from", format_date(r.from).c_str())
               .add("to", format_date(r.to).c_str())
               .str()
        << ",\"calendar\":{\"working_days\":" << r.working_days << ",\"non_working\":[";
    for (std::size_t i = 0; i < r.non_working.size(); ++i)
    {
        const Holiday& h = r.non_working[i];
        out << (i ? "," : "")
            << JsonObject()
                   .add("date", format_date(h.date).c_str())
                   .add("kind", h.kind.c_str())
                   .add("name", h.name.c_str())
                   .str();
    }
    out << "]},\"active_agencies\":" << r.active_agencies
        << ",\"active_services\":" << r.active_services << ",\"previous_received\":"
        << (r.previous_received ? std::to_string(*r.previous_received) : "null")
        << ",\"agencies\":[";
    for (std::size_t i = 0; i < r.agencies.size(); ++i)
    {
        const AgencyLine& a = r.agencies[i];
        out << (i ? "," : "") << "{\"code\":" << json_quote(a.code)
            << ",\"name\":" << json_quote(a.name) << ",\"totals\":{" << figures_json(a.totals)
            << "},\"services\":[";
        for (std::size_t k = 0; k < a.services.size(); ++k)
        {
            const ServiceLine& s = a.services[k];
            out << (k ? "," : "") << "{\"code\":" << json_quote(s.code)
                << ",\"name\":" << json_quote(s.name) << "," << figures_json(s.figures) << "}";
        }
        out << "]}";
    }
    out << "],\"totals\":{" << figures_json(r.totals) << "}}\n";
    return out.str();
}

void render_report(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    if (s.format == "json")
    {
        out << report_json(r);
    }
    else if (s.format == "csv" || s.format == "tsv" || s.format == "ndjson")
    {
        RenderOptions o;
        o.format = s.format;
        render_table(out, report_table(r), o);
    }
    else if (s.format == "html")
    {
        render_html(out, r, s);
    }
    else
    {
        render_text(out, r, s);
    }
}

Table overdue_table(const std::vector<OverdueLine>& lines, UtcOffset offset, bool unmasked)
{
    Table t;
    t.columns = {{"reference", "Nomor", "Reference", CellKind::unchecked},
                 {"agency", "Instansi", "Agency", CellKind::code},
                 {"service", "Layanan", "Service", CellKind::code},
                 {"applicant_name", "Pemohon", "Applicant", CellKind::free_text},
                 {"nik", "NIK", "NIK", CellKind::code},
                 {"status", "Status", "Status", CellKind::code},
                 {"submitted_at", "Diterima", "Submitted", CellKind::code},
                 {"due_on", "Jatuh tempo", "Due", CellKind::code},
                 {"days_overdue", "Hari lewat", "Days overdue", CellKind::integer}};
    for (const OverdueLine& l : lines)
    {
        const Application& a = l.application;
        t.rows.push_back({a.reference, a.agency, a.service, a.applicant_name,
                          unmasked ? a.nik : mask_nik(a.nik), a.status,
                          format_local(a.submitted_at, offset), format_date(l.due_on),
                          std::to_string(l.days_overdue)});
    }
    return t;
}

} // namespace mpp
