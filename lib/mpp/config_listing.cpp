#include "mpp/config_listing.hpp"

#include "mpp/db.hpp"
#include "mpp/error.hpp"
#include "mpp/settings.hpp"

namespace mpp
{

const char* scope_name(SettingScope scope)
{
    switch (scope)
    {
    case SettingScope::database:
        return "database";
    case SettingScope::db_init:
        return "db_init";
    case SettingScope::run:
        break;
    }
    return "run";
}

DatabaseSettingsView read_database_settings(const std::string& path, int busy_timeout_ms)
{
    DatabaseSettingsView view;
    try
    {
        Database db(path, busy_timeout_ms);
        view.settings = database_settings(db.sql());
    }
    catch (const Error& e)
    {
        view.problem = e.hint().empty() ? e.what() : std::string(e.what()) + " (" + e.hint() + ")";
    }
    catch (const SQLite::Exception& e)
    {
        view.problem = from_sqlite(e).what();
    }
    return view;
}

std::vector<ListedSetting> config_listing(const Settings& run, const DatabaseSettingsView& db)
{
    std::vector<ListedSetting> out;
    std::vector<ListedSetting> init_defaults;
    for (const Setting& s : run.listing)
    {
        if (s.key.rfind("office.", 0) != 0)
        {
            out.push_back({s, SettingScope::run});
        }
        else if (db.problem || s.source != "default") // a database ignores them
        {
            init_defaults.push_back({s, SettingScope::db_init});
        }
    }
    for (const Setting& s : db.settings)
    {
        out.push_back({s, SettingScope::database});
    }
    out.insert(out.end(), init_defaults.begin(), init_defaults.end());
    return out;
}

} // namespace mpp
