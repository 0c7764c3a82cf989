#include "mpp/report_render.hpp"

#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/report_html.hpp"
#include "mpp/report_measures.hpp"
#include "mpp/report_people.hpp"
#include "mpp/report_story.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

namespace mpp
{
namespace
{

// How a figure is shown to people: a count, a decimal, Rupiah or a code (a grade).
enum class FigureKind
{
    count,
    decimal,
    money,
    text,
};

struct FigureColumn
{
    const char* key;
    const char* id;
    const char* en;
    int drop_rank; // on a narrow terminal, implied and least-read figures are left out first
    FigureKind kind = FigureKind::count;
    bool when_recorded = false; // a measure: people see it only when the office records it
};

const std::vector<FigureColumn>& figure_columns()
{
    static const std::vector<FigureColumn> k_columns = {
        {"carried_in", "Sisa awal", "Carried in", 10},
        {"received", "Diterima", "Received", 0},
        {"completed", "Selesai", "Completed", 0},
        {"rejected", "Ditolak", "Rejected", 0},
        {"cancelled", "Batal", "Cancelled", 9},
        {"carried_out", "Sisa akhir", "Carried out", 0},
        {"decided", "Diputus", "Decided", 1},
        {"on_time", "Tepat waktu", "On time", 3},
        {"late", "Terlambat", "Late", 2},
        {"on_time_pct", "% tepat", "On time %", 0, FigureKind::decimal},
        {"elapsed_avg", "Rata-rata HK", "Avg days", 7, FigureKind::decimal},
        {"elapsed_median", "Median HK", "Median days", 13, FigureKind::decimal},
        {"elapsed_max", "Maks HK", "Max days", 8},
        {"overdue_open", "Lewat tempo", "Overdue", 0},
        {"fees", "Biaya", "Fees", 14, FigureKind::money},
        {"visits", "Kunjungan", "Visits", 15, FigureKind::count, true},
        {"served", "Dilayani", "Served", 4, FigureKind::count, true},
        {"wait_median_min", "Median tunggu (mnt)", "Median wait (min)", 11, FigureKind::decimal, true},
        {"respondents", "Responden", "Respondents", 5, FigureKind::count, true},
        {"ikm_converted", "Nilai IKM", "IKM score", 16, FigureKind::decimal, true},
        {"grade", "Mutu", "Grade", 6, FigureKind::text, true},
        {"complaints_received", "Pengaduan", "Complaints", 12, FigureKind::count, true},
        {"complaints_open", "Pengaduan terbuka", "Open complaints", 17, FigureKind::count, true}};
    return k_columns;
}

std::vector<Cell> figure_cells(const Figures& f, const SkmGrades& grades);

// The figure columns people see: every application figure, and a measure only when the office
// recorded it in the period (its total is not empty; the total pools every row).
std::vector<bool> human_columns(const PeriodReport& r)
{
    const auto total = figure_cells(r.totals, r.grades);
    std::vector<bool> shown;
    for (std::size_t i = 0; i < figure_columns().size(); ++i)
    {
        shown.push_back(!figure_columns()[i].when_recorded || total[i].has_value());
    }
    return shown;
}

// A grade is a code; every other figure a number.
CellKind cell_kind(const FigureColumn& c)
{
    return c.kind == FigureKind::text ? CellKind::code : CellKind::integer;
}

// The figures as machine values, in column order.
std::vector<Cell> figure_cells(const Figures& f, const SkmGrades& grades)
{
    const auto n = [](long long v) { return std::optional<std::string>(std::to_string(v)); };
    std::vector<Cell> cells = {n(f.carried_in),
                               n(f.received),
                               n(f.completed),
                               n(f.rejected),
                               n(f.cancelled),
                               n(f.carried_out),
                               n(f.decided()),
                               n(f.on_time),
                               n(f.late),
                               decimal_cell(f.on_time_pct()),
                               decimal_cell(f.elapsed_avg()),
                               decimal_cell(f.elapsed_median()),
                               f.elapsed_max() ? n(*f.elapsed_max()) : std::nullopt,
                               n(f.overdue_open),
                               n(f.fees)};
    measure_cells(cells, f, grades);
    return cells;
}

std::string figures_json(const Figures& f, const SkmGrades& grades)
{
    std::string out;
    const auto cells = figure_cells(f, grades);
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        const bool text = figure_columns()[i].kind == FigureKind::text;
        out += fmt::format("\"{}\":{},", figure_columns()[i].key,
                           !cells[i] ? "null" : text ? json_quote(*cells[i]) : *cells[i]);
    }
    return out + channels_json(f) +
           ",\"elapsed_histogram\":" + histogram_json(f.elapsed_histogram) + "," +
           measure_sums_json(f);
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
        return fmt::format("{} applications received, {} {} ({}).", now,
                           diff == 0 ? "the same as in"
                                     : fmt::format("{} {}{} on", diff > 0 ? "up" : "down",
                                                   diff < 0 ? -diff : diff, pct),
                           month_name(prev, lang), before);
    }
    return fmt::format("Permohonan diterima: {}, {} {} ({}).", now,
                       diff == 0 ? "sama dengan"
                                 : fmt::format("{} {}{} dibanding", diff > 0 ? "naik" : "turun",
                                               diff < 0 ? -diff : diff, pct),
                       month_name(prev, lang), before);
}

