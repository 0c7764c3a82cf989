#pragma once
// What `mpp config show` lists: this run's settings, the database's own settings beside them,
// and the office defaults that only `mpp db init` reads, each labelled by where it comes from.
#include "mpp/config.hpp"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// Which settings a listed value belongs to.
enum class SettingScope
{
    run,      // this command's (database path, format, language, operator)
    database, // the office's, stored in the database (`mpp db set`)
    db_init   // the defaults a new database starts from (`mpp db init` only)
};

// One row of `config show`.
struct ListedSetting
{
    Setting setting;
    SettingScope scope = SettingScope::run;
};

// The word for a scope in machine formats: run, database or db_init.
const char* scope_name(SettingScope scope);

// The database's settings, or why they cannot be read.
struct DatabaseSettingsView
{
    std::vector<Setting> settings;
    std::optional<std::string> problem; // one line: it does not exist, is not mpp's, …
};

// Open the database at `path` (never creating it) and read its settings.
DatabaseSettingsView read_database_settings(const std::string& path, int busy_timeout_ms);

// The rows of `config show`: this run's settings; the database's (unless it has a problem);
// then the office defaults of `db init` from the config file (all of them, defaults too, when
// the database cannot be read).
std::vector<ListedSetting> config_listing(const Settings& run, const DatabaseSettingsView& db);

} // namespace mpp
