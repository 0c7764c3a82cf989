// `mpp __complete`: walk the CLI11 tree along the words typed so far and print what may come
// next (nouns, verbs, options, an option's values).
#include "complete.hpp"

#include <algorithm>
#include <iostream>
#include <string_view>

namespace mpp::cli
{
namespace
{

bool starts_with(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

bool takes_value(const CLI::Option* o)
{
    return o->get_items_expected_max() > 0; // 0 for a flag
}

// The option `--name` or `-n` of `app` or of a command above it (global options).
const CLI::Option* find_option(CLI::App* app, const std::string& word)
{
    const bool is_long = starts_with(word, "--");
    const std::string name = word.substr(is_long ? 2 : 1);
    for (CLI::App* a = app; a != nullptr; a = a->get_parent())
    {
        for (const CLI::Option* o : a->get_options())
        {
            if (!o->get_positional() && (is_long ? o->check_lname(name) : o->check_sname(name)))
            {
                return o;
            }
        }
    }
    return nullptr;
}

CLI::App* find_subcommand(CLI::App* app, const std::string& word)
{
    for (CLI::App* sub : app->get_subcommands({}))
    {
        if (sub->check_name(word))
        {
            return sub;
        }
    }
    return nullptr;
}

// The positional option that the next positional word of `app` fills.
const CLI::Option* positional_at(CLI::App* app, std::size_t index)
{
    std::size_t seen = 0;
    for (const CLI::Option* o : app->get_options())
    {
        if (!o->get_positional())
        {
            continue;
        }
        seen += static_cast<std::size_t>(std::max(o->get_items_expected_max(), 1));
        if (index < seen)
        {
            return o;
        }
    }
    return nullptr;
}

// A word that starts with `-`: `--name`, `--name=value`, `-n`, `-nVALUE` or `-qv`.
void take_option(CommandLineWalk& w, const std::string& word)
{
    if (starts_with(word, "--"))
    {
        const std::size_t eq = word.find('=');
        const CLI::Option* o = find_option(w.app, word.substr(0, eq));
        if (o != nullptr && takes_value(o))
        {
            if (eq == std::string::npos)
            {
                w.pending = o;
            }
            else
            {
                w.values[option_name(o)] = word.substr(eq + 1);
            }
        }
        return;
    }
    for (std::size_t i = 1; i < word.size(); ++i)
    {
        const CLI::Option* o = find_option(w.app, std::string("-") + word[i]);
        if (o != nullptr && takes_value(o))
        {
            if (i + 1 == word.size())
            {
                w.pending = o;
            }
            else
            {
                w.values[option_name(o)] = word.substr(i + 1);
            }
            return;
        }
    }
}

// Follow the words before the last one.
CommandLineWalk walk(CLI::App& root, const std::vector<std::string>& words)
{
    CommandLineWalk w;
    w.app = &root;
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
    {
        const std::string& word = words[i];
        if (w.pending != nullptr)
        {
            if (word != "=") // bash splits `--format=json` into `--format`, `=`, `json`
            {
                w.values[option_name(w.pending)] = word;
                w.pending = nullptr;
            }
            continue;
        }
        if (!w.only_positionals && word == "--")
        {
            w.only_positionals = true;
        }
        else if (!w.only_positionals && word.size() > 1 && word[0] == '-')
        {
            take_option(w, word);
        }
        else if (CLI::App* sub = w.positionals == 0 ? find_subcommand(w.app, word) : nullptr)
        {
            w.app = sub;
        }
        else
        {
            ++w.positionals;
        }
    }
    return w;
}

// The options of the command and of every command above it, long and short forms.
std::vector<std::string> option_names(CLI::App* app)
{
    std::vector<std::string> names;
    for (CLI::App* a = app; a != nullptr; a = a->get_parent())
    {
        for (const CLI::Option* o : a->get_options())
        {
            if (o->get_positional() || o->get_group().empty())
            {
                continue;
            }
            for (const std::string& l : o->get_lnames())
            {
                names.push_back("--" + l);
            }
            for (const std::string& s : o->get_snames())
            {
                names.push_back("-" + s);
            }
        }
    }
    return names;
}

std::vector<std::string> subcommand_names(CLI::App* app)
{
    std::vector<std::string> names;
    for (const CLI::App* sub : app->get_subcommands({}))
    {
        if (!sub->get_group().empty())
        {
            names.push_back(sub->get_name());
        }
    }
    return names;
}

void complete(CLI::App& root, Context& ctx, const std::vector<std::string>& words)
{
    const CommandLineWalk w = walk(root, words);
    const std::string& cur = words.back();
    if (w.pending != nullptr)
    {
        print_values(ctx, w, w.pending, cur == "=" ? "" : cur);
        return;
    }
    if (!w.only_positionals && starts_with(cur, "-"))
    {
        const std::size_t eq = cur.find('=');
        if (eq == std::string::npos)
        {
            print_matching(option_names(w.app), cur);
        }
        else if (const CLI::Option* o = find_option(w.app, cur.substr(0, eq)))
        {
            print_values(ctx, w, o, cur.substr(eq + 1), cur.substr(0, eq + 1));
        }
        return;
    }
    if (w.positionals == 0 && !w.app->get_subcommands({}).empty())
    {
        print_matching(subcommand_names(w.app), cur);
        return;
    }
    if (const CLI::Option* o = positional_at(w.app, w.positionals))
    {
        print_values(ctx, w, o, cur);
    }
}

} // namespace

std::string option_name(const CLI::Option* o)
{
    if (o->get_positional())
    {
        return o->get_name(true, false);
    }
    return o->get_lnames().empty() ? "-" + o->get_snames().front() : "--" + o->get_lnames().front();
}

void print_matching(const std::vector<std::string>& names, const std::string& prefix,
                    const std::string& lead)
{
    std::vector<std::string> shown;
    for (const std::string& n : names)
    {
        if (starts_with(n, prefix) && std::find(shown.begin(), shown.end(), n) == shown.end())
        {
            shown.push_back(n);
            std::cout << lead << n << '\n';
        }
    }
}

int run_completion(CLI::App& app, Context& ctx, int argc, char** argv)
{
    std::vector<std::string> words;
    for (int i = 2; i < argc; ++i)
    {
        if (i > 2 || std::string_view(argv[i]) != "--")
        {
            words.emplace_back(argv[i]);
        }
    }
    if (words.empty())
    {
        words.emplace_back();
    }
    try
    {
        complete(app, ctx, words);
        std::cout.flush();
    }
    catch (...) // a completion never fails: it offers nothing
    {
    }
    return 0;
}

} // namespace mpp::cli
