#pragma once
// Parsers for field values shared by command options and CSV imports. Each throws
// Error(invalid_data) with a message that names the problem (never the full personal value).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpp
{

// A code: upper-cased, min..max characters of A-Z 0-9 and `-` (and `_` when allowed).
std::string parse_code(std::string_view text, std::size_t min, std::size_t max,
                       bool allow_underscore = false);

// The key another system gave a record (a reference, a LAPOR! number): trimmed, 1-64
// printable characters.
std::string parse_external_key(std::string_view text);
// A required text of 1..max characters: valid UTF-8 without control characters.
std::string parse_text(std::string_view text, std::size_t max, bool allow_newlines = false);

// The digits of a telephone number written with spaces, dots, dashes or parentheses; `plus`
// tells whether it began with `+`. Throws Error(invalid_data) (not echoing the text) otherwise.
std::string phone_digits(std::string_view text, bool& plus);

// Any Indonesian telephone number (mobile or landline) in E.164: `0380 821234` -> `+62380821234`.
std::string parse_any_phone(std::string_view text);

// An e-mail address (one @, a dotted domain, no spaces), lower-cased domain.
std::string parse_email(std::string_view text);

// An enumerated value: the canonical names and their Indonesian aliases, folded first.
// `choices` pairs an alias (or canonical name) with its canonical name.
std::string parse_choice(std::string_view text,
                         const std::vector<std::pair<std::string, std::string>>& choices,
                         const std::vector<std::string>& canonical);

// Rupiah: digits, optionally `Rp`, `.` thousands separators and a trailing `,00` or `,-`
// (`Rp 1.500.000`), then optionally the amount in words in parentheses, which must agree
// (`Rp 0,- (gratis)`, `Rp 5.000 (lima ribu rupiah)`); `Gratis`, `-`, `nihil`, `tanpa biaya`
// and `tidak dipungut biaya` are 0. Must be a whole number >= 0.
long long parse_money(std::string_view text);

// `Rp 1.500.000`, or `Gratis` (id) / `Free` (en) for 0.
std::string format_rupiah(long long amount, const std::string& lang);

// A whole number in [min, max].
long long parse_integer(std::string_view text, long long min, long long max);

} // namespace mpp
