#pragma once
// Cooperative cancellation for SIGINT/SIGTERM: the handler records the signal, long loops check.
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
// The connection that request_cancel interrupts (nullptr to clear).
void set_interruptible(sqlite3* handle) noexcept;
// A temporary output file that request_cancel removes before ending the process (nullptr to
// clear); the path must stay valid while it is registered.
void set_temporary_file(const char* path) noexcept;

} // namespace mpp
