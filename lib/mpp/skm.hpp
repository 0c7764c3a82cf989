#pragma once
// `report skm` (measures.md "Satisfaction survey"): NRR per unsur, IKM, grade, weakest unsur and
// the Krejcie–Morgan check of the sample, per service, agency and the MPP, with the respondent
// profile; the table an MPP publishes each semester.
#include "mpp/measures.hpp"
#include "mpp/output.hpp"
#include "mpp/report_render.hpp"
#include "mpp/settings.hpp"

#include <SQLiteCpp/Database.h>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace mpp
{

// The first and last day of `2025`, `2025-S1`/`S2`, `2025-Q1`…`Q4` or `2025-06`; throws
// Error(usage) with a hint otherwise.
std::pair<Date, Date> skm_period(const std::string& text);

// One row: a service, an agency subtotal or the MPP total.
struct SkmRow
{
    std::string level; // service, agency, total
    std::string agency_code;
    std::string agency_name;
    std::string service_code;
    std::string service_name;
    SurveySums sums;
    long long population = 0; // applications received, else visits
};

// Counts of respondents by gender, age band, education and occupation.
struct SkmProfile
{
    std::map<std::string, long long> gender; // L, P, "" (not given)
    std::array<long long, 7> age_bands{}; // <20, 20–29, 30–39, 40–49, 50–59, ≥60, not given
    std::map<std::string, long long> education;
    std::map<std::string, long long> occupation;
};

// The report over F..L.
struct SkmReport
{
    std::string office_name;
    std::string office_code;
    Date from;
    Date to;
    SkmGrades grades;
    std::vector<SkmRow> rows; // each agency's services, then its subtotal; the total last
    SkmProfile profile;
};

// Build the report from survey_tally, report_day and visit_tally of the period, and the
// profile from the period's responses.
SkmReport build_skm_report(SQLite::Database& db, const OfficeSettings& office, Date from, Date to);

// The rows as a table under the CSV columns of measures.md (performance in Indonesian).
Table skm_table(const SkmReport& report);

// Write the report in the style's format (the choices of the monthly report's ReportStyle).
void render_skm(std::ostream& out, const SkmReport& report, const ReportStyle& style);

// The HTML document (skm_html.cpp): header lines, a bar chart of the MPP's nine NRRs, the
// table for people and the profile lines, printable on A4.
void render_skm_html(std::ostream& out, const SkmReport& report, const ReportStyle& style,
                     const Table& table, const std::vector<std::string>& header,
                     const std::vector<std::pair<std::string, std::string>>& profile);

} // namespace mpp
