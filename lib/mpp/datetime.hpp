#pragma once
// Dates, instants and UTC offsets, independent of the machine's time zone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpp
{

// A calendar date as days since 1970-01-01.
struct Date
{
    int days = 0;
    auto operator<=>(const Date&) const = default;
};

// Seconds since 1970-01-01T00:00:00Z.
using Instant = std::int64_t;

// A fixed offset from UTC in minutes (+08:00 = 480).
struct UtcOffset
{
    int minutes = 0;
    bool operator==(const UtcOffset&) const = default;
};

// The date y-m-d, or nullopt when it does not exist (31/02).
std::optional<Date> make_date(int year, int month, int day);
// Year, month and day of a date.
void civil(Date date, int& year, int& month, int& day);
// ISO weekday: 1 = Monday … 7 = Sunday.
int iso_weekday(Date date);
// `YYYY-MM-DD`.
std::string format_date(Date date);
// `2022-10-24T01:15:00Z`, the stored form.
std::string format_utc(Instant instant);
// `2022-10-24T09:15:00+08:00`, the shown form.
std::string format_local(Instant instant, UtcOffset offset);
// The date at the office's offset.
Date local_date(Instant instant, UtcOffset offset);
// Midnight of a local date as an instant.
Instant local_midnight(Date date, UtcOffset offset);

// `+08:00` (also `+0800`, `+8`); throws Error(usage) when malformed.
UtcOffset parse_utc_offset(std::string_view text);
// `+08:00`.
std::string format_utc_offset(UtcOffset offset);

// A parsed date or timestamp value.
struct When
{
    Instant instant = 0; // for a bare date: local midnight
    Date date;           // the local date
    bool has_time = false;
};

// Whether a date lies in the years mpp records (2000-01-01..2099-12-31, import.md "Dates must
// be possible"); nothing outside them is ever parsed or stored.
bool is_possible_date(Date date);
// Throws Error(invalid_data) when an event time lies later than now plus an hour of clock skew.
void check_not_future(Instant at, Instant now, UtcOffset offset);

// Parse a date or timestamp in the forms of import.md (ISO 8601, D/M/YYYY [H:MM[:SS]],
// D-M-YYYY, `H.MM`); a time without offset is at `offset`. Throws Error(invalid_data), also
// for a date outside is_possible_date.
When parse_when(std::string_view text, UtcOffset offset);
// Parse a date (a timestamp is reduced to its local date). Throws Error(invalid_data).
Date parse_date(std::string_view text, UtcOffset offset);

// A period from..to (both included, either open) must not end before it begins: throws
// Error(usage) naming both dates by the names the operator typed them under.
void check_period(const std::optional<Date>& from, const std::optional<Date>& to,
                  std::string_view from_name = "--from", std::string_view to_name = "--to");

// The stored forms, read fast (the hot path of reports): `YYYY-MM-DD` and
// `YYYY-MM-DDTHH:MM:SSZ`. Throws Error(internal) for anything else.
Date stored_date(std::string_view text);
Instant stored_instant(std::string_view text);

// Now: MPP_NOW when given (an ISO 8601 timestamp), else the system clock.
Instant current_instant(const std::optional<std::string>& mpp_now, UtcOffset offset);

} // namespace mpp
