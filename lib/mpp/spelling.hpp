#pragma once
// Texts in any case (references, codes): the spellings that are stored, found by a pruned walk
// over a column's unique index, letter by letter, never by a scan and with no extra index.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// The case walk over one indexed text column: at each letter it tries the upper and the lower
// case and keeps a branch only if some stored value starts with it (one index probe each).
class CaseWalk
{
  public:
    // Prepare the probes on `table`.`column` (names from code, never from input).
    CaseWalk(SQLite::Database& db, const char* table, const char* column);

    // The spellings of `prefix` (ASCII letters in either case) with which some stored value
    // starts, in order; {""} for an empty prefix.
    std::vector<std::string> prefixes(std::string_view prefix);

    // The stored values equal to `text` but for the case of ASCII letters, in order.
    std::vector<std::string> spellings(std::string_view text);

    // How the probes run (EXPLAIN QUERY PLAN details, one line each), to check they are indexed.
    std::vector<std::string> plans();

  private:
    bool any_starting(const std::string& prefix);

    SQLite::Database& m_db;
    SQLite::Statement m_bounded;
    SQLite::Statement m_open_ended;
    SQLite::Statement m_exact;
};

// The least text greater than every text that starts with `prefix` (empty: there is none).
std::string prefix_successor(std::string prefix);

// Of two statements over the texts starting with `prefix` (`bounded`: `col >= ?1 AND col < ?2`,
// `open_ended`: `col >= ?1`), the one that fits, reset with ?1 and, if bounded, ?2 bound.
SQLite::Statement& bind_prefix_range(SQLite::Statement& bounded, SQLite::Statement& open_ended,
                                     const std::string& prefix);

} // namespace mpp
