#include "mpp/cancel.hpp"

#include "mpp/error.hpp"

#include <atomic>
#include <sqlite3.h>
#include <unistd.h>

namespace mpp
{
namespace
{
std::atomic<int> g_signal{0};
std::atomic<sqlite3*> g_handle{nullptr};
std::atomic<int> g_critical{0};
std::atomic<const char*> g_temporary{nullptr};
} // namespace

CriticalSection::CriticalSection() noexcept
{
    g_critical.fetch_add(1);
}

CriticalSection::~CriticalSection()
{
    g_critical.fetch_sub(1);
}

void request_cancel(int signo) noexcept
{
    g_signal.store(signo);
    if (g_critical.load() == 0)
    {
        if (const char* temp = g_temporary.load(); temp != nullptr)
        {
            ::unlink(temp);
        }
        ::_exit(128 + signo);
    }
    if (sqlite3* h = g_handle.load(); h != nullptr)
    {
        sqlite3_interrupt(h);
    }
}

int cancel_signal() noexcept
{
    return g_signal.load();
}

void throw_if_cancelled()
{
    if (const int s = g_signal.load(); s != 0)
    {
        throw Error::interrupted(s);
    }
}

void set_temporary_file(const char* path) noexcept
{
    g_temporary.store(path);
}

void set_interruptible(sqlite3* handle) noexcept
{
    g_handle.store(handle);
}

} // namespace mpp
