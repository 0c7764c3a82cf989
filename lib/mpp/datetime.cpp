#include "mpp/datetime.hpp"

#include "mpp/error.hpp"
#include "mpp/text.hpp"

#include <chrono>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// Days since the epoch of a proleptic Gregorian date (H. Hinnant's algorithm).
int days_from_civil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m)
{
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : k_days[m - 1];
}

// A cursor over the text being parsed.
struct Cursor
{
    std::string_view s;
    std::size_t i = 0;

    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool eat(char c)
    {
        if (peek() == c)
        {
            ++i;
            return true;
        }
        return false;
    }
    // Reads between min and max digits; -1 when there are fewer than min.
    int digits(std::size_t min, std::size_t max)
    {
        int value = 0;
        std::size_t n = 0;
        while (n < max && !done() && s[i] >= '0' && s[i] <= '9')
        {
            value = value * 10 + (s[i] - '0');
            ++i;
            ++n;
        }
        return n < min ? -1 : value;
    }
};

[[noreturn]] void bad_date(std::string_view text)
{
    throw Error(ErrorKind::invalid_data,
                fmt::format("'{}' is not a date (expected YYYY-MM-DD or DD/MM/YYYY [HH:MM])",
                            escape_controls(text)));
}

// Whether text looks like an Excel serial date: up to 6 digits, optionally a fraction.
bool looks_like_serial(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
    {
        ++i;
    }
    if (i == 0 || i > 6)
    {
        return false;
    }
    if (i < text.size() && (text[i] == '.' || text[i] == ','))
    {
        ++i;
        const std::size_t frac = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        {
            ++i;
        }
        if (i == frac)
        {
            return false;
        }
    }
    return i == text.size();
}

// Parse `H:MM[:SS[.fff]]` or `H.MM`; returns seconds of the day.
int parse_clock(Cursor& c, std::string_view text, bool allow_dot)
{
    const int h = c.digits(1, 2);
    if (h < 0)
    {
        bad_date(text);
    }
    const char sep = c.peek();
    if (!(sep == ':' || (allow_dot && sep == '.')))
    {
        bad_date(text);
    }
    ++c.i;
    const int mi = c.digits(2, 2);
    int se = 0;
    if (mi < 0)
    {
        bad_date(text);
    }
    if (c.peek() == sep)
    {
        ++c.i;
        se = c.digits(2, 2);
        if (se < 0)
        {
            bad_date(text);
        }
        if (c.eat('.') || c.eat(','))
        {
            if (c.digits(1, 9) < 0)
            {
                bad_date(text);
            }
        }
    }
    if (h > 23 || mi > 59 || se > 59)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' has an impossible time of day", escape_controls(text)));
    }
    return h * 3600 + mi * 60 + se;
}

// Parse an optional `Z`, `±HH:MM` or `±HHMM`; returns the offset in minutes if one was given.
std::optional<int> parse_zone(Cursor& c, std::string_view text)
{
    if (c.eat('Z') || c.eat('z'))
    {
        return 0;
    }
    const char sign = c.peek();
    if (sign != '+' && sign != '-')
    {
        return std::nullopt;
    }
    ++c.i;
    const int hh = c.digits(2, 2);
    c.eat(':');
    const int mm = c.digits(2, 2);
    if (hh < 0 || mm < 0 || hh > 14 || mm > 59)
    {
        bad_date(text);
    }
    const int minutes = hh * 60 + mm;
    return sign == '-' ? -minutes : minutes;
}

} // namespace

std::optional<Date> make_date(int year, int month, int day)
{
    if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
    {
        return std::nullopt;
    }
    return Date{days_from_civil(year, month, day)};
}

