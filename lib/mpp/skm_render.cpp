// Writers of `report skm`: machine formats from one table (csv, tsv, json, ndjson), and for
// people (table, markdown, html) the figures by name, the respondent profile and, in HTML, a bar
// chart of the nine NRRs.
#include "mpp/json.hpp"
#include "mpp/report_html.hpp"
#include "mpp/report_measures.hpp"
#include "mpp/report_render.hpp"
#include "mpp/skm.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

// A figure rounded half away from zero at output (measures.md), with `places` decimals.
Cell rounded_cell(const std::optional<double>& v, int places)
{
    return decimal_cell(v ? std::optional<double>(round_to(*v, places)) : std::nullopt, places);
}

// Whether a figure column holds a number (right-aligned, written in the language's digits).
bool is_number_column(const std::string& key)
{
    return key != "name" && key != "grade" && key != "performance" && key != "weakest" &&
           key != "sample_ok";
}

// The figures of a row as machine cells, in the column order of skm_table; `lang` picks the
// performance label ("" for the Indonesian one of machine formats).
std::vector<Cell> figure_cells(const SkmRow& row, const SkmGrades& grades, bool en)
{
    const SurveySums& s = row.sums;
    std::vector<Cell> cells = {std::to_string(s.respondents)};
    for (int u = 0; u < k_unsur; ++u)
    {
        cells.push_back(rounded_cell(s.nrr(u), 2));
    }
    cells.push_back(rounded_cell(s.ikm(), 3));
    cells.push_back(rounded_cell(s.ikm_converted(), 2));
    const auto converted = s.ikm_converted();
    const Grade g = grade_of(converted.value_or(0), grades);
    cells.push_back(converted ? Cell(std::string(1, g.letter)) : std::nullopt);
    cells.push_back(converted ? Cell(en ? g.label_en : g.label_id) : std::nullopt);
    const auto weakest = s.weakest();
    cells.push_back(weakest ? Cell(fmt::format("u{}", *weakest + 1)) : std::nullopt);
    const long long minimum = krejcie_morgan(row.population);
    cells.push_back(std::to_string(row.population));
    cells.push_back(std::to_string(minimum));
    // With no service users recorded mpp does not know N: whether the sample is enough is unknown.
    cells.push_back(row.population == 0 ? Cell()
                    : s.respondents >= minimum ? Cell("true")
                                               : Cell("false"));
    return cells;
}

std::vector<Column> figure_columns()
{
    std::vector<Column> c = {{"respondents", "Responden", "Respondents", CellKind::integer}};
    for (int u = 1; u <= k_unsur; ++u)
    {
        c.push_back({fmt::format("nrr_u{}", u), fmt::format("U{}", u), fmt::format("U{}", u),
                     CellKind::integer});
    }
    c.push_back({"ikm", "IKM (1–4)", "IKM (1–4)", CellKind::integer});
    c.push_back({"ikm_converted", "Nilai IKM (25–100)", "IKM (25–100)", CellKind::integer});
    c.push_back({"grade", "Mutu", "Grade", CellKind::code});
    c.push_back({"performance", "Kinerja", "Performance", CellKind::code});
    c.push_back({"weakest", "Terlemah", "Weakest", CellKind::code});
    c.push_back({"population", "Populasi", "Population", CellKind::integer});
    c.push_back({"sample_min", "Sampel min.", "Min. sample", CellKind::integer});
    c.push_back({"sample_ok", "Sampel cukup", "Sample OK", CellKind::boolean});
    return c;
}

std::vector<std::string> header_lines(const SkmReport& r, const ReportStyle& s)
{
    const bool en = s.lang == "en";
    const auto cut = [&](double v)
    { return human_number(fmt::format("{:.2f}", v), false, s.lang); };
    std::vector<std::string> lines = {
        fmt::format("{} — {} ({})",
                    en ? "Public satisfaction survey (SKM)" : "Survei Kepuasan Masyarakat (SKM)",
                    r.office_name, r.office_code),
        fmt::format("{}: {} {} {}", en ? "Period" : "Periode", format_date(r.from),
                    en ? "to" : "s.d.", format_date(r.to)),
        fmt::format("{}: A ≥ {} · B ≥ {} · C ≥ {} · D", en ? "Grades" : "Mutu pelayanan",
                    cut(r.grades.a), cut(r.grades.b), cut(r.grades.c))};
    if (s.generated_at)
    {
        lines.push_back(fmt::format("{}: {}", en ? "Generated" : "Dibuat",
                                    format_local(*s.generated_at, s.offset)));
    }
    return lines;
}

