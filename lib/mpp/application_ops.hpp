#pragma once
// The single-application commands (submit, set-status): each is one write transaction that
// reads the office settings and the calendar inside it, so a concurrent calendar or setting
// change can never leave a due date computed from the old ones.
#include "mpp/application.hpp"
#include "mpp/db.hpp"
#include "mpp/error.hpp"

#include <fmt/format.h>
#include <functional>
#include <optional>
#include <string>

namespace mpp
{

// A value from the command line, its error naming the option: a field value is invalid data
// (65); a word that selects what the command does (a status) is a usage error (64, cli.md).
template <typename F>
auto option_value(const char* option, F&& parse, ErrorKind kind = ErrorKind::invalid_data)
{
    try
    {
        return parse();
    }
    catch (const Error& e)
    {
        throw Error(kind, fmt::format("{}: {}", option, e.what()), e.hint());
    }
}

// The applicant fields as an operator types them for submit and correct (one set of rules):
// the name (1-200 characters), a mobile phone (empty: none), a time that is possible and not
// in the future. Each throws Error(invalid_data) naming `option`.
std::string applicant_name_option(const char* option, const std::string& text);
std::optional<std::string> mobile_phone_option(const char* option, const std::string& text);
Instant submission_time_option(const char* option, const std::string& text, UtcOffset offset,
                               Instant now);

// What `application submit` is given, as the operator typed it.
struct SubmitRequest
{
    std::string service;
    std::string name;
    std::string nik;
    std::optional<std::string> phone;
    std::optional<std::string> at; // now when absent
    std::string channel = "counter";
    std::optional<std::string> fee;
    std::optional<std::string> note;
};

// Validate and record a new application; `publish` gets it before the commit and may throw
// (a reference that cannot be written out is never stored); `notice` gets what the operator
// should know about its fee (fee_notice). Throws Error(invalid_data) naming a bad option.
Application submit_application(Database& db, const SubmitRequest& request, const Actor& actor,
                               const std::function<void(const Application&)>& publish,
                               const std::function<void(const std::string&)>& notice = {});

// What `application set-status` is given.
struct StatusRequest
{
    std::string reference;
    std::string status;            // English or Indonesian
    std::optional<std::string> at; // now when absent
    std::optional<std::string> note;
};

// Move an application along the lifecycle (audited). A date-only `at` on the day of the
// previous event means the end of that day's working hours (16:00), or now if that is earlier,
// and never before the previous event (data.md "Lifecycle").
Application change_status(Database& db, const StatusRequest& request, const Actor& actor);

// The time of a status change given as `at`: see change_status.
Instant event_time(const When& at, Instant previous, Instant now, UtcOffset offset);
// The time of a status change from the `--at` option (now when absent), after `previous`.
Instant event_time_option(const std::optional<std::string>& at, Instant previous, Instant now,
                          UtcOffset offset);

} // namespace mpp
