#include "mpp/config.hpp"

#include "mpp/audit.hpp"
#include "mpp/datetime.hpp"
#include "mpp/error.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <fcntl.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

namespace mpp
{
namespace
{

const std::vector<std::string> k_listing_formats = {"table", "csv", "tsv", "json", "ndjson"};
const std::vector<std::string> k_report_formats = {"table",  "csv",      "tsv", "json",
                                                   "ndjson", "markdown", "html"};
const std::vector<std::string> k_languages = {"id", "en"};

bool file_exists(const std::string& path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0;
}

std::optional<std::string> env_get(const Environment& env, const std::string& name)
{
    const auto it = env.find(name);
    if (it == env.end() || it->second.empty())
    {
        return std::nullopt;
    }
    return it->second;
}

std::string home_dir(const Environment& env)
{
    if (auto home = env_get(env, "HOME"))
    {
        return *home;
    }
    if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_dir != nullptr)
    {
        return pw->pw_dir;
    }
    return "/";
}

// Values read from the config file, each with the place it stood.
struct FileValue
{
    std::string value;
    std::size_t line = 0;
    std::size_t column = 0;
};

using FileValues = std::map<std::string, FileValue>;

[[noreturn]] void config_error(const std::string& file, const toml::source_region& src,
                               const std::string& message)
{
    throw Error(ErrorKind::config,
                Place{file, static_cast<std::size_t>(src.begin.line),
                      static_cast<std::size_t>(src.begin.column)},
                message, "the keys are listed in mpp-config(5)");
}

void read_value(const std::string& file, const std::string& key, const toml::source_region& key_src,
                const toml::node& node, FileValues& out)
{
    static const std::map<std::string, bool> k_keys = {
        {"database.path", false}, {"database.busy_timeout_ms", true},
        {"output.format", false}, {"report.language", false},
        {"operator", false},      {"office.name", false},
        {"office.code", false},   {"office.utc_offset", false}};
    const auto it = k_keys.find(key);
    if (it == k_keys.end())
    {
        config_error(file, key_src, fmt::format("unknown key '{}'", key));
    }
    FileValue fv{"", static_cast<std::size_t>(node.source().begin.line),
                 static_cast<std::size_t>(node.source().begin.column)};
    if (it->second)
    {
        const auto* v = node.as_integer();
        if (v == nullptr || v->get() < 0 || v->get() > 3600000)
        {
            config_error(file, node.source(),
                         fmt::format("'{}' must be a whole number of milliseconds", key));
        }
        fv.value = std::to_string(v->get());
    }
    else
    {
        const auto* v = node.as_string();
        if (v == nullptr)
        {
            config_error(file, node.source(), fmt::format("'{}' must be a string", key));
        }
        fv.value = v->get();
    }
    out[key] = fv;
}

// toml++ 3.3 (Debian 12) reaches undefined behaviour on some non-ASCII characters where it
// looks for whitespace (upstream issues #190 and #295, fixed after 3.3). TOML allows non-ASCII
// text only inside strings and comments, so refuse it everywhere else, and after a line-ending
// backslash in a multi-line string, before the parser sees it.
void check_toml_text(const std::string& text, const std::string& file)
{
    if (const auto bad = invalid_utf8_at(text))
    {
        const std::string before = text.substr(0, *bad);
        const auto line =
            static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
        throw Error(ErrorKind::config, Place{file, line, 0}, "the file is not valid UTF-8");
    }
    enum class State
    {
        plain,
        comment,
        basic,
        literal,
        multi_basic,
        multi_literal
    };
    State state = State::plain;
    bool continuation = false; // after a line-ending backslash in a multi-line basic string
    std::size_t line = 1;
    std::size_t column = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        ++column;
        if (c == '\n')
        {
            ++line;
            column = 0;
            state = state == State::comment ? State::plain : state;
            continue;
        }
        if (u >= 0x80 && (state == State::plain || continuation))
        {
            throw Error(ErrorKind::config, Place{file, line, column},
                        continuation ? "a line continued with \\ must go on with ASCII"
                                     : "a non-ASCII character outside a string or comment",
                        "put text in quotes");
        }
        if (continuation && c != ' ' && c != '\t' && c != '\r')
        {
            continuation = false;
        }
        const std::string_view rest(text.data() + i, text.size() - i);
        switch (state)
        {
        case State::plain:
            if (c == '#')
            {
                state = State::comment;
            }
            else if (rest.substr(0, 3) == "\"\"\"" || rest.substr(0, 3) == "'''")
            {
                state = c == '"' ? State::multi_basic : State::multi_literal;
                i += 2;
            }
            else if (c == '"' || c == '\'')
            {
                state = c == '"' ? State::basic : State::literal;
            }
            break;
        case State::basic:
            if (c == '\\')
            {
                ++i;
            }
            else if (c == '"')
            {
                state = State::plain;
            }
            break;
        case State::literal:
            state = c == '\'' ? State::plain : state;
            break;
        case State::multi_basic:
            if (c == '\\')
            {
                std::size_t j = i + 1;
                while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                {
                    ++j;
                }
                continuation = j < text.size() && text[j] == '\n';
                i += continuation ? 0 : 1;
            }
            else if (rest.substr(0, 3) == "\"\"\"")
            {
                state = State::plain;
                i += 2;
            }
            break;
        case State::multi_literal:
            if (rest.substr(0, 3) == "'''")
            {
                state = State::plain;
                i += 2;
            }
            break;
        case State::comment:
            break;
        }
    }
}

