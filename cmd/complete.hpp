#pragma once
// `mpp __complete -- W1 … WN`: the candidates for the last word of a command line (bash
// completion, cmd/completion.bash), found by walking the CLI11 tree that main builds.
#include "common.hpp"

#include <map>
#include <string>
#include <vector>

namespace mpp::cli
{

// The hidden command that asks for completions (never listed in --help).
inline constexpr const char* k_complete_command = "__complete";

// The line printed alone when the word is a file argument: the stub then completes file names.
inline constexpr const char* k_complete_files = ":files";

// Where the words before the one being completed have led.
struct CommandLineWalk
{
    CLI::App* app = nullptr;
    const CLI::Option* pending = nullptr;      // an option still waiting for its value
    std::size_t positionals = 0;               // positional words given to `app`
    bool only_positionals = false;             // after `--`
    std::map<std::string, std::string> values; // option name -> value given on the line
};

// The name an option is known by: `--output`, `-q`, or a positional's `FILE`.
std::string option_name(const CLI::Option* o);

// Print the names that start with `prefix`, each once, after `lead` (`--format=`).
void print_matching(const std::vector<std::string>& names, const std::string& prefix,
                    const std::string& lead = "");

// Print the values of option (or positional) `o` that start with `prefix`, each after `lead`.
void print_values(Context& ctx, const CommandLineWalk& w, const CLI::Option* o,
                  const std::string& prefix, const std::string& lead = "");

// Run `mpp __complete -- W1 … WN` (argv[1] is __complete): print the candidates for WN, one
// per line, filtered by its prefix; always returns 0 and never prints an error.
int run_completion(CLI::App& app, Context& ctx, int argc, char** argv);

} // namespace mpp::cli
