#pragma once
// Cooperative cancellation for SIGINT/SIGTERM: the handler records the signal, long loops check.
#include <atomic>
#include <cstddef>

struct sqlite3;

namespace mpp
{

// Record a cancellation request; async-signal-safe. Outside a critical section the process
// ends at once with 128 + signo; inside one the registered database is interrupted and the
// running operation rolls back and fails with Error::interrupted.
void request_cancel(int signo) noexcept;

// Marks a stretch (a write transaction) that must be rolled back rather than cut short.
class CriticalSection
{
  public:
    CriticalSection() noexcept;
    ~CriticalSection();
    CriticalSection(const CriticalSection&) = delete;
    CriticalSection& operator=(const CriticalSection&) = delete;
};
// The signal that asked for cancellation, 0 if none.
int cancel_signal() noexcept;
// Throws Error::interrupted when a cancellation was requested.
void throw_if_cancelled();
// The connection that request_cancel interrupts.
void set_interruptible(sqlite3* handle) noexcept;
// Stop interrupting `handle` (a connection being closed); another registered one stays.
void clear_interruptible(sqlite3* handle) noexcept;
// The connection request_cancel would interrupt now (nullptr if none).
sqlite3* interruptible() noexcept;

// How many temporary paths may be registered at once.
inline constexpr std::size_t k_temporary_slots = 16;

// Registers a temporary file or folder that request_cancel removes before ending the process
// (files first, then folders); the registration ends with the object. `path` must stay valid
// while registered. Throws Error(internal) when every slot is taken.
class TemporaryPath
{
  public:
    explicit TemporaryPath(const char* path);
    ~TemporaryPath();
    TemporaryPath(const TemporaryPath&) = delete;
    TemporaryPath& operator=(const TemporaryPath&) = delete;

  private:
    std::atomic<const char*>* m_slot = nullptr;
};
// How many temporary paths are registered now.
std::size_t temporary_paths() noexcept;

} // namespace mpp
