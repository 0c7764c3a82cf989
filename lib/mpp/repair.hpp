#pragma once
// `db check`: what is wrong with a database, and the repair policy (what may be rebuilt).
#include "mpp/audit.hpp"
#include "mpp/db.hpp"

#include <string>
#include <vector>

namespace mpp
{

// The outcome of a check.
struct CheckResult
{
    std::vector<std::string> findings; // what is still wrong (empty: sound)
    bool repairable = false;           // the findings are derived data that repair rebuilds
    std::vector<std::string> rebuilt;  // what repair rebuilt (empty when nothing was)
};

// Check integrity, foreign keys and the report tallies. With `repair`, derived data that
// disagrees with the applications (the stored dates and report tallies) is rebuilt in one
// transaction with an audit row (action `repair`); damage to the records themselves is never
// "repaired" (restore a backup).
CheckResult check_and_repair(Database& db, const Actor& actor, bool repair);

} // namespace mpp
