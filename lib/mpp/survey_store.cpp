// The survey's tallies (schema 7 survey_tally): written with the responses, summed for any
// period by survey_sums, checked and rebuilt by `db check`; and the listing of `survey list`.
#include "mpp/survey.hpp"

#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace mpp
{
namespace
{

// The per-unsur columns of survey_tally: `s1, n1, …, s9, n9`.
std::string sum_columns(const char* sum_expr, const char* count_expr)
{
    std::vector<std::string> cols;
    for (int u = 1; u <= k_unsur; ++u)
    {
        cols.push_back(fmt::format(fmt::runtime(sum_expr), u));
        cols.push_back(fmt::format(fmt::runtime(count_expr), u));
    }
    return join(cols, ", ");
}

// The tallies as the responses make them: (day, agency, service or 0) and the sums.
const std::string& recount_sql()
{
    static const std::string k_sql =
        "SELECT surveyed_on, agency_id, coalesce(service_id, 0), count(*), " +
        sum_columns("coalesce(sum(u{0}), 0)", "count(u{0})") +
        " FROM survey_response GROUP BY surveyed_on, agency_id, coalesce(service_id, 0)";
    return k_sql;
}

SurveySums sums_at(SQLite::Statement& st, int first)
{
    SurveySums s;
    s.respondents = st.getColumn(first).getInt64();
    for (std::size_t u = 0; u < k_unsur; ++u)
    {
        s.sum[u] = st.getColumn(first + 1 + 2 * static_cast<int>(u)).getInt64();
        s.answers[u] = st.getColumn(first + 2 + 2 * static_cast<int>(u)).getInt64();
    }
    return s;
}

bool same_sums(const SurveySums& a, const SurveySums& b)
{
    return a.respondents == b.respondents && a.sum == b.sum && a.answers == b.answers;
}

SurveyTally read_tally(SQLite::Database& db, const std::string& sql)
{
    SurveyTally out;
    SQLite::Statement st(db, sql);
    while (st.executeStep())
    {
        out[{stored_date(st.getColumn(0).getText()).days, st.getColumn(1).getInt64(),
             st.getColumn(2).getInt64()}] = sums_at(st, 3);
    }
    return out;
}

// The tallies without their all-zero rows (left by deletions, harmless); any other row counts.
SurveyTally drop_empty(const SurveyTally& tally)
{
    SurveyTally out;
    std::copy_if(tally.begin(), tally.end(), std::inserter(out, out.end()),
                 [](const auto& e) { return !same_sums(e.second, SurveySums{}); });
    return out;
}

// The code of an agency or service id, for messages (`#7` when it names nothing).
std::string code_of(SQLite::Database& db, const char* table, long long id)
{
    SQLite::Statement st(db, fmt::format("SELECT code FROM {} WHERE id = ?", table));
    st.bind(1, static_cast<std::int64_t>(id));
    return st.executeStep() ? st.getColumn(0).getString() : fmt::format("#{}", id);
}

} // namespace

void add_survey_tallies(SQLite::Database& db, const SurveyTally& tally)
{
    std::string updates = "respondents = respondents + excluded.respondents";
    std::string marks = "?, ?, ?, ?";
    for (int u = 1; u <= k_unsur; ++u)
    {
        updates += fmt::format(", s{0} = s{0} + excluded.s{0}, n{0} = n{0} + excluded.n{0}", u);
        marks += ", ?, ?";
    }
    SQLite::Statement st(db, "INSERT INTO survey_tally (day, agency_id, service_id, respondents, " +
                                 sum_columns("s{0}", "n{0}") + ") VALUES (" + marks +
                                 ") ON CONFLICT (day, agency_id, service_id) DO UPDATE SET " +
                                 updates);
    for (const auto& [key, s] : tally)
    {
        st.reset();
        st.bind(1, format_date(Date{std::get<0>(key)}));
        st.bind(2, static_cast<std::int64_t>(std::get<1>(key)));
        st.bind(3, static_cast<std::int64_t>(std::get<2>(key)));
        st.bind(4, static_cast<std::int64_t>(s.respondents));
        for (std::size_t u = 0; u < k_unsur; ++u)
        {
            st.bind(5 + 2 * static_cast<int>(u), static_cast<std::int64_t>(s.sum[u]));
            st.bind(6 + 2 * static_cast<int>(u), static_cast<std::int64_t>(s.answers[u]));
        }
        st.exec();
    }
}

std::map<MeasureGroup, SurveySums> survey_sums(SQLite::Database& db, Date from, Date to)
{
    std::map<MeasureGroup, SurveySums> out;
    SQLite::Statement st(db, "SELECT a.code, coalesce(s.code, ''), sum(t.respondents), " +
                                 sum_columns("sum(t.s{0})", "sum(t.n{0})") +
                                 " FROM survey_tally t JOIN agency a ON a.id = t.agency_id "
                                 "LEFT JOIN service s ON s.id = t.service_id WHERE t.day >= ? AND "
                                 "t.day <= ? GROUP BY t.agency_id, t.service_id");
    st.bind(1, format_date(from));
    st.bind(2, format_date(to));
    while (st.executeStep())
    {
        out[{st.getColumn(0).getString(), st.getColumn(1).getString()}].add(sums_at(st, 2));
    }
    return out;
}

std::vector<std::string> check_survey_tallies(SQLite::Database& db)
{
    const SurveyTally expected = read_tally(db, recount_sql());
    const SurveyTally all_stored = read_tally(db, "SELECT day, agency_id, service_id, respondents, " +
                                                  sum_columns("s{0}", "n{0}") +
                                                  " FROM survey_tally");
    const SurveyTally stored = drop_empty(all_stored);
    std::vector<std::string> out;
    auto differ = [&](const auto& key, const char* what)
    {
        if (out.size() < 20)
        {
            out.push_back(fmt::format("survey tallies: {} {} on {} {}",
                                      code_of(db, "agency", std::get<1>(key)),
                                      std::get<2>(key) ? code_of(db, "service", std::get<2>(key))
                                                       : std::string("(no service)"),
                                      format_date(Date{std::get<0>(key)}), what));
        }
    };
    for (const auto& [key, sums] : expected)
    {
        const auto it = stored.find(key);
        if (it == stored.end() || !same_sums(it->second, sums))
        {
            differ(key, "does not match its responses");
        }
    }
    for (const auto& [key, sums] : stored)
    {
        if (expected.find(key) == expected.end())
        {
            differ(key, "counts responses that are not stored");
        }
    }
    return out;
}

void rebuild_survey_tallies(SQLite::Database& db)
{
    db.exec("DELETE FROM survey_tally");
    add_survey_tallies(db, read_tally(db, recount_sql()));
}

namespace
{

// The id of a code in `table` (agency or service); a code that names nothing is exit 65.
long long id_of(SQLite::Database& db, const char* table, const std::string& code)
{
    SQLite::Statement st(db, fmt::format("SELECT id FROM {} WHERE code = ?", table));
    st.bind(1, to_upper(trim(code)));
    if (!st.executeStep())
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} '{}' not found (see: mpp {} list --all)", table,
                                escape_controls(code), table));
    }
    return st.getColumn(0).getInt64();
}

