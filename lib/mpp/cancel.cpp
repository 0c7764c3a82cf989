#include "mpp/cancel.hpp"

#include "mpp/error.hpp"

#include <array>
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
// Temporary files and folders removed when a signal ends the process (fixed size: a signal
// handler cannot allocate).
std::array<std::atomic<const char*>, k_temporary_slots> g_temporary{};

// Removes every registered file, then every registered (by then empty) folder.
void remove_temporaries() noexcept
{
    for (auto& slot : g_temporary)
    {
        if (const char* path = slot.load(); path != nullptr)
        {
            ::unlink(path);
        }
    }
    for (auto& slot : g_temporary)
    {
        if (const char* path = slot.load(); path != nullptr)
        {
            ::rmdir(path);
        }
    }
}
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
        remove_temporaries();
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

TemporaryPath::TemporaryPath(const char* path)
{
    for (auto& slot : g_temporary)
    {
        const char* expected = nullptr;
        if (slot.compare_exchange_strong(expected, path))
        {
            m_slot = &slot;
            return;
        }
    }
    throw Error(ErrorKind::internal, "too many temporary files at once",
                "this is a bug in mpp: please report it");
}

TemporaryPath::~TemporaryPath()
{
    m_slot->store(nullptr);
}

std::size_t temporary_paths() noexcept
{
    std::size_t n = 0;
    for (const auto& slot : g_temporary)
    {
        n += slot.load() != nullptr ? 1 : 0;
    }
    return n;
}

void set_interruptible(sqlite3* handle) noexcept
{
    g_handle.store(handle);
}

void clear_interruptible(sqlite3* handle) noexcept
{
    sqlite3* expected = handle;
    g_handle.compare_exchange_strong(expected, nullptr);
}

sqlite3* interruptible() noexcept
{
    return g_handle.load();
}

} // namespace mpp
