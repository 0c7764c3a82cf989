#include "mpp/error.hpp"

namespace mpp
{

Error::Error(ErrorKind kind, const std::string& message, std::string hint)
    : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint))
{
}

Error::Error(ErrorKind kind, Place place, const std::string& message, std::string hint)
    : std::runtime_error(message), m_kind(kind), m_place(std::move(place)), m_hint(std::move(hint))
{
}

Error& Error::with_diagnostics(std::vector<Diagnostic> diagnostics)
{
    m_diagnostics = std::move(diagnostics);
    return *this;
}

Error Error::interrupted(int signo)
{
    Error e(ErrorKind::interrupted, "interrupted; nothing was written");
    e.m_signal = signo;
    return e;
}

int exit_code(ErrorKind kind, int signo)
{
    switch (kind)
    {
    case ErrorKind::usage:
        return 64;
    case ErrorKind::invalid_data:
        return 65;
    case ErrorKind::not_found:
        return 66;
    case ErrorKind::db_unusable:
        return 69;
    case ErrorKind::internal:
        return 70;
    case ErrorKind::cannot_create:
        return 73;
    case ErrorKind::io:
        return 74;
    case ErrorKind::busy:
        return 75;
    case ErrorKind::permission:
        return 77;
    case ErrorKind::config:
        return 78;
    case ErrorKind::interrupted:
        return 128 + (signo > 0 ? signo : 2);
    }
    return 70;
}

std::string format_place(const Place& place)
{
    std::string out = place.file;
    if (place.line > 0)
    {
        out += ":" + std::to_string(place.line);
        if (place.column > 0)
        {
            out += ":" + std::to_string(place.column);
        }
    }
    return out;
}

} // namespace mpp
