#include "mpp/report_measures.hpp"

#include "mpp/json.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

std::string array_json(const std::array<long long, k_unsur>& values)
{
    std::string out = "[";
    for (std::size_t u = 0; u < values.size(); ++u)
    {
        out += (u ? "," : "") + std::to_string(values[u]);
    }
    return out + "]";
}

Cell count_cell(long long value)
{
    return std::to_string(value);
}

} // namespace

Cell decimal_cell(const std::optional<double>& value, int places)
{
    return value ? Cell(fmt::format("{:.{}f}", *value, places)) : std::nullopt;
}

void measure_cells(std::vector<Cell>& cells, const Figures& f, const SkmGrades& grades)
{
    const bool visits = f.visits.records > 0;
    cells.push_back(visits ? count_cell(f.visits.visits) : std::nullopt);
    cells.push_back(visits ? count_cell(f.visits.served) : std::nullopt);
    cells.push_back(decimal_cell(f.visits.wait_median()));
    const auto ikm = f.survey.ikm_converted();
    cells.push_back(f.survey.respondents > 0 ? count_cell(f.survey.respondents) : std::nullopt);
    cells.push_back(decimal_cell(ikm, 2));
    cells.push_back(ikm ? Cell(std::string(1, grade_of(*ikm, grades).letter)) : std::nullopt);
    cells.push_back(f.has_complaints() ? count_cell(f.complaints.received) : std::nullopt);
    cells.push_back(f.has_complaints() ? count_cell(f.complaints.open) : std::nullopt);
}

std::string histogram_json(const std::map<int, long long>& histogram)
{
    JsonObject h;
    for (const auto& [value, count] : histogram)
    {
        h.add(std::to_string(value), static_cast<long long>(count));
    }
    return h.str();
}

std::string survey_sums_json(const SurveySums& s)
{
    return fmt::format("{{\"respondents\":{},\"sum\":{},\"answers\":{}}}", s.respondents,
                       array_json(s.sum), array_json(s.answers));
}

std::string measure_sums_json(const Figures& f)
{
    const VisitSums& v = f.visits;
    const ComplaintSums& c = f.complaints;
    return fmt::format(
        "\"visit_sums\":{{\"records\":{},\"visits\":{},\"served\":{},\"no_show\":{},"
        "\"wait_minutes\":{},\"service_minutes\":{}}},\"survey_sums\":{},"
        "\"complaint_sums\":{{\"received\":{},\"resolved\":{},\"rejected\":{},\"open\":{},"
        "\"on_time\":{},\"resolution_days\":{}}}",
        v.records, v.visits, v.served, v.no_show, histogram_json(v.wait_minutes),
        histogram_json(v.service_minutes), survey_sums_json(f.survey), c.received, c.resolved,
        c.rejected, c.open, c.on_time, histogram_json(c.resolution_days));
}

} // namespace mpp
