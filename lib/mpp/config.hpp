#pragma once
// Effective settings: command-line flag > environment > config file > built-in default.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mpp
{

// The process environment as a map, so tests can pass their own.
using Environment = std::map<std::string, std::string>;

// Settings given as command-line flags (absent when not given).
struct SettingFlags
{
    std::optional<std::string> db;
    std::optional<std::string> config;
    std::optional<std::string> format;
    std::optional<std::string> operator_name;
    std::optional<std::string> lang;
};

// One effective value and where it came from (`flag --db`, `env MPP_DB`, `config FILE`, `default`).
struct Setting
{
    std::string key;
    std::string value;
    std::string origin;
    std::string source; // the origin's kind: flag, env, config, default or database
};

// All effective settings.
struct Settings
{
    std::string config_file; // the file that was read, empty when none
    std::string database_path;
    int busy_timeout_ms = 5000;
    std::string output_format;
    std::string language;
    std::string operator_name;
    std::string office_name;
    std::string office_code;
    std::string office_utc_offset;
    std::vector<Setting> listing; // every key with its origin, in `config show` order
};

// The output formats of listing commands, and those of reports.
bool is_listing_format(const std::string& format);
bool is_report_format(const std::string& format);
// The output formats of listing commands, and those of reports, in display order.
const std::vector<std::string>& listing_formats();
const std::vector<std::string>& report_formats();
// The languages of human formats (--lang): id, en.
const std::vector<std::string>& languages();

// Resolve every setting; throws Error(config) for a bad file or value, Error(usage) for a bad flag.
Settings resolve_settings(const SettingFlags& flags, const Environment& env);

// The OS user running the process.
std::string os_user_name(const Environment& env);

} // namespace mpp