// The rows for people: the name (services indented), then the figures in the language.
Table human_table(const SkmReport& r, const std::string& lang)
{
    const bool en = lang == "en";
    Table t;
    t.columns.push_back({"name", "Instansi / layanan", "Agency / service", CellKind::free_text});
    for (const Column& c : figure_columns())
    {
        t.columns.push_back({c.key, c.label_id, c.label_en, CellKind::code});
    }
    for (const SkmRow& row : r.rows)
    {
        const std::string name = row.level == "service"  ? "  " + row.service_name
                                 : row.level == "agency" ? row.agency_name
                                                         : (en ? "TOTAL MPP" : "JUMLAH MPP");
        std::vector<Cell> cells = {name};
        const auto figures = figure_cells(row, r.grades, en);
        for (std::size_t i = 0; i < figures.size(); ++i)
        {
            const Column& c = t.columns[i + 1];
            Cell text =
                is_number_column(c.key) ? Cell(human_number(figures[i], false, lang)) : figures[i];
            if (c.key == "sample_ok")
            {
                text = !figures[i]             ? (en ? "unknown" : "tidak diketahui")
                       : *figures[i] == "true" ? (en ? "yes" : "ya")
                                               : (en ? "no" : "tidak");
            }
            cells.push_back(text);
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

std::string counts_text(const std::map<std::string, long long>& counts, const std::string& none)
{
    std::vector<std::string> parts;
    for (const auto& [value, n] : counts)
    {
        parts.push_back(fmt::format("{} {}", value.empty() ? none : value, n));
    }
    return join(parts, " · ");
}

// The respondent profile as labelled lines.
std::vector<std::pair<std::string, std::string>> profile_lines(const SkmProfile& p,
                                                               const std::string& lang)
{
    const bool en = lang == "en";
    const std::string none = en ? "(not given)" : "(tidak diisi)";
    std::map<std::string, long long> gender;
    for (const auto& [g, n] : p.gender)
    {
        gender[g == "L"   ? (en ? "Male" : "Laki-laki")
               : g == "P" ? (en ? "Female" : "Perempuan")
                          : ""] += n;
    }
    static const char* k_bands[] = {"<20", "20–29", "30–39", "40–49", "50–59", "≥60"};
    std::vector<std::string> ages;
    for (std::size_t i = 0; i < 7; ++i)
    {
        if (i < 6 || p.age_bands[i] > 0)
        {
            ages.push_back(fmt::format("{} {}", i < 6 ? k_bands[i] : none.c_str(), p.age_bands[i]));
        }
    }
    return {{en ? "Gender" : "Jenis kelamin", counts_text(gender, none)},
            {en ? "Age" : "Usia", join(ages, " · ")},
            {en ? "Education" : "Pendidikan", counts_text(p.education, none)},
            {en ? "Occupation" : "Pekerjaan", counts_text(p.occupation, none)}};
}

void render_markdown(std::ostream& out, const Table& t, const std::string& lang)
{
    std::vector<std::string> labels;
    for (const Column& c : t.columns)
    {
        labels.push_back(lang == "en" ? c.label_en : c.label_id);
    }
    out << "| " << join(labels, " | ") << " |\n";
    for (const Column& c : t.columns)
    {
        out << (is_number_column(c.key) ? "|---:" : "|---");
    }
    out << "|\n";
    for (const auto& row : t.rows)
    {
        std::vector<std::string> cells;
        for (const Cell& c : row)
        {
            cells.push_back(trim(c.value_or("")));
        }
        out << "| " << join(cells, " | ") << " |\n";
    }
}

void render_text(std::ostream& out, const SkmReport& r, const ReportStyle& s)
{
    const bool md = s.format == "markdown";
    write_header_lines(out, header_lines(r, s), md);
    const Table t = human_table(r, s.lang);
    if (md)
    {
        render_markdown(out, t, s.lang);
    }
    else
    {
        RenderOptions o;
        o.lang = s.lang;
        o.width = s.width;
        o.upper_labels = false;
        render_table(out, t, o);
    }
    out << '\n'
        << (md ? "## " : "") << (s.lang == "en" ? "Respondents" : "Profil responden") << "\n\n";
    for (const auto& [label, text] : profile_lines(r.profile, s.lang))
    {
        out << (md ? "- " : "") << label << ": " << text << '\n';
    }
}

std::string skm_json(const SkmReport& r)
{
    const Table t = skm_table(r);
    std::string rows;
    for (std::size_t i = 0; i < t.rows.size(); ++i)
    {
        std::string row = json_row(t, i);
        row.pop_back(); // the raw sums pool exactly over periods, offices and monthly reports
        rows += (i ? "," : "") + row + ",\"survey_sums\":" + survey_sums_json(r.rows[i].sums) + "}";
    }
    return fmt::format(
        "{{\"office\":{},\"period\":{},\"grades\":{{\"a\":{:.2f},\"b\":{:.2f},\"c\":{:.2f}}},"
        "\"rows\":[{}]}}\n",
        JsonObject().add("name", r.office_name.c_str()).add("code", r.office_code.c_str()).str(),
        JsonObject()
            .add("from", format_date(r.from).c_str())
            .add("to", format_date(r.to).c_str())
            .str(),
        r.grades.a, r.grades.b, r.grades.c, rows);
}

} // namespace

Table skm_table(const SkmReport& r)
{
    Table t;
    t.columns = report_row_columns();
    for (Column& c : figure_columns())
    {
        t.columns.push_back(std::move(c));
    }
    const auto text = [](const std::string& v) { return v.empty() ? Cell() : Cell(v); };
    for (const SkmRow& row : r.rows)
    {
        std::vector<Cell> cells = {row.level, text(row.agency_code), text(row.agency_name),
                                   text(row.service_code), text(row.service_name)};
        for (Cell& c : figure_cells(row, r.grades, false))
        {
            cells.push_back(std::move(c));
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

void render_skm(std::ostream& out, const SkmReport& r, const ReportStyle& s)
{
    write_in_format(out, s,
                    {[&] { return skm_json(r); }, [&] { return skm_table(r); },
                     [&](std::ostream& o)
                     {
                         render_skm_html(o, r, s, human_table(r, s.lang), header_lines(r, s),
                                         profile_lines(r.profile, s.lang));
                     },
                     [&](std::ostream& o) { render_text(o, r, s); }});
}

} // namespace mpp
