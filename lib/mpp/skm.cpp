// `report skm`: the SKM figures per service, agency and the MPP from the tallies of a period,
// the population of the Krejcie–Morgan check, and the respondent profile.
#include "mpp/skm.hpp"

#include "mpp/error.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace mpp
{
namespace
{

[[noreturn]] void bad_period(const std::string& text)
{
    throw Error(ErrorKind::usage, fmt::format("--period '{}': not a period", escape_controls(text)),
                "give a year (2025), a semester (2025-S1, 2025-S2), a quarter (2025-Q1 … "
                "2025-Q4), a month (2025-06), or --from and --to");
}

// The first and last day of months m1..m2 of a year.
std::pair<Date, Date> months(int year, int m1, int m2)
{
    const Date first = *make_date(year, m1, 1);
    const Date next = m2 == 12 ? *make_date(year + 1, 1, 1) : *make_date(year, m2 + 1, 1);
    return {first, Date{next.days - 1}};
}

// Population of each group: applications received (by service code) and visits (by agency
// and service code, "" for visits without a service) over the period.
struct Population
{
    std::map<std::string, long long> received; // service code
    std::map<MeasureGroup, long long> visits;

    long long of(const std::string& agency, const std::string& service,
                 const std::map<std::string, std::string>& agency_of) const
    {
        long long apps = 0;
        for (const auto& [code, n] : received)
        {
            const bool in = service.empty() ? (agency.empty() || agency_of.at(code) == agency)
                                            : code == service;
            apps += in ? n : 0;
        }
        if (apps > 0)
        {
            return apps;
        }
        long long seen = 0;
        for (const auto& [group, n] : visits)
        {
            const bool in = (agency.empty() || group.agency_code == agency) &&
                            (service.empty() || group.service_code == service);
            seen += in ? n : 0;
        }
        return seen;
    }
};

Population read_population(SQLite::Database& db, Date from, Date to)
{
    Population p;
    // Driven by service (CROSS JOIN keeps that order): a range of report_day's primary key
    // (service_id, day) per service, never a scan of every day of every service.
    SQLite::Statement apps(db, "SELECT s.code, sum(r.received) FROM service s CROSS JOIN "
                               "report_day r ON r.service_id = s.id AND r.day BETWEEN ? AND ? "
                               "GROUP BY s.id");
    apps.bind(1, format_date(from));
    apps.bind(2, format_date(to));
    while (apps.executeStep())
    {
        p.received[apps.getColumn(0).getString()] = apps.getColumn(1).getInt64();
    }
    // visit_tally is kept by `mpp visit`; its groups' visits are the fallback population.
    SQLite::Statement visits(db, "SELECT a.code, coalesce(s.code, ''), sum(v.visits) FROM "
                                 "visit_tally v JOIN agency a ON a.id = v.agency_id LEFT JOIN "
                                 "service s ON s.id = v.service_id WHERE v.day >= ? AND v.day <= ? "
                                 "GROUP BY v.agency_id, v.service_id");
    visits.bind(1, format_date(from));
    visits.bind(2, format_date(to));
    while (visits.executeStep())
    {
        p.visits[{visits.getColumn(0).getString(), visits.getColumn(1).getString()}] +=
            visits.getColumn(2).getInt64();
    }
    return p;
}

SkmProfile read_profile(SQLite::Database& db, Date from, Date to)
{
    SkmProfile p;
    SQLite::Statement st(db,
                         "SELECT gender, age, education, occupation FROM survey_response "
                         "INDEXED BY survey_by_day WHERE surveyed_on >= ? AND surveyed_on <= ?");
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    while (st.executeStep())
    {
        ++p.gender[st.getColumn(0).getString()];
        const bool aged = !st.getColumn(1).isNull();
        const long long age = st.getColumn(1).getInt64();
        const long long band = age < 20 ? 0 : std::min<long long>((age - 10) / 10, 5);
        ++p.age_bands[static_cast<std::size_t>(aged ? band : 6)];
        ++p.education[st.getColumn(2).getString()];
        ++p.occupation[st.getColumn(3).getString()];
    }
    return p;
}

// Each service's agency, and the names of agencies (`a:CODE`) and services (`s:CODE`).
void read_names(SQLite::Database& db, std::map<std::string, std::string>& agency_of,
                std::map<std::string, std::string>& names)
{
    SQLite::Statement st(db, "SELECT s.code, s.name, a.code, a.name FROM service s JOIN agency a "
                             "ON a.id = s.agency_id");
    while (st.executeStep())
    {
        agency_of[st.getColumn(0).getString()] = st.getColumn(2).getString();
        names["s:" + st.getColumn(0).getString()] = st.getColumn(1).getString();
    }
    SQLite::Statement ag(db, "SELECT code, name FROM agency");
    while (ag.executeStep())
    {
        names["a:" + ag.getColumn(0).getString()] = ag.getColumn(1).getString();
    }
}

} // namespace

std::pair<Date, Date> skm_period(const std::string& text)
{
    const std::string t = to_upper(trim(text));
    if (t.size() < 4 || t.find_first_not_of("0123456789", 0) < 4)
    {
        bad_period(text);
    }
    const int year = std::stoi(t.substr(0, 4));
    if (year < 2000 || year > 2099)
    {
        bad_period(text);
    }
    const std::string rest = t.substr(4);
    if (rest.empty())
    {
        return months(year, 1, 12);
    }
    if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'S' && (rest[2] == '1' || rest[2] == '2'))
    {
        return rest[2] == '1' ? months(year, 1, 6) : months(year, 7, 12);
    }
    if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4')
    {
        const int q = rest[2] - '0';
        return months(year, 3 * q - 2, 3 * q);
    }
    if (rest.size() == 3 && rest[0] == '-' && std::isdigit(static_cast<unsigned char>(rest[1])) &&
        std::isdigit(static_cast<unsigned char>(rest[2])))
    {
        const int m = std::stoi(rest.substr(1));
        if (m >= 1 && m <= 12)
        {
            return months(year, m, m);
        }
    }
    bad_period(text);
}

SkmReport build_skm_report(SQLite::Database& db, const OfficeSettings& office, Date from, Date to)
{
    SkmReport r{office.name, office.code, from, to, office.skm_grades, {}, {}};
    const std::map<MeasureGroup, SurveySums> sums = survey_sums(db, from, to);
    const Population population = read_population(db, from, to);
    std::map<std::string, std::string> agency_of; // service code -> agency code
    std::map<std::string, std::string> names;     // `a:` agency or `s:` service code -> name
    read_names(db, agency_of, names);
    SkmRow total{"total", "", "", "", "", {}, population.of("", "", agency_of)};
    std::optional<SkmRow> agency;
    auto close_agency = [&]
    {
        if (agency)
        {
            r.rows.push_back(*agency);
        }
    };
    for (const auto& [group, s] : sums) // by agency code, then service code ("" first)
    {
        if (!agency || agency->agency_code != group.agency_code)
        {
            close_agency();
            const std::string& code = group.agency_code;
            agency = SkmRow{
                "agency", code, names["a:" + code], "", "", {}, population.of(code, "", agency_of)};
        }
        agency->sums.add(s);
        total.sums.add(s);
        if (!group.service_code.empty())
        {
            const std::string& code = group.service_code;
            r.rows.push_back({"service", group.agency_code, agency->agency_name, code,
                              names["s:" + code], s,
                              population.of(group.agency_code, code, agency_of)});
        }
    }
    close_agency();
    r.rows.push_back(total);
    r.profile = read_profile(db, from, to);
    return r;
}

} // namespace mpp