// The widest a service's or agency's name is shown on a terminal.
constexpr std::size_t k_name_width = 32;

// The human rows as a table for output.cpp's engine: the name, then the figures right-aligned.
Table human_table(const PeriodReport& r, const std::string& lang)
{
    Table t;
    // names before codes: on a narrow terminal the code is the first to go
    t.columns.push_back({"code", "Kode", "Code", CellKind::code, true, 1});
    t.columns.push_back({"name", "Instansi / layanan", "Agency / service", CellKind::free_text});
    const auto shown = human_columns(r);
    for (std::size_t i = 0; i < figure_columns().size(); ++i)
    {
        const FigureColumn& c = figure_columns()[i];
        if (shown[i])
        {
            Column column{c.key, c.id, c.en, cell_kind(c)};
            column.drop_rank = c.drop_rank;
            t.columns.push_back(std::move(column));
        }
    }
    for (const HumanRow& row : report_human_rows(r, lang))
    {
        t.rows.emplace_back(row.cells.begin(), row.cells.end());
        // a long name is cut so that the figures, not the name, decide what fits the terminal
        t.rows.back()[0] = truncate_to_width(row.cells[0], k_name_width);
        t.rows.back().insert(t.rows.back().begin(), row.code);
    }
    return t;
}

void render_markdown_table(std::ostream& out, const PeriodReport& r, const std::string& lang)
{
    const auto header = report_human_labels(r, lang);
    out << "| " << (lang == "en" ? "Code" : "Kode") << " | " << join(header, " | ")
        << " |\n|---|---";
    const auto shown = human_columns(r);
    for (std::size_t i = 0; i < figure_columns().size(); ++i)
    {
        if (shown[i]) // numbers right-aligned, a grade left like the names
        {
            out << (figure_columns()[i].kind == FigureKind::text ? "|---" : "|---:");
        }
    }
    out << "|\n";
    for (const HumanRow& row : report_human_rows(r, lang))
    {
        const std::string first = trim(row.cells[0]);
        out << "| " << row.code << " | " << (row.strong ? "**" + first + "**" : first);
        for (std::size_t i = 1; i < row.cells.size(); ++i)
        {
            out << " | " << row.cells[i];
        }
        out << " |\n";
    }
}

void render_text(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    const bool md = s.format == "markdown";
    write_header_lines(out, report_header_lines(r, s), md);
    write_people_before(out, r, s);
    if (md)
    {
        render_markdown_table(out, r, s.lang);
        write_people_after(out, r, s);
        return;
    }
    RenderOptions o;
    o.lang = s.lang;
    o.width = s.width;
    o.upper_labels = false;
    const auto left_out = render_table(out, human_table(r, s.lang), o);
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
    write_people_after(out, r, s);
}

} // namespace

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

