#include "mpp/migrate.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar.hpp"
#include "mpp/calendar_change.hpp"
#include "mpp/schema.hpp"

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
    // Schema 4 brought the report tallies: computed from the applications in the last step (the
    // code that computes them reads the columns of the latest schema), also when an earlier
    // run stopped between the steps.
    auto fill = [](SQLite::Database& db, int version)
    {
        if (version == latest_schema_version() &&
            SQLite::Statement(db, "SELECT 1 FROM application").executeStep() &&
            !SQLite::Statement(db, "SELECT 1 FROM report_day").executeStep())
        {
            refresh_application_dates(db);
        }
    };
    return migrate_database(path, busy_timeout_ms, actor, seed, fill);
}

} // namespace mpp