namespace
{
constexpr std::size_t k_max_config_bytes = std::size_t{1024} * 1024;

// The text of a config file: a regular file of at most 1 MiB (never a folder, device or FIFO,
// whose reads could block or never end).
std::string read_config_text(const std::string& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    {
        const bool opened = fd >= 0;
        if (opened)
        {
            ::close(fd);
        }
        throw Error(ErrorKind::config,
                    opened ? fmt::format("config file '{}' is not a regular file (a folder, "
                                         "device or FIFO)",
                                         file)
                           : fmt::format("cannot read config file '{}'", file));
    }
    std::string text;
    char chunk[8192];
    ssize_t n = 0;
    while ((n = ::read(fd, chunk, sizeof(chunk))) > 0 && text.size() <= k_max_config_bytes)
    {
        text.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (n < 0 || text.size() > k_max_config_bytes)
    {
        throw Error(ErrorKind::config,
                    n < 0 ? fmt::format("cannot read config file '{}'", file)
                          : fmt::format("config file '{}' is larger than 1 MiB", file));
    }
    return text;
}
} // namespace

FileValues read_config_file(const std::string& file)
{
    const std::string text = read_config_text(file);
    check_toml_text(text, file);
    toml::table root;
    try
    {
        root = toml::parse(text, file);
    }
    catch (const toml::parse_error& e)
    {
        config_error(file, e.source(), std::string(e.description()));
    }
    FileValues values;
    for (const auto& [k, node] : root)
    {
        const std::string key(k.str());
        if (const auto* table = node.as_table())
        {
            for (const auto& [k2, inner] : *table)
            {
                read_value(file, key + "." + std::string(k2.str()), k2.source(), inner, values);
            }
        }
        else
        {
            read_value(file, key, k.source(), node, values);
        }
    }
    return values;
}

std::string choose_config_file(const SettingFlags& flags, const Environment& env)
{
    std::optional<std::string> explicit_file = flags.config;
    if (!explicit_file)
    {
        explicit_file = env_get(env, "MPP_CONFIG");
    }
    if (explicit_file)
    {
        if (::access(explicit_file->c_str(), R_OK) != 0)
        {
            throw Error(ErrorKind::config,
                        fmt::format("cannot read config file '{}'", *explicit_file),
                        "check the path given with --config or MPP_CONFIG");
        }
        return *explicit_file;
    }
    const std::string xdg = env_get(env, "XDG_CONFIG_HOME").value_or(home_dir(env) + "/.config");
    for (const std::string& candidate :
         {xdg + "/mpp/config.toml", std::string("/etc/mpp/config.toml")})
    {
        if (file_exists(candidate))
        {
            return candidate;
        }
    }
    return {};
}

// Resolves one key through flag > env > file > default, recording its origin.
class Resolver
{
  public:
    Resolver(const Environment& env, const FileValues& file_values, std::string file)
        : m_env(env), m_file_values(file_values), m_file(std::move(file))
    {
    }

