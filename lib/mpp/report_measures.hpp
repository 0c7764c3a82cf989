#pragma once
// The measures.md part of a report row (visits, the SKM survey, complaints): its cells, empty
// where the office recorded nothing, and its raw sums as JSON, so that periods pool exactly.
#include "mpp/measures.hpp"
#include "mpp/output.hpp"
#include "mpp/report.hpp"

#include <map>
#include <string>
#include <vector>

namespace mpp
{

// A decimal figure with `places` decimals (half away from zero already applied), or empty.
Cell decimal_cell(const std::optional<double>& value, int places = 1);

// Append visits, served, wait_median_min, respondents, ikm_converted, grade,
// complaints_received and complaints_open: empty in a row without such data.
void measure_cells(std::vector<Cell>& cells, const Figures& figures, const SkmGrades& grades);

// `{"3":2,"10":1}`: value -> count.
std::string histogram_json(const std::map<int, long long>& histogram);

// `{"respondents":n,"sum":[…9],"answers":[…9]}`, the survey's raw sums in every report.
std::string survey_sums_json(const SurveySums& sums);

// `"visit_sums":{…},"survey_sums":{…},"complaint_sums":{…}`: the raw sums of a row.
std::string measure_sums_json(const Figures& figures);

} // namespace mpp
