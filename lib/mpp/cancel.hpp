#pragma once
// Cooperative cancellation for SIGINT/SIGTERM: the handler records the signal, long loops check.
struct sqlite3;

namespace mpp {

// Record a cancellation request; async-signal-safe (also interrupts the registered database).
void request_cancel(int signo) noexcept;
// The signal that asked for cancellation, 0 if none.
int cancel_signal() noexcept;
// Throws Error::interrupted when a cancellation was requested.
void throw_if_cancelled();
// The connection that request_cancel interrupts (nullptr to clear).
void set_interruptible(sqlite3* handle) noexcept;

} // namespace mpp
