// Cooperative cancellation: outside a critical section a signal ends the process at once
// (128 + signo) and removes the registered temporary file; inside one it interrupts the
// registered database and the next check throws. Each case runs in a child process, since the
// recorded signal is process-wide and cannot be taken back.
#include "helpers.hpp"
#include "mpp/cancel.hpp"
#include "mpp/error.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <functional>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

namespace
{
// Run `body` in a child process and return its exit status (-1 if it did not exit normally).
int in_child(const std::function<int()>& body)
{
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        int code = 99;
        try
        {
            code = body();
        }
        catch (...)
        {
            code = 98;
        }
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
} // namespace

TEST_CASE("before any signal nothing is cancelled")
{
    CHECK(mpp::cancel_signal() == 0);
    CHECK_NOTHROW(mpp::throw_if_cancelled());
}

TEST_CASE("outside a critical section a signal ends the process with 128 + signo")
{
    CHECK(in_child(
              []
              {
                  mpp::request_cancel(SIGINT);
                  return 0;
              }) == 130);
    CHECK(in_child(
              []
              {
                  mpp::request_cancel(SIGTERM);
                  return 0;
              }) == 143);
}

TEST_CASE("outside a critical section the registered temporary file is removed")
{
    mpp::test::TempDir dir;
    const std::string temp = dir.write("out.csv.tmp", "half a file");
    const std::string kept = dir.write("other.csv", "not registered");
    CHECK(in_child(
              [&]
              {
                  const mpp::TemporaryPath registered(temp.c_str());
                  mpp::request_cancel(SIGTERM);
                  return 0;
              }) == 143);
    CHECK_FALSE(std::filesystem::exists(temp));
    CHECK(std::filesystem::exists(kept));
    // Cleared again: the file stays.
    const std::string again = dir.write("again.tmp", "x");
    CHECK(in_child(
              [&]
              {
                  {
                      const mpp::TemporaryPath registered(again.c_str());
                  }
                  mpp::request_cancel(SIGINT);
                  return 0;
              }) == 130);
    CHECK(std::filesystem::exists(again));
}

TEST_CASE("inside a critical section the signal is recorded and the next check throws")
{
    CHECK(in_child(
              []
              {
                  {
                      mpp::CriticalSection writing;
                      mpp::request_cancel(SIGTERM); // does not end the process
                  }
                  if (mpp::cancel_signal() != SIGTERM)
                  {
                      return 1;
                  }
                  try
                  {
                      mpp::throw_if_cancelled();
                  }
                  catch (const mpp::Error& e)
                  {
                      return e.kind() == mpp::ErrorKind::interrupted && e.signal() == SIGTERM ? 0
                                                                                              : 2;
                  }
                  return 3;
              }) == 0);
}

TEST_CASE("critical sections nest: the process survives until the outermost one ends")
{
    CHECK(in_child(
              []
              {
                  {
                      mpp::CriticalSection outer;
                      {
                          mpp::CriticalSection inner;
                      }
                      mpp::request_cancel(SIGINT); // still inside `outer`
                  }
                  mpp::request_cancel(SIGINT); // now outside: ends with 130
                  return 0;
              }) == 130);
}

TEST_CASE("inside a critical section the registered database is interrupted")
{
    CHECK(in_child(
              []
              {
                  sqlite3* db = nullptr;
                  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
                  {
                      return 1;
                  }
                  mpp::set_interruptible(db);
                  mpp::CriticalSection writing;
                  // The signal arrives while a long statement runs.
                  sqlite3_progress_handler(
                      db, 1000,
                      [](void*)
                      {
                          mpp::request_cancel(SIGINT);
                          return 0;
                      },
                      nullptr);
                  const int rc = sqlite3_exec(
                      db,
                      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT "
                      "100000000) SELECT count(*) FROM c",
                      nullptr, nullptr, nullptr);
                  mpp::set_interruptible(nullptr);
                  sqlite3_close(db);
                  return rc == SQLITE_INTERRUPT ? 0 : 2;
              }) == 0);
}