void civil(Date date, int& year, int& month, int& day)
{
    const int z = date.days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

int iso_weekday(Date date)
{
    // 1970-01-01 was a Thursday (4).
    const int wd = ((date.days % 7) + 7 + 3) % 7;
    return wd + 1;
}

namespace
{
// Writes n digits of value at out, zero-padded: the hot path of every import and listing.
void put_digits(char* out, int value, int n)
{
    for (int k = n - 1; k >= 0; --k)
    {
        out[k] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

void put_date(char* out, Date date)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
}

std::string format_clock(Instant instant, int offset_minutes, std::string_view zone)
{
    const Instant local = instant + static_cast<Instant>(offset_minutes) * 60;
    Instant days = local / 86400;
    Instant secs = local % 86400;
    if (secs < 0)
    {
        secs += 86400;
        days -= 1;
    }
    char buf[19];
    put_date(buf, Date{static_cast<int>(days)});
    buf[10] = 'T';
    put_digits(buf + 11, static_cast<int>(secs / 3600), 2);
    buf[13] = ':';
    put_digits(buf + 14, static_cast<int>((secs / 60) % 60), 2);
    buf[16] = ':';
    put_digits(buf + 17, static_cast<int>(secs % 60), 2);
    std::string out(buf, sizeof(buf));
    out.append(zone);
    return out;
}
} // namespace

std::string format_date(Date date)
{
    char buf[10];
    put_date(buf, date);
    return std::string(buf, sizeof(buf));
}

std::string format_utc(Instant instant)
{
    return format_clock(instant, 0, "Z");
}

std::string format_local(Instant instant, UtcOffset offset)
{
    return format_clock(instant, offset.minutes, format_utc_offset(offset));
}

Date local_date(Instant instant, UtcOffset offset)
{
    const Instant local = instant + static_cast<Instant>(offset.minutes) * 60;
    Instant days = local / 86400;
    if (local % 86400 < 0)
    {
        days -= 1;
    }
    return Date{static_cast<int>(days)};
}

Instant local_midnight(Date date, UtcOffset offset)
{
    return static_cast<Instant>(date.days) * 86400 - static_cast<Instant>(offset.minutes) * 60;
}

UtcOffset parse_utc_offset(std::string_view text)
{
    const std::string t = trim(text);
    Cursor c{t};
    const char sign = c.peek();
    if (sign == '+' || sign == '-')
    {
        ++c.i;
    }
    const int hh = c.digits(1, 2);
    int mm = 0;
    if (c.eat(':') || (!c.done() && c.peek() >= '0' && c.peek() <= '9'))
    {
        mm = c.digits(2, 2);
    }
    if (sign != '+' && sign != '-')
    {
        throw Error(ErrorKind::usage,
                    fmt::format("'{}' is not a UTC offset (expected +HH:MM, e.g. +08:00)",
                                escape_controls(t)));
    }
    if (hh < 0 || mm < 0 || !c.done() || hh > 14 || mm > 59 || (mm % 15) != 0)
    {
        throw Error(ErrorKind::usage,
                    fmt::format("'{}' is not a UTC offset (expected +HH:MM, e.g. +08:00)",
                                escape_controls(t)));
    }
    const int minutes = hh * 60 + mm;
    return UtcOffset{sign == '-' ? -minutes : minutes};
}

std::string format_utc_offset(UtcOffset offset)
{
    const int m = offset.minutes < 0 ? -offset.minutes : offset.minutes;
    return fmt::format("{}{:02}:{:02}", offset.minutes < 0 ? '-' : '+', m / 60, m % 60);
}

namespace
{
// An hour of clock skew between the machines that record times.
constexpr Instant k_clock_skew = 3600;

void check_possible(Date date, std::string_view text)
{
    if (!is_possible_date(date))
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' is outside the years 2000 to 2099", escape_controls(text)));
    }
}
} // namespace

When parse_when(std::string_view raw, UtcOffset offset)
{
    const std::string text = trim(raw);
    if (looks_like_serial(text))
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' looks like an Excel serial date number", text),
                    "format the column as a date (DD/MM/YYYY) in Excel before saving");
    }
    Cursor c{text};
    int y = 0;
    int m = 0;
    int d = 0;
    bool iso = false;
    const int first = c.digits(1, 4);
    if (first < 0)
    {
        bad_date(text);
    }
    if (c.i == 4 && c.peek() == '-')
    {
        iso = true;
        y = first;
        ++c.i;
        m = c.digits(2, 2);
        if (!c.eat('-'))
        {
            bad_date(text);
        }
        d = c.digits(2, 2);
    }
    else if (c.i <= 2 && (c.peek() == '/' || c.peek() == '-'))
    {
        const char sep = c.peek();
        ++c.i;
        d = first;
        m = c.digits(1, 2);
        if (!c.eat(sep))
        {
            bad_date(text);
        }
        y = c.digits(4, 4);
    }
    else
    {
        bad_date(text);
    }
    if (y < 0 || m < 0 || d < 0)
    {
        bad_date(text);
    }
    const auto date = make_date(y, m, d);
    if (!date)
    {
        // A US date (10/24/2022, M/D as Excel in an English locale writes it) is possible
        // with day and month swapped: say so.
        const bool us = !iso && make_date(y, d, m).has_value();
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' is an impossible date{}", escape_controls(text),
                                us ? fmt::format(" (day {} of month {}? dates are D/M/YYYY)", m, d)
                                   : std::string()));
    }
    check_possible(*date, text);
    When when;
    if (c.done())
    {
        when.date = *date;
        when.instant = local_midnight(*date, offset);
        return when;
    }
    if (!(c.eat('T') || c.eat(' ') || (iso && c.eat('t'))))
    {
        bad_date(text);
    }
    while (c.eat(' '))
    {
    }
    const int seconds = parse_clock(c, text, !iso);
    while (!iso && c.eat(' '))
    {
    }
    const std::optional<int> zone = parse_zone(c, text);
    if (!c.done())
    {
        bad_date(text);
    }
    const int zone_minutes = zone.value_or(offset.minutes);
    when.has_time = true;
    when.instant = static_cast<Instant>(date->days) * 86400 + seconds -
                   static_cast<Instant>(zone_minutes) * 60;
    when.date = local_date(when.instant, offset);
    check_possible(when.date, text);
    return when;
}

