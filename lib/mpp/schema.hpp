#pragma once
// The SQL migrations of schemas/, embedded at build time.
#include <string>
#include <vector>

namespace mpp
{

// One migration: applying it brings the schema to `version`.
struct Migration
{
    int version;
    const char* name;
    const char* sql;
};

// Every migration in order of version.
const std::vector<Migration>& migrations();

// The national holidays and cuti bersama shipped with mpp (CSV: date,kind,name), and its name.
const char* builtin_holidays_csv();
const char* builtin_holidays_name();

// The schema version this binary writes.
inline int latest_schema_version()
{
    return migrations().empty() ? 0 : migrations().back().version;
}

} // namespace mpp
