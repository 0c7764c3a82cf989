#include "mpp/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace mpp
{
namespace
{

// Decode one code point at text[i]; returns its length, 0 when invalid.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp)
{
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80)
    {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0)
    {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    }
    else if ((b0 & 0xF0) == 0xE0)
    {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    }
    else if ((b0 & 0xF8) == 0xF0)
    {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    }
    else
    {
        return 0;
    }
    if (i + len > text.size())
    {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k)
    {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80)
        {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    {
        return 0;
    }
    return len;
}

struct Range
{
    char32_t first;
    char32_t last;
};

constexpr std::array<Range, 10> k_zero_width = {{{0x0300, 0x036F},
                                                 {0x0483, 0x0489},
                                                 {0x0591, 0x05BD},
                                                 {0x1AB0, 0x1AFF},
                                                 {0x1DC0, 0x1DFF},
                                                 {0x200B, 0x200F},
                                                 {0x20D0, 0x20FF},
                                                 {0xFE00, 0xFE0F},
                                                 {0xFE20, 0xFE2F},
                                                 {0xFEFF, 0xFEFF}}};

constexpr std::array<Range, 16> k_wide = {{{0x1100, 0x115F},
                                           {0x2E80, 0x303E},
                                           {0x3041, 0x33FF},
                                           {0x3400, 0x4DBF},
                                           {0x4E00, 0x9FFF},
                                           {0xA000, 0xA4CF},
                                           {0xAC00, 0xD7A3},
                                           {0xF900, 0xFAFF},
                                           {0xFE30, 0xFE4F},
                                           {0xFF00, 0xFF60},
                                           {0xFFE0, 0xFFE6},
                                           {0x1F300, 0x1F64F},
                                           {0x1F900, 0x1F9FF},
                                           {0x20000, 0x2FFFD},
                                           {0x30000, 0x3FFFD},
                                           {0x1F680, 0x1F6FF}}};

template <std::size_t N> bool in_ranges(const std::array<Range, N>& ranges, char32_t cp)
{
    return std::any_of(ranges.begin(), ranges.end(),
                       [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

std::size_t code_point_width(char32_t cp)
{
    if (cp < 0x20 || cp == 0x7F)
    {
        return 0;
    }
    if (cp < k_zero_width.front().first)
    {
        return 1; // Latin text, before every range below: most of what tables hold
    }
    if (in_ranges(k_zero_width, cp))
    {
        return 0;
    }
    return in_ranges(k_wide, cp) ? 2 : 1;
}

bool is_space_at(std::string_view text, std::size_t i, std::size_t& len)
{
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
    {
        len = 1;
        return true;
    }
    // U+00A0 no-break space and U+202F narrow no-break space, as Excel and Word produce.
    if (text.substr(i, 2) == "\xC2\xA0")
    {
        len = 2;
        return true;
    }
    if (text.substr(i, 3) == "\xE2\x80\xAF")
    {
        len = 3;
        return true;
    }
    return false;
}

} // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size())
    {
        if (static_cast<unsigned char>(text[i]) < 0x80)
        {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_utf8(text, i, cp);
        if (len == 0)
        {
            return i;
        }
        i += len;
    }
    return std::nullopt;
}

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < text.size())
    {
        char32_t cp = 0;
        const std::size_t len = decode_utf8(text, i, cp);
        if (len == 0)
        {
            ++width;
            ++i;
            continue;
        }
        width += code_point_width(cp);
        i += len;
    }
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width)
{
    if (display_width(text) <= width)
    {
        return std::string(text);
    }
    if (width == 0)
    {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < text.size())
    {
        char32_t cp = 0;
        std::size_t len = decode_utf8(text, i, cp);
        const std::size_t w = len == 0 ? 1 : code_point_width(cp);
        len = len == 0 ? 1 : len;
        if (used + w > width - 1)
        {
            break;
        }
        out.append(text.substr(i, len));
        used += w;
        i += len;
    }
    return out + "\xE2\x80\xA6";
}

bool has_control_chars(std::string_view text)
{
    return std::any_of(text.begin(), text.end(),
                       [](char c)
                       {
                           const auto u = static_cast<unsigned char>(c);
                           return u < 0x20 || u == 0x7F;
                       });
}

std::string escape_controls(std::string_view text)
{
    if (!has_control_chars(text))
    {
        return std::string(text);
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n')
        {
            out += "\\n";
        }
        else if (c == '\t')
        {
            out += "\\t";
        }
        else if (c == '\r')
        {
            out += "\\r";
        }
        else if (u < 0x20 || u == 0x7F)
        {
            out += "\\x";
            out += k_hex[u >> 4];
            out += k_hex[u & 0xF];
        }
        else
        {
            out += c;
        }
    }
    return out;
}

std::string trim(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t len = 0;
    while (begin < text.size() && is_space_at(text, begin, len))
    {
        begin += len;
    }
    std::size_t end = text.size();
    while (end > begin)
    {
        if (is_space_at(text, end - 1, len))
        {
            end -= 1;
        }
        else if (end >= begin + 2 && text.substr(end - 2, 2) == "\xC2\xA0")
        {
            end -= 2;
        }
        else if (end >= begin + 3 && text.substr(end - 3, 3) == "\xE2\x80\xAF")
        {
            end -= 3;
        }
        else
        {
            break;
        }
    }
    return std::string(text.substr(begin, end - begin));
}

std::string to_upper(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
    {
        if (c >= 'a' && c <= 'z')
        {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

std::string to_lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string fold_name(std::string_view text)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
    {
        text.remove_prefix(3);
    }
    const std::string lowered = to_lower(trim(text));
    std::string out;
    bool pending = false;
    for (const char c : lowered)
    {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80;
        if (!keep)
        {
            pending = true;
            continue;
        }
        if (pending && !out.empty())
        {
            out += '_';
        }
        pending = false;
        out += c;
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
    {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i)
    {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
        {
            const std::size_t up = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = up;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates)
{
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates)
    {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance)
        {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

std::vector<std::string> split_trimmed(std::string_view text, std::string_view separator)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size())
    {
        const std::size_t pos = text.find(separator, start);
        const std::size_t end = pos == std::string_view::npos ? text.size() : pos;
        std::string piece = trim(text.substr(start, end - start));
        if (!piece.empty())
        {
            out.push_back(std::move(piece));
        }
        if (pos == std::string_view::npos)
        {
            break;
        }
        start = pos + separator.size();
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
    {
        if (i > 0)
        {
            out += separator;
        }
        out += parts[i];
    }
    return out;
}

std::string group_thousands(long long value, char separator)
{
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -static_cast<unsigned long long>(value)
                                                 : static_cast<unsigned long long>(value));
    std::string out;
    const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out += digits.substr(0, first);
    for (std::size_t i = first; i < digits.size(); i += 3)
    {
        out += separator;
        out += digits.substr(i, 3);
    }
    return negative ? "-" + out : out;
}

} // namespace mpp