std::vector<std::string> report_header_lines(const PeriodReport& r, const ReportStyle& s)
{
    const bool en = s.lang == "en";
    std::vector<std::string> lines;
    lines.push_back(report_title(r, s));
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
    // With the headline box the comparison with the previous month is part of it.
    if (const std::string c = comparison(r, s.lang); !c.empty() && !r.headline)
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

std::vector<HumanRow> report_human_rows(const PeriodReport& r, const std::string& lang)
{
    std::vector<HumanRow> rows;
    const auto shown = human_columns(r);
    auto add = [&](const std::string& code, const std::string& label, const Figures& f,
                   bool strong)
    {
        HumanRow row{{label}, strong, code};
        const auto cells = figure_cells(f, r.grades);
        for (std::size_t i = 0; i < cells.size(); ++i)
        {
            const FigureKind kind = figure_columns()[i].kind;
            if (!shown[i])
            {
                continue;
            }
            row.cells.push_back(kind == FigureKind::text
                                    ? cells[i].value_or("")
                                    : human_number(cells[i], kind == FigureKind::money, lang));
        }
        rows.push_back(std::move(row));
    };
    for (const AgencyLine& a : r.agencies)
    {
        for (const ServiceLine& s : a.services)
        {
            add(s.code, "  " + s.name, s.figures, false);
        }
        add(a.code, (lang == "en" ? "Subtotal " : "Jumlah ") + a.name, a.totals, true);
    }
    if (r.agency) // one agency's report: its subtotal closes it
    {
        return rows;
    }
    if (r.mpp_itself.any())
    {
        add("", lang == "en" ? "MPP itself (complaints)" : "MPP sendiri (pengaduan)",
            r.mpp_itself, true);
    }
    add("", lang == "en" ? "TOTAL MPP" : "JUMLAH MPP", r.totals, true);
    return rows;
}

std::vector<std::string> report_human_labels(const PeriodReport& r, const std::string& lang)
{
    std::vector<std::string> labels = {lang == "en" ? "Agency / service" : "Instansi / layanan"};
    const auto shown = human_columns(r);
    for (std::size_t i = 0; i < figure_columns().size(); ++i)
    {
        if (shown[i])
        {
            labels.push_back(lang == "en" ? figure_columns()[i].en : figure_columns()[i].id);
        }
    }
    return labels;
}

std::vector<bool> report_human_measures(const PeriodReport& r)
{
    std::vector<bool> measures;
    const auto shown = human_columns(r);
    for (std::size_t i = 0; i < figure_columns().size(); ++i)
    {
        if (shown[i])
        {
            measures.push_back(figure_columns()[i].when_recorded);
        }
    }
    return measures;
}

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

std::vector<Column> report_row_columns()
{
    return {{"level", "Tingkat", "Level", CellKind::code},
            {"agency_code", "Kode instansi", "Agency code", CellKind::code},
            {"agency_name", "Instansi", "Agency", CellKind::free_text},
            {"service_code", "Kode layanan", "Service code", CellKind::code},
            {"service_name", "Layanan", "Service", CellKind::free_text}};
}

Table report_table(const PeriodReport& r)
{
    Table t;
    t.columns = report_row_columns();
    for (const auto& c : figure_columns())
    {
        t.columns.push_back({c.key, c.id, c.en, cell_kind(c)});
    }
    t.columns.push_back(
        {"received_counter", "Diterima di loket", "Received at counter", CellKind::integer});
    t.columns.push_back(
        {"received_online", "Diterima daring", "Received online", CellKind::integer});
    t.columns.push_back(
        {"received_outreach", "Diterima jemput bola", "Received by outreach", CellKind::integer});
    auto add = [&](const char* level, const Cell& ac, const Cell& an, const Cell& sc,
                   const Cell& sn, const Figures& f)
    {
        std::vector<Cell> row = {std::string(level), ac, an, sc, sn};
        for (auto& cell : figure_cells(f, r.grades))
        {
            row.push_back(std::move(cell));
        }
        for (auto& cell : channel_cells(f))
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
    if (r.mpp_itself.any())
    {
        add("mpp", std::nullopt, std::nullopt, std::nullopt, std::nullopt, r.mpp_itself);
    }
    if (!r.agency)
    {
        add("total", std::nullopt, std::nullopt, std::nullopt, std::nullopt, r.totals);
    }
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
            << ",\"name\":" << json_quote(a.name) << ",\"totals\":{" << figures_json(a.totals, r.grades)
            << "},\"services\":[";
        for (std::size_t k = 0; k < a.services.size(); ++k)
        {
            const ServiceLine& s = a.services[k];
            out << (k ? "," : "") << "{\"code\":" << json_quote(s.code)
                << ",\"name\":" << json_quote(s.name) << "," << figures_json(s.figures, r.grades) << "}";
        }
        out << "]}";
    }
    out << "],\"mpp_itself\":"
        << (r.mpp_itself.any() ? "{" + figures_json(r.mpp_itself, r.grades) + "}" : "null")
        << ",\"totals\":{" << figures_json(r.totals, r.grades) << "}" << people_json(r) << "}\n";
    return out.str();
}

void write_header_lines(std::ostream& out, const std::vector<std::string>& lines, bool markdown)
{
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        out << (markdown ? (i == 0 ? "# " : "- ") : "") << lines[i] << '\n';
    }
    out << '\n';
}

void write_in_format(std::ostream& out, const ReportStyle& s, const ReportWriters& w)
{
    if (s.format == "json")
    {
        out << w.json();
    }
    else if (s.format == "csv" || s.format == "tsv" || s.format == "ndjson")
    {
        RenderOptions o;
        o.format = s.format;
        o.bom = s.bom;
        o.delimiter = s.delimiter;
        render_table(out, w.table(), o);
    }
    else if (s.format == "html")
    {
        w.html(out);
    }
    else
    {
        w.text(out);
    }
}

void render_report(std::ostream& out, const PeriodReport& r, const ReportStyle& s)
{
    write_in_format(out, s,
                    {[&] { return report_json(r); }, [&] { return report_table(r); },
                     [&](std::ostream& o) { render_report_html(o, r, s); },
                     [&](std::ostream& o) { render_text(o, r, s); }});
}

Table overdue_table(const std::vector<OverdueLine>& lines, UtcOffset offset, bool unmasked)
{
    Table t;
    t.columns = {{"reference", "Nomor", "Reference", CellKind::unchecked},
                 {"agency", "Instansi", "Agency", CellKind::code},
                 {"service", "Layanan", "Service", CellKind::code},
                 {"applicant_name", "Pemohon", "Applicant", CellKind::free_text},
                 {"nik", "NIK", "NIK", CellKind::code},
                 {"status", "Status", "Status", CellKind::code, true, 0, "status"},
                 {"submitted_at", "Diterima", "Submitted", CellKind::timestamp},
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
