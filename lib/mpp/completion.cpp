#include "mpp/completion.hpp"

#include "mpp/schema.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <sys/stat.h>

namespace mpp
{
namespace
{

// The values of `column` in `table` that start with `prefix` in any case: one index range per
// case variant of the prefix, merged in order.
std::vector<std::string> starting(SQLite::Database& db, const char* table, const char* column,
                                  const std::string& prefix, std::size_t limit)
{
    const std::string select =
        std::string("SELECT ") + column + " FROM " + table + " WHERE " + column + " >= ?1";
    const std::string order = std::string(" ORDER BY ") + column + " LIMIT ?3";
    // Both ends bound the index range (an `OR` would make the upper one a filter: a scan).
    SQLite::Statement bounded(db, select + " AND " + column + " < ?2" + order);
    SQLite::Statement open_ended(db, select + order);
    std::vector<std::string> found;
    for (const std::string& variant : case_variants(prefix))
    {
        const std::string end = prefix_successor(variant);
        SQLite::Statement& query = end.empty() ? open_ended : bounded;
        query.reset();
        query.bind(1, variant);
        if (!end.empty())
        {
            query.bind(2, end);
        }
        query.bind(3, static_cast<int64_t>(limit));
        while (query.executeStep())
        {
            found.push_back(query.getColumn(0).getString());
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    found.resize(std::min(found.size(), limit));
    return found;
}

} // namespace

std::unique_ptr<SQLite::Database> open_for_completion(const std::string& path)
{
    struct stat st
    {
    };
    if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    {
        return nullptr;
    }
    try
    {
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
        db->setBusyTimeout(0);
        const int version = db->execAndGet("PRAGMA user_version").getInt();
        return version == latest_schema_version() ? std::move(db) : nullptr;
    }
    catch (const std::exception&)
    {
        return nullptr;
    }
}

std::vector<std::string> agency_codes_starting(SQLite::Database& db, const std::string& prefix,
                                               std::size_t limit)
{
    return starting(db, "agency", "code", prefix, limit);
}

std::vector<std::string> service_codes_starting(SQLite::Database& db, const std::string& prefix,
                                                std::size_t limit)
{
    return starting(db, "service", "code", prefix, limit);
}

std::vector<std::string> references_starting(SQLite::Database& db, const std::string& prefix,
                                             std::size_t limit)
{
    return starting(db, "application", "reference", prefix, limit);
}

std::vector<std::string> case_variants(const std::string& prefix, std::size_t most)
{
    std::vector<std::string> variants{prefix};
    for (std::size_t i = 0; i < prefix.size() && variants.size() <= most; ++i)
    {
        const auto c = static_cast<unsigned char>(prefix[i]);
        if (std::isalpha(c) == 0 || c >= 0x80)
        {
            continue;
        }
        const std::size_t n = variants.size();
        for (std::size_t v = 0; v < n; ++v)
        {
            std::string other = variants[v];
            other[i] = static_cast<char>(std::islower(c) != 0 ? std::toupper(c) : std::tolower(c));
            variants.push_back(other);
        }
    }
    if (variants.size() > most)
    {
        variants = {prefix, to_upper(prefix), to_lower(prefix)};
    }
    std::sort(variants.begin(), variants.end());
    variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
    return variants;
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

} // namespace mpp