std::vector<Column> survey_columns()
{
    std::vector<Column> c = {{"id", "No", "ID", CellKind::integer},
                             {"surveyed_on", "Tanggal", "Date", CellKind::code},
                             {"agency", "Instansi", "Agency", CellKind::code},
                             {"service", "Layanan", "Service", CellKind::code}};
    for (int u = 1; u <= k_unsur; ++u)
    {
        c.push_back({fmt::format("u{}", u), fmt::format("U{}", u), fmt::format("U{}", u),
                     CellKind::integer});
    }
    c.push_back({"gender", "JK", "Gender", CellKind::code});
    c.push_back({"age", "Usia", "Age", CellKind::integer});
    c.push_back({"education", "Pendidikan", "Education", CellKind::free_text});
    c.push_back({"occupation", "Pekerjaan", "Occupation", CellKind::free_text});
    Column suggestion{"suggestion", "Saran", "Suggestion", CellKind::free_text};
    suggestion.drop_rank = 1;
    c.push_back(suggestion);
    return c;
}

} // namespace

Table survey_table(SQLite::Database& db, const SurveyFilter& f)
{
    const long long agency = f.agency ? id_of(db, "agency", *f.agency) : 0;
    const long long service = f.service ? id_of(db, "service", *f.service) : 0;
    SQLite::Statement st(
        db, "SELECT r.id, r.surveyed_on, a.code, s.code, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, "
            "r.u8, r.u9, r.gender, r.age, r.education, r.occupation, r.suggestion FROM "
            "survey_response r INDEXED BY survey_by_day JOIN agency a ON a.id = r.agency_id LEFT "
            "JOIN service s ON s.id = r.service_id WHERE r.surveyed_on >= ? AND r.surveyed_on <= ? "
            "AND (? = 0 OR r.agency_id = ?) AND (? = 0 OR r.service_id = ?) ORDER BY "
            "r.surveyed_on, r.id LIMIT ?");
    st.bind(1, f.from ? format_date(*f.from) : std::string("0000"));
    st.bind(2, f.to ? format_date(*f.to) : std::string("9999"));
    st.bind(3, static_cast<std::int64_t>(agency));
    st.bind(4, static_cast<std::int64_t>(agency));
    st.bind(5, static_cast<std::int64_t>(service));
    st.bind(6, static_cast<std::int64_t>(service));
    st.bind(7, static_cast<std::int64_t>(f.limit.value_or(-1)));
    Table t;
    t.columns = survey_columns();
    while (st.executeStep())
    {
        std::vector<Cell> row;
        for (int i = 0; i < 18; ++i)
        {
            row.push_back(column_text(st, i));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

} // namespace mpp
