#include "mpp/standard_values.hpp"

#include "mpp/error.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <vector>

namespace mpp
{
namespace
{

[[noreturn]] void invalid(const std::string& message, const std::string& hint = {})
{
    throw Error(ErrorKind::invalid_data, message, hint);
}

// The words of a lower-cased text, split on spaces.
std::vector<std::string> words_of(std::string_view text)
{
    return split_trimmed(to_lower(trim(text)), " ");
}

bool starts_with(const std::string& text, std::string_view prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// 0-9 as words, or -1.
int unit_word(const std::string& word)
{
    static const std::array<const char*, 10> k_units = {
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
    for (std::size_t i = 0; i < k_units.size(); ++i)
    {
        if (word == k_units[i])
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

// The multiplier of `ribu`, `juta`, `miliar` (`seribu` is 1 ribu), or 0.
long long scale_word(const std::string& word)
{
    return word == "ribu" || word == "seribu" ? 1000
           : word == "juta"                   ? 1000000
           : word == "miliar"                 ? 1000000000
                                              : 0;
}

// Adds one word below a thousand to `group` (hundreds) and `small` (below a hundred).
bool add_small_word(const std::string& w, long long& group, long long& small)
{
    const int unit = unit_word(w);
    const bool single = small >= 1 && small <= 9;
    if (unit >= 0 && small % 10 == 0 && small < 100)
    {
        small += unit;
    }
    else if ((w == "sepuluh" || w == "sebelas") && small == 0)
    {
        small = w == "sepuluh" ? 10 : 11;
    }
    else if ((w == "belas" || w == "puluh") && single)
    {
        small = w == "belas" ? small + 10 : small * 10;
    }
    else if (w == "seratus" && group == 0 && small == 0)
    {
        group = 100;
    }
    else if (w == "ratus" && single && group == 0)
    {
        group = small * 100;
        small = 0;
    }
    else
    {
        return false;
    }
    return true;
}

// Strips one leading phrase of `prefixes` (and the space after it) from text.
std::string strip_prefix(std::string text, const std::vector<std::string_view>& prefixes)
{
    for (const auto prefix : prefixes)
    {
        if (starts_with(text, prefix))
        {
            return trim(text.substr(prefix.size()));
        }
    }
    return text;
}

// Whether text (lower case) says the service is done the same working day.
bool same_day_phrase(const std::string& text)
{
    static const std::vector<std::string_view> k_phrases = {
        "di tempat",      "saat itu juga",        "hari itu juga",
        "hari yang sama", "hari kerja yang sama", "same day",
        "the same day",   "the same working day"};
    const std::string rest = strip_prefix(strip_prefix(text, {"selesai "}), {"pada "});
    return std::find(k_phrases.begin(), k_phrases.end(), rest) != k_phrases.end();
}

// A time limit that begins with its number in words (`tiga hari kerja` -> 3, `hari kerja`).
std::pair<long long, std::string> leading_words(const std::string& text, const std::string& shown)
{
    const auto words = split_trimmed(text, " ");
    // The longest run of leading words that reads as a number; a time limit never takes more
    // than a few (`dua ribu tiga ratus enam puluh lima`).
    for (std::size_t n = std::min<std::size_t>(words.size(), 8); n > 0; --n)
    {
        const auto split = words.begin() + static_cast<std::ptrdiff_t>(n);
        if (auto value =
                parse_number_words(join(std::vector<std::string>(words.begin(), split), " ")))
        {
            return {*value, join(std::vector<std::string>(split, words.end()), " ")};
        }
    }
    invalid(fmt::format("'{}' is not a number of working days", shown),
            "write it as 14, 14 hari kerja or 3 (tiga) hari kerja; 0 = the same working day");
}

// The number at the start of a time limit and the text after it (`3 (tiga) hari` -> 3, `hari`).
std::pair<long long, std::string> leading_number(const std::string& text, const std::string& shown)
{
    std::size_t end = 0;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9')
    {
        ++end;
    }
    if (end == 0)
    {
        return leading_words(text, shown);
    }
    if (end > 6)
    {
        invalid(fmt::format("'{}' is more than 3650 working days", shown));
    }
    const long long value = parse_integer(text.substr(0, end), 0, 999999);
    std::string rest = trim(text.substr(end));
    if (!rest.empty() && rest[0] == '(')
    {
        const std::size_t close = rest.find(')');
        const auto words = close == std::string::npos
                               ? std::nullopt
                               : parse_number_words(rest.substr(1, close - 1));
        if (words != value)
        {
            invalid(fmt::format("'{}': the number in words does not say {}", shown, value),
                    "write it as 3 (tiga) hari kerja, or without the words");
        }
        rest = trim(rest.substr(close + 1));
    }
    return {value, rest};
}

// Throws for a unit other than (working) days, with the hint that fits.
void check_day_unit(const std::string& unit, const std::string& shown)
{
    static const std::vector<std::string> k_days = {"",    "hari", "hari kerja",  "hk",
                                                    "day", "days", "working day", "working days"};
    if (std::find(k_days.begin(), k_days.end(), unit) != k_days.end())
    {
        return;
    }
    const std::string first = split_trimmed(unit, " ").empty() ? "" : split_trimmed(unit, " ")[0];
    static const std::vector<std::string> k_long = {"minggu", "pekan", "bulan",  "tahun", "week",
                                                    "weeks",  "month", "months", "year",  "years"};
    static const std::vector<std::string> k_short = {"jam",   "menit",  "detik",  "hour",
                                                     "hours", "minute", "minutes"};
    if (std::find(k_long.begin(), k_long.end(), first) != k_long.end())
    {
        invalid(fmt::format("'{}' is not in working days", shown),
                "the time limit counts working days: write them out, e.g. 15 hari kerja");
    }
    if (std::find(k_short.begin(), k_short.end(), first) != k_short.end())
    {
        invalid(fmt::format("'{}' is less than a working day", shown),
                "a time limit within the working day is 0 (the same working day)");
    }
    if (unit == "hari kalender" || unit == "calendar days")
    {
        invalid(fmt::format("'{}' counts calendar days", shown),
                "the time limit counts working days (hari kerja): count the working days");
    }
    invalid(fmt::format("'{}' is not a number of working days", shown),
            "write it as 14, 14 hari kerja or 3 (tiga) hari kerja; 0 = the same working day");
}

// Whether the text begins with a word that marks a variable fee.
bool variable_fee(const std::string& text)
{
    static const std::vector<std::string> k_words = {
        "sesuai",    "berdasarkan", "bervariasi", "tergantung", "menyesuaikan",
        "mengikuti", "mengacu",     "menurut",    "ditetapkan", "dihitung"};
    const std::string lower = to_lower(text);
    std::size_t end = 0;
    while (end < lower.size() && lower[end] >= 'a' && lower[end] <= 'z')
    {
        ++end;
    }
    return std::find(k_words.begin(), k_words.end(), lower.substr(0, end)) != k_words.end();
}

} // namespace

std::optional<long long> parse_number_words(std::string_view text)
{
    auto words = words_of(text);
    if (!words.empty() && words.back() == "rupiah")
    {
        words.pop_back();
    }
    long long total = 0;
    long long group = 0;
    long long small = 0;
    long long last_scale = 1000000000000;
    for (const std::string& w : words)
    {
        const long long scale = scale_word(w);
        if (scale > 0)
        {
            const long long count = w == "seribu" && group + small == 0 ? 1 : group + small;
            if (count == 0 || scale >= last_scale || (w == "seribu" && group + small > 0))
            {
                return std::nullopt;
            }
            total += count * scale;
            last_scale = scale;
            group = small = 0;
        }
        else if (!add_small_word(w, group, small) || (w == "nol" && words.size() > 1))
        {
            return std::nullopt;
        }
    }
    if (words.empty())
    {
        return std::nullopt;
    }
    return total + group + small;
}

Fee parse_fee(std::string_view text)
{
    const std::string raw = trim(text);
    if (variable_fee(raw))
    {
        return Fee{0, parse_text(raw, 500)};
    }
    try
    {
        return Fee{parse_money(raw), std::nullopt};
    }
    catch (const Error& e)
    {
        // Text that is neither an amount nor a variable fee: say both ways of writing a fee.
        const bool unreadable = e.hint().rfind("write a whole number", 0) == 0;
        invalid(e.what(), unreadable ? "write an amount (150000, Rp 150.000,-, Gratis) or a "
                                       "variable fee beginning with Sesuai, Berdasarkan, "
                                       "Bervariasi or Tergantung (Sesuai Perda No. 5 Tahun 2021)"
                                     : e.hint());
    }
}

int parse_working_days(std::string_view text)
{
    const std::string shown = escape_controls(trim(text));
    const std::string lower = join(words_of(text), " ");
    if (lower.size() > 1 && lower[0] == '-' && lower[1] >= '0' && lower[1] <= '9')
    {
        invalid(fmt::format("'{}' is negative: the time limit is 0 or more working days", shown));
    }
    const std::string s = strip_prefix(
        lower, {"paling lama ", "paling lambat ", "selambat-lambatnya ", "maksimal ", "maksimum "});
    if (same_day_phrase(s))
    {
        return 0;
    }
    const auto [days, unit] = leading_number(s, shown);
    check_day_unit(unit, shown);
    if (days > 3650)
    {
        invalid(fmt::format("'{}' is more than 3650 working days", shown));
    }
    return static_cast<int>(days);
}

std::string parse_agency_phone(std::string_view text)
{
    const std::string raw = trim(text);
    bool plus = false;
    const std::string digits = phone_digits(raw, plus);
    // A service number has no E.164 form; written with +62 it is still the same number.
    const std::string local = plus && starts_with(digits, "62") ? digits.substr(2) : digits;
    if ((!plus || local != digits) && local.size() >= 3 && local.size() <= 7 && local[0] == '1')
    {
        return local;
    }
    const bool national = plus || digits.empty() || digits[0] == '0' || digits[0] == '1' ||
                          (starts_with(digits, "62") && digits.size() >= 10);
    if (!national && digits.size() >= 9)
    {
        try
        {
            parse_any_phone("0" + digits);
        }
        catch (const Error&)
        {
            return parse_any_phone(raw);
        }
        invalid(fmt::format("'{}' looks like 0{} with its leading 0 lost", raw, digits),
                "Excel stored the column as a number: format it as Text");
    }
    if (!national && digits.size() >= 5)
    {
        invalid(fmt::format("'{}' has no area code", raw),
                "write it with its area code, e.g. (0380) 821234");
    }
    return parse_any_phone(raw);
}

bool is_scientific_number(std::string_view text)
{
    const std::string s = trim(text);
    const std::size_t e = s.find_first_of("eE");
    if (e == std::string::npos || e == 0 || e + 1 >= s.size())
    {
        return false;
    }
    const auto numeric = [](std::string_view part, std::string_view extra)
    {
        return !part.empty() && part.find_first_not_of(std::string("0123456789") +
                                                       std::string(extra)) == std::string::npos;
    };
    std::string_view exponent = std::string_view(s).substr(e + 1);
    if (exponent[0] == '+')
    {
        exponent.remove_prefix(1);
    }
    return numeric(std::string_view(s).substr(0, e), ".,") && numeric(exponent, "");
}

std::optional<std::string> spreadsheet_number_digits(std::string_view text)
{
    const std::string s = trim(text);
    if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos)
    {
        return s;
    }
    if (!is_scientific_number(s))
    {
        return std::nullopt;
    }
    const std::size_t e = s.find_first_of("eE");
    const std::string mantissa = s.substr(0, e);
    const std::size_t sep = mantissa.find_first_of(".,");
    const std::size_t decimals = sep == std::string::npos ? 0 : mantissa.size() - sep - 1;
    const std::string exponent = s.substr(e + 1);
    if (sep != 1 || exponent.size() > 3 || std::stoul(exponent) != decimals)
    {
        return std::nullopt; // rounded or not a whole number: no digits to trust
    }
    return mantissa.substr(0, 1) + mantissa.substr(2);
}

} // namespace mpp
