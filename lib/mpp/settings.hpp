#pragma once
// Office settings stored in the database (data.md): name, code, UTC offset, calendar, references.
#include "mpp/audit.hpp"
#include "mpp/config.hpp"
#include "mpp/datetime.hpp"
#include "mpp/measures.hpp"

#include <SQLiteCpp/Database.h>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mpp
{

// The settings every report and command must agree on.
struct OfficeSettings
{
    std::string name;
    std::string code;
    UtcOffset offset;
    std::vector<int> workweek; // ISO weekdays, 1 = Monday
    bool collective_leave_is_holiday = true;
    std::string reference_template;
    int complaint_sla_days = 5; // working days to settle a complaint (measures.md)
    SkmGrades skm_grades;       // IKM grade cut-offs (measures.md)
    // The signature under a printed report, by key without `report.` (place, signatory_title,
    // signatory_name, signatory_nip); empty when not set.
    std::map<std::string, std::string> signature;
};

// Every key with its built-in default, in display order.
const std::vector<std::pair<std::string, std::string>>& default_settings();

// The canonical form of a value for a key; throws Error(usage) for an unknown key and
// Error(invalid_data) for a bad value.
std::string normalize_setting(const std::string& key, const std::string& value);

// Every setting stored in the database, `database` when it has a row, else `default` (the
// built-in default applies), in display order.
std::vector<Setting> database_settings(SQLite::Database& db);

// The stored settings, in display order.
std::vector<std::pair<std::string, std::string>> list_settings(SQLite::Database& db);

// The stored settings as one JSON object (for the audit trail).
std::string settings_json(SQLite::Database& db);

// Load and parse the office settings.
OfficeSettings load_office_settings(SQLite::Database& db);

// Change one setting inside the caller's transaction; false when the value is already set.
bool set_setting(SQLite::Database& db, const Actor& actor, const std::string& key,
                 const std::string& value);

} // namespace mpp
