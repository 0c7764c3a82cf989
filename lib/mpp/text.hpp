#pragma once
// Locale-independent text helpers: UTF-8 checks, display width, folding and escaping.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// Offset of the first byte that is not valid UTF-8, or nullopt when all of it is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// Terminal columns the UTF-8 text takes (combining marks 0, East Asian wide 2).
std::size_t display_width(std::string_view text);

// The longest prefix of text that fits in `width` columns, with "…" when it was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

// Text with control characters written as visible escapes (\n, \t, \x1b).
std::string escape_controls(std::string_view text);

// Whether the text holds any C0 control character or DEL.
bool has_control_chars(std::string_view text);

// Surrounding spaces, tabs and no-break spaces removed.
std::string trim(std::string_view text);

// ASCII upper-case / lower-case copies.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// Header folding of import.md: BOM removed, trimmed, lower-cased, runs of spaces and
// punctuation turned into one `_`, no `_` at either end.
std::string fold_name(std::string_view text);

// Edit distance used for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word within a small distance, if any.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// Split on a separator string; pieces are trimmed and empty ones dropped.
std::vector<std::string> split_trimmed(std::string_view text, std::string_view separator);

// Join with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Integer with `,` (en) or `.` (id) thousands separators: 120000 -> "120,000".
std::string group_thousands(long long value, char separator = ',');

} // namespace mpp
