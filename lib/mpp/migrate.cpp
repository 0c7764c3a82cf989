#include "mpp/migrate.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar.hpp"

#include <SQLiteCpp/Statement.h>

namespace mpp
{

MigrateResult migrate_mpp_database(const std::string& path, int busy_timeout_ms, const Actor& actor)
{
    // Schema 2 brought the calendar: fill it as db init would.
    auto seed = [&actor](Database& db, int from)
    {
        if (from < 2 && CalendarStore(db.sql()).list({}).empty())
        {
            load_builtin_holidays(db, actor);
        }
    };
    // Schema 4 brought the report tallies: computed from the applications in the same step.
    auto fill = [](SQLite::Database& db, int version)
    {
        if (version == 4 && SQLite::Statement(db, "SELECT 1 FROM application").executeStep())
        {
            refresh_application_dates(db);
        }
    };
    return migrate_database(path, busy_timeout_ms, actor, seed, fill);
}

} // namespace mpp
