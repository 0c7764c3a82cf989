#include "mpp/spelling.hpp"

namespace mpp
{
namespace
{

std::string select_one(const char* table, const char* column, const char* where)
{
    return std::string("SELECT 1 FROM ") + table + " WHERE " + column + where;
}

// The spellings of one character: an ASCII letter in upper and lower case, else itself.
std::string both_cases(char c)
{
    if (c >= 'a' && c <= 'z')
    {
        return {static_cast<char>(c - 'a' + 'A'), c};
    }
    if (c >= 'A' && c <= 'Z')
    {
        return {c, static_cast<char>(c - 'A' + 'a')};
    }
    return {c};
}

} // namespace

CaseWalk::CaseWalk(SQLite::Database& db, const char* table, const char* column)
    : m_db(db),
      m_bounded(db, select_one(table, column,
                               (std::string(" >= ?1 AND ") + column + " < ?2 LIMIT 1").c_str())),
      m_open_ended(db, select_one(table, column, " >= ?1 LIMIT 1")),
      m_exact(db, select_one(table, column, " = ?1"))
{
}

bool CaseWalk::any_starting(const std::string& prefix)
{
    SQLite::Statement& probe = bind_prefix_range(m_bounded, m_open_ended, prefix);
    const bool any = probe.executeStep();
    probe.reset();
    return any;
}

std::vector<std::string> CaseWalk::prefixes(std::string_view prefix)
{
    std::vector<std::string> kept{""};
    for (const char c : prefix)
    {
        std::vector<std::string> next;
        for (const std::string& p : kept)
        {
            for (const char spelling : both_cases(c))
            {
                std::string longer = p + spelling;
                if (any_starting(longer))
                {
                    next.push_back(std::move(longer));
                }
            }
        }
        kept = std::move(next);
    }
    return kept; // in order: upper before lower at each letter, and branches never cross
}

std::vector<std::string> CaseWalk::spellings(std::string_view text)
{
    std::vector<std::string> found;
    for (std::string& p : prefixes(text))
    {
        m_exact.reset();
        m_exact.bind(1, p);
        if (m_exact.executeStep())
        {
            found.push_back(std::move(p));
        }
        m_exact.reset();
    }
    return found;
}

std::vector<std::string> CaseWalk::plans()
{
    std::vector<std::string> details;
    for (const SQLite::Statement* probe : {&m_bounded, &m_open_ended, &m_exact})
    {
        SQLite::Statement plan(m_db, "EXPLAIN QUERY PLAN " + probe->getQuery());
        while (plan.executeStep())
        {
            details.push_back(plan.getColumn(3).getString());
        }
    }
    return details;
}

std::string prefix_successor(std::string prefix)
{
    while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF)
    {
        prefix.pop_back();
    }
    if (!prefix.empty())
    {
        prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    }
    return prefix;
}

SQLite::Statement& bind_prefix_range(SQLite::Statement& bounded, SQLite::Statement& open_ended,
                                     const std::string& prefix)
{
    const std::string end = prefix_successor(prefix);
    SQLite::Statement& query = end.empty() ? open_ended : bounded;
    query.reset();
    query.bind(1, prefix);
    if (!end.empty())
    {
        query.bind(2, end);
    }
    return query;
}

} // namespace mpp
