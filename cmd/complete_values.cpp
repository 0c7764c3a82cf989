// The values `mpp __complete` offers after an option: lists the lib checks them with, the
// members of a CLI11 IsMember check, codes and references from the database, or file names.
#include "complete.hpp"

#include "mpp/calendar.hpp"
#include "mpp/complaint.hpp"
#include "mpp/completion.hpp"
#include "mpp/csv.hpp"
#include "mpp/report.hpp"
#include "mpp/status.hpp"

#include <iostream>
#include <map>
#include <optional>

namespace mpp::cli
{
namespace
{

// Where an option's values come from.
enum class Values
{
    none,
    files,
    agencies,
    services,
    references,
    list,
};

struct Source
{
    Values values = Values::none;
    const std::vector<std::string>& (*list)() = nullptr; // the lib's list of the values
};

const std::vector<std::string>& setting_keys()
{
    static const std::vector<std::string> k_keys = []
    {
        std::vector<std::string> keys;
        for (const auto& [key, value] : default_settings())
        {
            keys.push_back(key);
        }
        return keys;
    }();
    return k_keys;
}

// The values of options and positionals by name; `NOUN NAME` is looked up before `NAME`. The
// lists are the ones the lib validates with, so the completion offers what is accepted.
const std::map<std::string, Source>& sources()
{
    static const std::map<std::string, Source> k_sources = {
        {"--db", {Values::files}},
        {"--config", {Values::files}},
        {"--output", {Values::files}},
        {"--rejects", {Values::files}},
        {"FILE", {Values::files}},
        {"--format", {Values::list, listing_formats}},
        {"report --format", {Values::list, report_formats}},
        {"--lang", {Values::list, languages}},
        {"--agency", {Values::agencies}},
        {"agency CODE", {Values::agencies}},
        {"--service", {Values::services}},
        {"service CODE", {Values::services}},
        {"application REF", {Values::references}},
        {"agency --kind", {Values::list, agency_kinds}},
        {"calendar --kind", {Values::list, holiday_kinds}},
        {"application --status", {Values::list, application_statuses}},
        {"application STATUS", {Values::list, application_statuses}},
        {"application --channel", {Values::list, application_channels}},
        {"complaint --channel", {Values::list, complaint_channels}},
        {"--on-conflict", {Values::list, on_conflict_names}},
        {"--delimiter", {Values::list, delimiter_names}},
        {"--encoding", {Values::list, csv_encodings}},
        {"report --month", {Values::list, month_words}},
        {"db KEY", {Values::list, setting_keys}}};
    return k_sources;
}

// The noun a command belongs to (`agency` for `agency show`; empty at the top).
std::string noun_of(CLI::App* app)
{
    for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent())
    {
        if (app->get_parent()->get_parent() == nullptr)
        {
            return app->get_name();
        }
    }
    return "";
}

Source source_of(CLI::App* app, const CLI::Option* o)
{
    const auto& all = sources();
    auto it = all.find(noun_of(app) + " " + option_name(o));
    it = it != all.end() ? it : all.find(option_name(o));
    return it == all.end() ? Source{} : it->second;
}

// The members of a CLI11 IsMember check (its description is `{a,b,c}`).
std::vector<std::string> members_of(const CLI::Option* o)
{
    std::string d;
    try
    {
        d = const_cast<CLI::Option*>(o)->get_validator()->get_description();
    }
    catch (const CLI::OptionNotFound&) // no check at all
    {
    }
    if (d.size() > 2 && d.front() == '{' && d.back() == '}')
    {
        return CLI::detail::split(d.substr(1, d.size() - 2), ',');
    }
    return {};
}

// The codes or references in the configured database (--db or --config earlier on the line
// count); nothing when there is no usable database.
std::vector<std::string> from_database(Context& ctx, const CommandLineWalk& w, Values values,
                                       const std::string& prefix)
{
    const auto given = [&w](const char* name)
    {
        const auto it = w.values.find(name);
        return it == w.values.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    ctx.options.db = given("--db");
    ctx.options.config = given("--config");
    const auto db = open_for_completion(ctx.settings().database_path);
    if (!db)
    {
        return {};
    }
    return values == Values::agencies   ? agency_codes_starting(*db, prefix)
           : values == Values::services ? service_codes_starting(*db, prefix)
                                        : references_starting(*db, prefix);
}

} // namespace

void print_values(Context& ctx, const CommandLineWalk& w, const CLI::Option* o,
                  const std::string& prefix, const std::string& lead)
{
    const Source s = source_of(w.app, o);
    switch (s.values)
    {
    case Values::none:
        print_matching(members_of(o), prefix, lead);
        break;
    case Values::files:
        std::cout << k_complete_files << '\n';
        break;
    case Values::list:
        print_matching(s.list(), prefix, lead);
        break;
    default:
        for (const std::string& v : from_database(ctx, w, s.values, prefix))
        {
            std::cout << lead << v << '\n';
        }
    }
}

} // namespace mpp::cli
