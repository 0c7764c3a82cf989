#include "mpp/completion.hpp"

#include "mpp/schema.hpp"
#include "mpp/spelling.hpp"
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
// stored spelling of the prefix, merged in order.
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
    for (const std::string& variant : CaseWalk(db, table, column).prefixes(prefix))
    {
        SQLite::Statement& query = bind_prefix_range(bounded, open_ended, variant);
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

// Open read-only; with no `-wal` beside it (no writer) as immutable through a URI, so that
// SQLite creates no `-wal` and `-shm` files that a read-only connection could not remove.
std::unique_ptr<SQLite::Database> open_read_only(const std::string& path)
{
    struct stat wal
    {
    };
    if (::stat((path + "-wal").c_str(), &wal) == 0)
    {
        return std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
    }
    return std::make_unique<SQLite::Database>(sqlite_file_uri(path) + "?mode=ro&immutable=1",
                                              SQLite::OPEN_READONLY | SQLite::OPEN_URI);
}

} // namespace

std::string sqlite_file_uri(const std::string& path)
{
    static const char* k_hex = "0123456789ABCDEF";
    std::string uri = path.rfind('/', 0) == 0 ? "file://" : "file:"; // an empty authority
    for (const char c : path)
    {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80)
        {
            uri += c;
        }
        else if (c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
        {
            uri += c;
        }
        else
        {
            uri += {'%', k_hex[u >> 4], k_hex[u & 0xF]};
        }
    }
    return uri;
}

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
        auto db = open_read_only(path);
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

} // namespace mpp
