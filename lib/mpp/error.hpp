#pragma once
// The one error type of mpp: every failure the core reports is an mpp::Error.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mpp
{

// What went wrong, in the categories that the exit codes of cli.md distinguish.
enum class ErrorKind
{
    usage,         // 64
    invalid_data,  // 65
    not_found,     // 66
    db_unusable,   // 69
    internal,      // 70
    cannot_create, // 73
    io,            // 74
    busy,          // 75
    permission,    // 77
    config,        // 78
    interrupted,   // 130 / 143
};

// A location in an input file; line and column start at 1 (0 = unknown).
struct Place
{
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
};

// One problem with a place, as reported for a CSV row.
struct Diagnostic
{
    Place place;
    std::string message;
};

// The exception thrown by the core; `main` maps its kind to an exit code.
class Error : public std::runtime_error
{
  public:
    Error(ErrorKind kind, const std::string& message, std::string hint = {});
    Error(ErrorKind kind, Place place, const std::string& message, std::string hint = {});

    // The category, which decides the exit code.
    ErrorKind kind() const { return m_kind; }
    // Where the problem is, if it has a place in an input file.
    const std::optional<Place>& place() const { return m_place; }
    // What the user can do about it (may be empty).
    const std::string& hint() const { return m_hint; }
    // Further problems printed before the message (import row errors).
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
    // Attach the row problems of a failed import.
    Error& with_diagnostics(std::vector<Diagnostic> diagnostics);
    // The signal number for ErrorKind::interrupted.
    int signal() const { return m_signal; }
    // Make an interruption error for a signal.
    static Error interrupted(int signo);

  private:
    ErrorKind m_kind;
    std::optional<Place> m_place;
    std::string m_hint;
    std::vector<Diagnostic> m_diagnostics;
    int m_signal = 0;
};

// The documented exit code for an error kind.
int exit_code(ErrorKind kind, int signo = 0);

// Format a place as GNU style `FILE:LINE:COL` (parts that are unknown are left out).
std::string format_place(const Place& place);

} // namespace mpp
