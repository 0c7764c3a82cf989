#include "mpp/values.hpp"

#include "mpp/error.hpp"
#include "mpp/standard_values.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{
[[noreturn]] void invalid(const std::string& message, const std::string& hint = {})
{
    throw Error(ErrorKind::invalid_data, message, hint);
}
} // namespace

std::string parse_code(std::string_view text, std::size_t min, std::size_t max,
                       bool allow_underscore)
{
    std::string code = to_upper(trim(text));
    const bool size_ok = code.size() >= min && code.size() <= max;
    bool chars_ok = true;
    for (const char c : code)
    {
        chars_ok = chars_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                                (allow_underscore && c == '_'));
    }
    if (!size_ok || !chars_ok)
    {
        invalid(fmt::format("'{}' is not a valid code ({}-{} of A-Z 0-9 -{})",
                            escape_controls(code), min, max, allow_underscore ? " _" : ""));
    }
    return code;
}

std::string parse_external_key(std::string_view text)
{
    const std::string r = trim(text);
    if (r.empty() || r.size() > 64 || has_control_chars(r) || invalid_utf8_at(r))
    {
        invalid("must be 1-64 printable characters");
    }
    return r;
}

std::string parse_text(std::string_view text, std::size_t max, bool allow_newlines)
{
    std::string value = trim(text);
    if (value.empty())
    {
        invalid("must not be empty");
    }
    if (invalid_utf8_at(value))
    {
        invalid("is not valid UTF-8");
    }
    for (const char c : value)
    {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 || u == 0x7F) && !(allow_newlines && (c == '\n' || c == '\t')))
        {
            invalid("must not hold control characters");
        }
    }
    // Count characters, not bytes.
    std::size_t chars = 0;
    for (const char c : value)
    {
        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (chars > max)
    {
        invalid(fmt::format("is longer than {} characters", max));
    }
    return value;
}

std::string phone_digits(std::string_view text, bool& plus)
{
    const std::string raw = trim(text);
    std::string digits;
    plus = false;
    for (std::size_t i = 0; i < raw.size(); ++i)
    {
        const char c = raw[i];
        if (c >= '0' && c <= '9')
        {
            digits += c;
        }
        else if (c == '+' && i == 0)
        {
            plus = true;
        }
        else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')')
        {
            invalid("is not a telephone number");
        }
    }
    return digits;
}

std::string parse_any_phone(std::string_view text)
{
    const std::string raw = trim(text);
    bool plus = false;
    const std::string digits = phone_digits(raw, plus);
    std::string national;
    if (digits.rfind("62", 0) == 0 && (plus || digits.size() >= 10))
    {
        national = digits.substr(2);
    }
    else if (!plus && digits.rfind('0', 0) == 0)
    {
        national = digits.substr(1);
    }
    else
    {
        invalid(fmt::format("'{}' is not an Indonesian telephone number", escape_controls(raw)),
                "write it as 0380 821234, 0812 3456 7890 or +62 812 3456 7890");
    }
    if (national.size() < 7 || national.size() > 12 || national[0] == '0')
    {
        invalid(fmt::format("'{}' has the wrong number of digits for an Indonesian number",
                            escape_controls(raw)));
    }
    return "+62" + national;
}

std::string parse_email(std::string_view text)
{
    const std::string raw = trim(text);
    const std::size_t at = raw.find('@');
    const bool ok = at != std::string::npos && at > 0 &&
                    raw.find('@', at + 1) == std::string::npos &&
                    raw.find_first_of(" \t\r\n,;<>\"") == std::string::npos &&
                    raw.find('.', at) != std::string::npos && raw.back() != '.' &&
                    raw[at + 1] != '.' && raw.size() <= 254;
    if (!ok)
    {
        invalid(fmt::format("'{}' is not an e-mail address", escape_controls(raw)));
    }
    return raw.substr(0, at + 1) + to_lower(raw.substr(at + 1));
}

std::string parse_choice(std::string_view text,
                         const std::vector<std::pair<std::string, std::string>>& choices,
                         const std::vector<std::string>& canonical)
{
    const std::string folded = fold_name(text);
    for (const auto& [alias, name] : choices)
    {
        if (folded == alias)
        {
            return name;
        }
    }
    invalid(
        fmt::format("'{}' is not one of: {}", escape_controls(trim(text)), join(canonical, ", ")));
}

