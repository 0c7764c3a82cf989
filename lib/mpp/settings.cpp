#include "mpp/settings.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar_change.hpp"
#include "mpp/complaint.hpp"

#include "mpp/error.hpp"
#include "mpp/json.hpp"
#include "mpp/text.hpp"
#include "mpp/visit.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>
#include <fmt/format.h>
#include <regex>

namespace mpp
{
namespace
{

const std::vector<std::string> k_day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

[[noreturn]] void bad_value(const std::string& key, const std::string& value,
                            const std::string& expected)
{
    throw Error(ErrorKind::invalid_data,
                fmt::format("{}: '{}' is not valid ({})", key, escape_controls(value), expected));
}

std::vector<int> parse_workweek(const std::string& value)
{
    std::vector<int> days;
    for (const std::string& part : split_trimmed(to_lower(value), ","))
    {
        int found = 0;
        for (std::size_t i = 0; i < k_day_names.size(); ++i)
        {
            found = part == k_day_names[i] ? static_cast<int>(i) + 1 : found;
        }
        if (found == 0)
        {
            bad_value("calendar.workweek", value, "a list of mon,tue,wed,thu,fri,sat,sun");
        }
        if (std::find(days.begin(), days.end(), found) == days.end())
        {
            days.push_back(found);
        }
    }
    if (days.empty())
    {
        bad_value("calendar.workweek", value, "at least one working day");
    }
    std::sort(days.begin(), days.end());
    return days;
}

std::string normalize_template(const std::string& value)
{
    static const std::regex k_part(R"(\{([a-z_]+)(?::(\d+))?\})");
    static const std::vector<std::string> k_names = {"office", "agency", "service",  "yyyy",
                                                     "yy",     "mm",     "mm_roman", "seq"};
    int seqs = 0;
    for (auto it = std::sregex_iterator(value.begin(), value.end(), k_part);
         it != std::sregex_iterator(); ++it)
    {
        const std::string name = (*it)[1];
        if (std::find(k_names.begin(), k_names.end(), name) == k_names.end())
        {
            bad_value("reference.template", value, fmt::format("unknown part {{{}}}", name));
        }
        if (name == "seq")
        {
            if (!(*it)[2].matched || std::stoi((*it)[2]) < 1 || std::stoi((*it)[2]) > 12)
            {
                bad_value("reference.template", value, "{seq:N} needs a width N from 1 to 12");
            }
            ++seqs;
        }
    }
    if (seqs != 1)
    {
        bad_value("reference.template", value, "it must hold exactly one {seq:N}");
    }
    if (value.size() > 64 || has_control_chars(value))
    {
        bad_value("reference.template", value, "at most 64 printable characters");
    }
    return value;
}

// An IKM cut-off on the converted scale: 25.00 to 100.00, two decimals (`88,31` too).
std::string normalize_cutoff(const std::string& key, std::string value)
{
    std::replace(value.begin(), value.end(), ',', '.');
    static const std::regex k_number(R"([0-9]{1,3}(\.[0-9]{1,2})?)");
    if (!std::regex_match(value, k_number) || std::stod(value) < 25 || std::stod(value) > 100)
    {
        bad_value(key, value, "a converted IKM from 25.00 to 100.00, e.g. 88.31");
    }
    return fmt::format("{:.2f}", std::stod(value));
}

// The IKM cut-offs must keep A above B above C once `key` takes `value`.
void check_grade_order(SQLite::Database& db, const std::string& key,
                              const std::string& value)
{
    if (key.rfind("skm.grade_", 0) != 0)
    {
        return;
    }
    std::map<std::string, double> cut;
    for (const auto& [k, v] : list_settings(db))
    {
        cut[k] = k == key ? std::stod(value) : k.rfind("skm.grade_", 0) == 0 ? std::stod(v) : 0;
    }
    if (!(cut["skm.grade_a"] > cut["skm.grade_b"] && cut["skm.grade_b"] > cut["skm.grade_c"]))
    {
        bad_value(key, value,
                  fmt::format("the cut-offs must fall from A to C; now A {:.2f}, B {:.2f}, C {:.2f}",
                              cut["skm.grade_a"], cut["skm.grade_b"], cut["skm.grade_c"]));
    }
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& default_settings()
{
    static const std::vector<std::pair<std::string, std::string>> k_defaults = {
        {"office.name", "Mal Pelayanan Publik"},
        {"office.code", "MPP"},
        {"office.utc_offset", "+07:00"},
        {"calendar.workweek", "mon,tue,wed,thu,fri"},
        {"calendar.collective_leave_is_holiday", "true"},
        {"reference.template", "{office}-{yyyy}{mm}-{seq:06}"},
        {"complaint.sla_days", "5"},
        {"skm.grade_a", "88.31"},
        {"skm.grade_b", "76.61"},
        {"skm.grade_c", "65.00"},
        {"report.place", ""},
        {"report.signatory_title", ""},
        {"report.signatory_name", ""},
        {"report.signatory_nip", ""}};
    return k_defaults;
}

std::string normalize_setting(const std::string& key, const std::string& raw)
{
    std::string value = trim(raw);
    if (key == "office.name")
    {
        if (value.empty() || value.size() > 200 || has_control_chars(value))
        {
            bad_value(key, value, "1-200 printable characters");
        }
        return value;
    }
    if (key == "office.code")
    {
        static const std::regex k_code("[A-Z0-9]{2,10}");
        std::string upper = to_upper(value);
        if (!std::regex_match(upper, k_code))
        {
            bad_value(key, value, "2-10 letters or digits, e.g. KPG");
        }
        return upper;
    }
    if (key == "office.utc_offset")
    {
        try
        {
            return format_utc_offset(parse_utc_offset(value));
        }
        catch (const Error&)
        {
            bad_value(key, value, "+HH:MM, e.g. +08:00 for WITA");
        }
    }
    if (key == "calendar.workweek")
    {
        std::vector<std::string> names;
        for (const int d : parse_workweek(value))
        {
            names.push_back(k_day_names[static_cast<std::size_t>(d - 1)]);
        }
        return join(names, ",");
    }
    if (key == "calendar.collective_leave_is_holiday")
    {
        const std::string lower = to_lower(value);
        if (lower == "true" || lower == "yes" || lower == "1" || lower == "ya")
        {
            return "true";
        }
        if (lower == "false" || lower == "no" || lower == "0" || lower == "tidak")
        {
            return "false";
        }
        bad_value(key, value, "true or false");
    }
    if (key == "reference.template")
    {
        return normalize_template(value);
    }
    if (key == "complaint.sla_days")
    {
        static const std::regex k_days("[0-9]{1,3}");
        if (!std::regex_match(value, k_days) || std::stoi(value) > 365)
        {
            bad_value(key, value, "a whole number of working days from 0 to 365");
        }
        return std::to_string(std::stoi(value));
    }
    if (key == "report.place" || key == "report.signatory_title" ||
        key == "report.signatory_name" || key == "report.signatory_nip")
    {
        // Free text under a printed report; empty leaves it out.
        if (value.size() > 200 || has_control_chars(value))
        {
            bad_value(key, value, "at most 200 printable characters (empty: not set)");
        }
        return value;
    }
    if (key.rfind("skm.grade_", 0) == 0 && key.size() == 11 && key[10] >= 'a' && key[10] <= 'c')
    {
        return normalize_cutoff(key, value);
    }
    std::vector<std::string> keys;
    for (const auto& kv : default_settings())
    {
        keys.push_back(kv.first);
    }
    const auto guess = closest_match(key, keys);
    throw Error(ErrorKind::usage,
                fmt::format("unknown setting '{}'{}", escape_controls(key),
                            guess ? fmt::format(" (did you mean '{}'?)", *guess) : std::string()),
                "the settings are: " + join(keys, ", "));
}

std::vector<Setting> database_settings(SQLite::Database& db)
{
    std::vector<Setting> out;
    SQLite::Statement st(db, "SELECT value FROM setting WHERE key = ?");
    for (const auto& [key, fallback] : default_settings())
    {
        st.reset();
        st.bind(1, key);
        const bool stored = st.executeStep();
        const char* source = stored ? "database" : "default";
        out.push_back({key, stored ? st.getColumn(0).getString() : fallback, source, source});
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> list_settings(SQLite::Database& db)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const Setting& s : database_settings(db))
    {
        out.emplace_back(s.key, s.value);
    }
    return out;
}

std::string settings_json(SQLite::Database& db)
{
    JsonObject obj;
    for (const auto& [key, value] : list_settings(db))
    {
        obj.add(key, std::optional<std::string>(value));
    }
    return obj.str();
}

OfficeSettings load_office_settings(SQLite::Database& db)
{
    OfficeSettings s;
    for (const auto& [key, value] : list_settings(db))
    {
        if (key == "office.name")
        {
            s.name = value;
        }
        else if (key == "office.code")
        {
            s.code = value;
        }
        else if (key == "office.utc_offset")
        {
            s.offset = parse_utc_offset(value);
        }
        else if (key == "calendar.workweek")
        {
            s.workweek = parse_workweek(value);
        }
        else if (key == "calendar.collective_leave_is_holiday")
        {
            s.collective_leave_is_holiday = value == "true";
        }
        else if (key == "reference.template")
        {
            s.reference_template = value;
        }
        else if (key == "complaint.sla_days")
        {
            s.complaint_sla_days = std::stoi(value);
        }
        else if (key.rfind("report.", 0) == 0)
        {
            s.signature[key.substr(7)] = value;
        }
        else if (key.rfind("skm.grade_", 0) == 0)
        {
            double& cut = key == "skm.grade_a" ? s.skm_grades.a
                          : key == "skm.grade_b" ? s.skm_grades.b : s.skm_grades.c;
            cut = std::stod(value);
        }
    }
    return s;
}

bool set_setting(SQLite::Database& db, const Actor& actor, const std::string& key,
                 const std::string& value)
{
    const std::string normalized = normalize_setting(key, value);
    std::string old;
    for (const auto& [k, v] : list_settings(db))
    {
        old = k == key ? v : old;
    }
    if (old == normalized)
    {
        return false;
    }
    check_grade_order(db, key, normalized);
    const bool moves_dates = key.rfind("calendar.", 0) == 0 || key == "office.utc_offset";
    const std::optional<CalendarState> before =
        moves_dates ? std::optional<CalendarState>(calendar_state(db)) : std::nullopt;
    SQLite::Statement st(db, "INSERT INTO setting (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind(1, key);
    st.bind(2, normalized);
    st.exec();
    const std::string detail = JsonObject()
                                   .add("from", std::optional<std::string>(old))
                                   .add("to", std::optional<std::string>(normalized))
                                   .str();
    append_audit(db, actor, AuditEntry{"setting", "setting", key, detail, std::nullopt});
    if (before)
    {
        refresh_after_change(db, *before); // local dates, due dates and tallies follow
    }
    if (key == "office.utc_offset")
    {
        refresh_visit_days(db); // a ticket's local day follows its taken_at
        refresh_complaint_dates(db); // received_on and closed_on are local dates
    }
    return true;
}

} // namespace mpp
