#pragma once
// Look-ups for tab completion (`mpp __complete`): agency and service codes and application
// references that start with what was typed, read fast and read-only.
#include "mpp/spelling.hpp"

#include <SQLiteCpp/Database.h>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mpp
{

// The most candidates one look-up returns.
inline constexpr std::size_t k_completion_limit = 200;

// Open a database for completion: read-only, never created or migrated, without waiting for a
// lock; nullptr when it is missing, unreadable, locked or not of this binary's schema.
std::unique_ptr<SQLite::Database> open_for_completion(const std::string& path);

// A path as an SQLite `file:` URI: all but letters, digits and `/-._~` percent-encoded.
std::string sqlite_file_uri(const std::string& path);

// The agency codes that start with `prefix` in any case, in code order, at most `limit`.
std::vector<std::string> agency_codes_starting(SQLite::Database& db, const std::string& prefix,
                                               std::size_t limit = k_completion_limit);

// The service codes that start with `prefix` in any case, in code order, at most `limit`.
std::vector<std::string> service_codes_starting(SQLite::Database& db, const std::string& prefix,
                                                std::size_t limit = k_completion_limit);

// The application references (void ones too) that start with `prefix` in any case, in
// reference order, at most `limit`; found through the unique index, never by a scan.
std::vector<std::string> references_starting(SQLite::Database& db, const std::string& prefix,
                                             std::size_t limit = k_completion_limit);

} // namespace mpp