namespace
{
// Whether the text (lower case) says there is no fee.
bool free_of_charge(const std::string& lower)
{
    return lower == "gratis" || lower == "free" || lower == "-" || lower == "nihil" ||
           lower == "tanpa biaya" || lower == "tidak dipungut biaya";
}

// An amount without words: `Rp 1.500.000,-`.
long long amount_of(const std::string& raw)
{
    std::string s = to_lower(raw);
    if (s.rfind("rp", 0) == 0)
    {
        s = trim(s.substr(s.size() > 2 && s[2] == '.' ? 3 : 2));
    }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == ",00" || s.substr(s.size() - 3) == ".00"))
    {
        s.resize(s.size() - 3);
    }
    else if (s.size() >= 2 && s.substr(s.size() - 2) == ",-")
    {
        s.resize(s.size() - 2);
    }
    if (!s.empty() && s[0] == '-')
    {
        invalid(fmt::format("'{}' is negative: an amount must be 0 or more", escape_controls(raw)));
    }
    // Digits, with `.` (or, in English-style files, `,`) separating groups of three.
    const char sep = s.find('.') != std::string::npos ? '.' : ',';
    std::string digits;
    std::size_t group = 0;
    bool grouped = false;
    bool ok = !s.empty();
    for (std::size_t i = 0; i < s.size() && ok; ++i)
    {
        const char c = s[i];
        if (c >= '0' && c <= '9')
        {
            digits += c;
            ++group;
        }
        else if (c == sep || c == ' ')
        {
            ok = i > 0 && (!grouped || group == 3) && (grouped || group <= 3);
            grouped = true;
            group = 0;
        }
        else
        {
            ok = false;
        }
    }
    ok = ok && (!grouped || group == 3) && !digits.empty() && digits.size() <= 15;
    if (!ok)
    {
        invalid(fmt::format("'{}' is not an amount of Rupiah", escape_controls(raw)),
                "write a whole number, e.g. 150000 or Rp 150.000");
    }
    return std::stoll(digits);
}
} // namespace

long long parse_money(std::string_view text)
{
    const std::string raw = trim(text);
    if (free_of_charge(to_lower(raw)))
    {
        return 0;
    }
    const std::size_t open = raw.find('(');
    if (open == std::string::npos || open == 0 || raw.back() != ')')
    {
        return amount_of(raw);
    }
    // `Rp 0,- (gratis)`, `Rp 50.000,- (lima puluh ribu rupiah)`: the words must agree.
    const long long amount = amount_of(trim(raw.substr(0, open)));
    const std::string words = to_lower(trim(raw.substr(open + 1, raw.size() - open - 2)));
    if (free_of_charge(words) ? amount != 0 : parse_number_words(words) != amount)
    {
        invalid(fmt::format("'{}': the words in parentheses do not say {}", escape_controls(raw),
                            amount),
                "write the amount alone, e.g. Rp 50.000,-");
    }
    return amount;
}

std::string format_rupiah(long long amount, const std::string& lang)
{
    if (amount == 0)
    {
        return lang == "en" ? "Free" : "Gratis";
    }
    return "Rp " + group_thousands(amount, lang == "en" ? ',' : '.');
}

long long parse_integer(std::string_view text, long long min, long long max)
{
    const std::string raw = trim(text);
    long long value = 0;
    bool ok = !raw.empty() && raw.size() <= 18;
    for (std::size_t i = 0; i < raw.size() && ok; ++i)
    {
        const char c = raw[i];
        if (c == '-' && i == 0 && raw.size() > 1)
        {
            continue;
        }
        ok = c >= '0' && c <= '9';
        value = value * 10 + (c - '0');
    }
    if (!ok)
    {
        invalid(fmt::format("'{}' is not a whole number", escape_controls(raw)));
    }
    value = raw[0] == '-' ? -value : value;
    if (value < min || value > max)
    {
        invalid(fmt::format("{} is out of range ({} to {})", value, min, max));
    }
    return value;
}

} // namespace mpp