bool is_possible_date(Date date)
{
    static const Date k_first = *make_date(2000, 1, 1);
    static const Date k_last = *make_date(2099, 12, 31);
    return date >= k_first && date <= k_last;
}

void check_not_future(Instant at, Instant now, UtcOffset offset)
{
    if (at > now + k_clock_skew)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is in the future (now is {})", format_local(at, offset),
                                format_local(now, offset)),
                    "check the date and the clock of this machine");
    }
}

Date parse_date(std::string_view text, UtcOffset offset)
{
    return parse_when(text, offset).date;
}

namespace
{
int digits_at(std::string_view t, std::size_t at, std::size_t n)
{
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i)
    {
        const char c = t[i];
        if (c < '0' || c > '9')
        {
            throw Error(ErrorKind::internal, "a stored date is damaged", "run mpp db check");
        }
        v = v * 10 + (c - '0');
    }
    return v;
}
} // namespace

Date stored_date(std::string_view t)
{
    if (t.size() < 10 || t[4] != '-' || t[7] != '-')
    {
        throw Error(ErrorKind::internal, "a stored date is damaged", "run mpp db check");
    }
    return Date{days_from_civil(digits_at(t, 0, 4), digits_at(t, 5, 2), digits_at(t, 8, 2))};
}

Instant stored_instant(std::string_view t)
{
    if (t.size() != 20 || t[10] != 'T' || t[19] != 'Z')
    {
        return parse_when(t, UtcOffset{0}).instant;
    }
    return static_cast<Instant>(stored_date(t).days) * 86400 + digits_at(t, 11, 2) * 3600 +
           digits_at(t, 14, 2) * 60 + digits_at(t, 17, 2);
}

Instant current_instant(const std::optional<std::string>& mpp_now, UtcOffset offset)
{
    if (mpp_now && !mpp_now->empty())
    {
        try
        {
            return parse_when(*mpp_now, offset).instant;
        }
        catch (const Error&)
        {
            throw Error(ErrorKind::config, fmt::format("MPP_NOW='{}' is not an ISO 8601 timestamp",
                                                       escape_controls(*mpp_now)));
        }
    }
    const auto now = std::chrono::system_clock::now();
    return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

void check_period(const std::optional<Date>& from, const std::optional<Date>& to,
                  std::string_view from_name, std::string_view to_name)
{
    if (from && to && *to < *from)
    {
        throw Error(ErrorKind::usage,
                    fmt::format("{} {} is after {} {}: the period ends before it begins", from_name,
                                format_date(*from), to_name, format_date(*to)),
                    fmt::format("both days are included: {} 2022-10-01 {} 2022-10-31 is October",
                                from_name, to_name));
    }
}

} // namespace mpp
