// The tables of `visit list`: per day, agency and service, or the period figures of
// measures.md "Visits" per service, agency and the MPP (`--by`).
#include "mpp/error.hpp"
#include "mpp/report_measures.hpp"
#include "mpp/text.hpp"
#include "mpp/visit.hpp"
#include "mpp/workdays.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

Cell whole(const std::optional<int>& v)
{
    return v ? Cell(std::to_string(*v)) : std::nullopt;
}

// The figures every row shows, after its identifying cells.
void add_figures(std::vector<Cell>& row, const VisitSums& s)
{
    row.emplace_back(std::to_string(s.visits));
    row.emplace_back(std::to_string(s.served));
    row.emplace_back(std::to_string(s.no_show));
}

void add_times(std::vector<Cell>& row, const VisitSums& s)
{
    row.push_back(decimal_cell(s.wait_median()));
    row.push_back(whole(s.wait_p90()));
    row.push_back(decimal_cell(s.service_median()));
}

std::vector<Column> figure_columns()
{
    return {{"visits", "Kunjungan", "Visits", CellKind::integer},
            {"served", "Dilayani", "Served", CellKind::integer},
            {"no_show", "Tidak hadir", "No-show", CellKind::integer}};
}

std::vector<Column> time_columns()
{
    return {
        {"wait_median_min", "Median tunggu (mnt)", "Median wait (min)", CellKind::integer},
        {"wait_p90_min", "P90 tunggu (mnt)", "P90 wait (min)", CellKind::integer},
        {"service_median_min", "Median layanan (mnt)", "Median service (min)", CellKind::integer}};
}

// Codes of the filter checked against the catalogue (unknown: invalid data, exit 65).
void check_filter(SQLite::Database& db, const VisitFilter& f)
{
    const VisitCatalogue c = load_visit_catalogue(db);
    if (f.agency && !c.agencies.count(to_upper(*f.agency)))
    {
        throw code_not_found("agency", to_upper(*f.agency));
    }
    if (f.service && !c.services.count(to_upper(*f.service)))
    {
        throw code_not_found("service", to_upper(*f.service));
    }
}

bool selected(const VisitFilter& f, const MeasureGroup& g)
{
    return (!f.agency || to_upper(*f.agency) == g.agency_code) &&
           (!f.service || to_upper(*f.service) == g.service_code);
}

Table per_day_table(const std::map<std::pair<Date, MeasureGroup>, VisitSums>& sums,
                    const VisitFilter& f)
{
    Table t;
    t.columns = {{"day", "Tanggal", "Day", CellKind::code},
                 {"agency_code", "Instansi", "Agency", CellKind::code},
                 {"service_code", "Layanan", "Service", CellKind::code}};
    for (auto* more : {&figure_columns, &time_columns})
    {
        const auto columns = (*more)();
        t.columns.insert(t.columns.end(), columns.begin(), columns.end());
    }
    for (const auto& [where, s] : sums)
    {
        if (!selected(f, where.second) || (f.limit && std::ssize(t.rows) >= *f.limit))
        {
            continue;
        }
        std::vector<Cell> row{format_date(where.first), where.second.agency_code,
                              where.second.service_code.empty() ? Cell()
                                                                : Cell(where.second.service_code)};
        add_figures(row, s);
        add_times(row, s);
        t.rows.push_back(std::move(row));
    }
    return t;
}

// One row of the period figures.
std::vector<Cell> period_row(const char* level, const MeasureGroup& g, const VisitSums& s,
                             int working_days)
{
    std::vector<Cell> row{level, g.agency_code.empty() ? Cell() : Cell(g.agency_code),
                          g.service_code.empty() ? Cell() : Cell(g.service_code)};
    add_figures(row, s);
    row.push_back(decimal_cell(s.per_working_day(working_days)));
    const auto busiest = s.busiest_day();
    row.push_back(busiest ? Cell(format_date(*busiest)) : std::nullopt);
    add_times(row, s);
    return row;
}

std::vector<Column> period_columns()
{
    std::vector<Column> columns = {{"level", "Tingkat", "Level", CellKind::code, true, 0, "level"},
                                   {"agency_code", "Instansi", "Agency", CellKind::code},
                                   {"service_code", "Layanan", "Service", CellKind::code}};
    const auto figures = figure_columns();
    columns.insert(columns.end(), figures.begin(), figures.end());
    columns.push_back(
        {"visits_per_working_day", "Per hari kerja", "Per working day", CellKind::integer});
    columns.push_back({"busiest_day", "Hari tersibuk", "Busiest day", CellKind::code});
    const auto times = time_columns();
    columns.insert(columns.end(), times.begin(), times.end());
    return columns;
}

Table period_table(const std::map<MeasureGroup, VisitSums>& sums, const VisitFilter& f,
                   int working_days)
{
    Table t;
    t.columns = period_columns();
    std::map<std::string, VisitSums> agencies;
    VisitSums mpp;
    for (const auto& [g, s] : sums)
    {
        agencies[g.agency_code].add(s);
        mpp.add(s);
    }
    for (const auto& [agency, total] : agencies)
    {
        for (auto it = sums.lower_bound({agency, ""});
             f.by == "service" && it != sums.end() && it->first.agency_code == agency; ++it)
        {
            if (!it->first.service_code.empty()) // a visit without a service: its agency only
            {
                t.rows.push_back(period_row("service", it->first, it->second, working_days));
            }
        }
        if (f.by != "mpp")
        {
            t.rows.push_back(period_row("agency", {agency, ""}, total, working_days));
        }
    }
    t.rows.push_back(period_row("total", {}, mpp, working_days));
    if (f.limit && std::ssize(t.rows) > *f.limit)
    {
        t.rows.resize(static_cast<std::size_t>(*f.limit));
    }
    return t;
}

} // namespace

Table visit_table(SQLite::Database& db, const WorkCalendar& calendar, const VisitFilter& f)
{
    if (!f.by.empty() && f.by != "service" && f.by != "agency" && f.by != "mpp")
    {
        throw Error(ErrorKind::usage, fmt::format("--by '{}': expected service, agency or mpp",
                                                  escape_controls(f.by)));
    }
    if (!f.by.empty() && (!f.from || !f.to))
    {
        throw Error(ErrorKind::usage, "--by needs the period: --from and --to",
                    "give both, e.g. mpp visit list --by agency --from 2022-10-01 --to "
                    "2022-10-31");
    }
    check_filter(db, f);
    const auto days = visit_day_sums(db, f.from.value_or(*make_date(2000, 1, 1)),
                                     f.to.value_or(*make_date(2099, 12, 31)));
    if (f.by.empty())
    {
        return per_day_table(days, f);
    }
    std::map<MeasureGroup, VisitSums> sums;
    for (const auto& [where, s] : days)
    {
        if (selected(f, where.second))
        {
            sums[where.second].add(s);
        }
    }
    const int working_days = calendar.workdays(Date{f.from->days - 1}, *f.to);
    return period_table(sums, f, working_days);
}

} // namespace mpp