    std::string get(const std::string& key, const std::optional<std::string>& flag,
                    const std::string& flag_name, const std::string& env_name,
                    const std::string& fallback, std::vector<Setting>& listing)
    {
        Setting s{key, fallback, "default", "default"};
        if (flag)
        {
            s = {key, *flag, "flag " + flag_name, "flag"};
        }
        else if (auto e = env_name.empty() ? std::nullopt : env_get(m_env, env_name))
        {
            s = {key, *e, "env " + env_name, "env"};
        }
        else if (const auto it = m_file_values.find(key); it != m_file_values.end())
        {
            s = {key, it->second.value, "config " + m_file, "config"};
            m_last_place = Place{m_file, it->second.line, it->second.column};
        }
        listing.push_back(s);
        return s.value;
    }

    // Fails the last value read with the right kind for its origin.
    // `env_kind`: the kind for a value from the environment or the default.
    [[noreturn]] void reject(const Setting& s, const std::string& message,
                             ErrorKind env_kind = ErrorKind::config)
    {
        if (s.origin.rfind("flag", 0) == 0)
        {
            throw Error(ErrorKind::usage, message);
        }
        if (s.origin.rfind("config", 0) == 0)
        {
            throw Error(ErrorKind::config, m_last_place, message);
        }
        throw Error(env_kind, fmt::format("{} ({})", escape_controls(message), s.origin));
    }

  private:
    const Environment& m_env;
    const FileValues& m_file_values;
    std::string m_file;
    Place m_last_place;
};

bool contains(const std::vector<std::string>& list, const std::string& value)
{
    for (const auto& item : list)
    {
        if (item == value)
        {
            return true;
        }
    }
    return false;
}

} // namespace

bool is_listing_format(const std::string& format)
{
    return contains(k_listing_formats, format);
}

bool is_report_format(const std::string& format)
{
    return contains(k_report_formats, format);
}

const std::vector<std::string>& listing_formats()
{
    return k_listing_formats;
}

const std::vector<std::string>& report_formats()
{
    return k_report_formats;
}

const std::vector<std::string>& languages()
{
    return k_languages;
}

std::string os_user_name(const Environment& env)
{
    if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr)
    {
        return pw->pw_name;
    }
    return env_get(env, "USER").value_or(env_get(env, "LOGNAME").value_or("unknown"));
}

Settings resolve_settings(const SettingFlags& flags, const Environment& env)
{
    Settings s;
    s.config_file = choose_config_file(flags, env);
    const FileValues file_values =
        s.config_file.empty() ? FileValues{} : read_config_file(s.config_file);
    Resolver r(env, file_values, s.config_file);
    auto& l = s.listing;
    const std::string data_home =
        env_get(env, "XDG_DATA_HOME").value_or(home_dir(env) + "/.local/share");
    s.database_path =
        r.get("database.path", flags.db, "--db", "MPP_DB", data_home + "/mpp/mpp.db", l);
    if (s.database_path.empty())
    {
        r.reject(l.back(), "database.path must not be empty");
    }
    s.busy_timeout_ms =
        std::stoi(r.get("database.busy_timeout_ms", std::nullopt, "", "", "5000", l));
    s.output_format = r.get("output.format", flags.format, "--format", "MPP_FORMAT", "table", l);
    if (!is_report_format(s.output_format))
    {
        r.reject(l.back(),
                 fmt::format("unknown output format '{}' (expected one of: {})",
                             escape_controls(s.output_format), join(k_report_formats, ", ")));
    }
    s.language = r.get("report.language", flags.lang, "--lang", "MPP_LANG", "id", l);
    if (!contains(k_languages, s.language))
    {
        r.reject(l.back(), fmt::format("unknown language '{}' (expected {})",
                                       escape_controls(s.language), join(k_languages, " or ")));
    }
    s.operator_name =
        r.get("operator", flags.operator_name, "--operator", "MPP_OPERATOR", os_user_name(env), l);
    if (const auto problem = operator_name_problem(s.operator_name))
    {
        // A name given for this run is a usage error; only the config file's is a config error.
        r.reject(l.back(), *problem + (l.back().origin == "default" ? " (the OS user name)" : ""),
                 ErrorKind::usage);
    }
    s.office_name = r.get("office.name", std::nullopt, "", "", "Mal Pelayanan Publik", l);
    s.office_code = r.get("office.code", std::nullopt, "", "", "MPP", l);
    s.office_utc_offset = r.get("office.utc_offset", std::nullopt, "", "", "+07:00", l);
    try
    {
        parse_utc_offset(s.office_utc_offset);
    }
    catch (const Error& e)
    {
        r.reject(l.back(), e.what());
    }
    return s;
}

} // namespace mpp
