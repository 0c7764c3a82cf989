// The help of every command: what it does, its usage, its examples, then its options; required
// options are marked REQUIRED and named in the usage line.
#include "common.hpp"

#include "mpp/text.hpp"

#include <regex>
#include <sstream>

namespace mpp::cli
{
namespace
{

// A footer split into its examples block (header and lines) and the rest.
struct FooterParts
{
    std::vector<std::string> examples; // the example lines, without the header
    std::string rest;
};

FooterParts split_footer(const std::string& footer)
{
    FooterParts parts;
    std::vector<std::string> lines;
    std::istringstream in(footer);
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    std::size_t i = 0;
    while (i < lines.size() && lines[i].rfind("Example", 0) != 0)
    {
        parts.rest += lines[i++] + "\n";
    }
    ++i; // the header
    for (; i < lines.size() && !trim(lines[i]).empty(); ++i)
    {
        parts.examples.push_back(lines[i]);
    }
    for (; i < lines.size(); ++i)
    {
        parts.rest += lines[i] + "\n";
    }
    return parts;
}

// The examples of a command; a verb, which starts with its noun's footer (CLI11 copies it),
// keeps the lines that run it.
std::vector<std::string> examples_of(const CLI::App* app)
{
    FooterParts own = split_footer(app->get_footer());
    const CLI::App* noun = app->get_parent();
    if (noun == nullptr || noun->get_parent() == nullptr)
    {
        return own.examples;
    }
    const std::regex runs("mpp " + noun->get_name() + " " + app->get_name() + "( |$)");
    std::vector<std::string> mine;
    bool continued = false; // the line before ended with a backslash
    for (const std::string& line : own.examples)
    {
        const bool shown = continued || std::regex_search(line, runs);
        if (shown)
        {
            mine.push_back(line);
        }
        continued = shown && !line.empty() && line.back() == '\\';
    }
    return mine;
}

// Help that leads with examples (cli.md: a new user reads them first).
class LeadingExamplesFormatter : public CLI::Formatter
{
  public:
    std::string make_help(const CLI::App* app, std::string name,
                          CLI::AppFormatMode mode) const override
    {
        if (mode == CLI::AppFormatMode::Sub)
        {
            return make_expanded(app);
        }
        const std::vector<std::string> examples = examples_of(app);
        std::ostringstream out;
        out << make_description(app) << make_usage(app, name);
        if (!examples.empty())
        {
            out << '\n' << (examples.size() == 1 ? "Example:" : "Examples:") << '\n';
            for (const std::string& line : examples)
            {
                out << line << '\n';
            }
        }
        out << make_positionals(app) << make_groups(app, mode) << make_subcommands(app, mode);
        const std::string rest = trim(split_footer(app->get_footer()).rest);
        out << (rest.empty() ? "" : "\n" + rest + "\n");
        return out.str();
    }

    // The usage line names the required options before [OPTIONS].
    std::string make_usage(const CLI::App* app, std::string name) const override
    {
        std::string usage = CLI::Formatter::make_usage(app, name);
        std::string required;
        for (const CLI::Option* opt : app->get_options())
        {
            if (opt->get_required() && opt->nonpositional())
            {
                required += " " + opt->get_name() + " " + opt->get_type_name();
            }
        }
        const std::size_t at = usage.find(" [OPTIONS]");
        return at == std::string::npos ? usage : usage.insert(at, required);
    }
};

} // namespace

std::shared_ptr<CLI::Formatter> help_formatter()
{
    auto f = std::make_shared<LeadingExamplesFormatter>();
    f->column_width(34);
    return f;
}

void mark_required(CLI::App* verb, std::initializer_list<const char*> options)
{
    for (const char* name : options)
    {
        verb->get_option(name)->required();
    }
}

} // namespace mpp::cli
