#pragma once
// `mpp db migrate`: an older database brought to this binary's schema together with the data
// each new version derives (the calendar of schema 2, the report tallies of schema 4).
#include "mpp/db.hpp"

#include <string>

namespace mpp
{

// Back the database up, apply the missing migrations and derive what each one brings, each
// in its own transaction (all or nothing).
MigrateResult migrate_mpp_database(const std::string& path, int busy_timeout_ms,
                                   const Actor& actor);

} // namespace mpp
