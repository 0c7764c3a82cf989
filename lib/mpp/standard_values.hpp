#pragma once
// Values of a Standar Pelayanan as offices write them (data.md "Service", "Agency"): fees with
// a variable fee kept as text, time limits in working days, agency telephone and service
// numbers. Each parser throws Error(invalid_data) with a hint when it cannot read the value.
#include <optional>
#include <string>
#include <string_view>

namespace mpp
{

// A whole number written in Indonesian words (`tiga`, `dua puluh satu`, `seratus`, `satu juta
// lima ratus ribu rupiah`); nullopt when the text is anything else.
std::optional<long long> parse_number_words(std::string_view text);

// The fee of a service: an amount, or a variable fee written as text (then amount is 0).
struct Fee
{
    long long amount = 0;
    std::optional<std::string> text;
};

// An amount (parse_money), or text beginning with a word of variable_fee_words() kept as
// written. Anything else, a mistyped amount included, is an error.
Fee parse_fee(std::string_view text);

// The first words that mark a variable fee (`Sesuai Perda No. 5 Tahun 2021`), lower case.
const char* variable_fee_words();

// A time limit in working days: `14`, `14 hari`, `14 hari kerja`, `3 (tiga) hari kerja`,
// `paling lama 5 HK`, `tiga hari`, and for 0 `selesai di tempat` or `saat itu juga`. Weeks,
// months, hours and calendar days are errors with a hint.
int parse_working_days(std::string_view text);

// An agency telephone: a geographic, mobile or toll-free number in E.164 (`+62380821234`), or
// a service number of 3-7 digits beginning with 1 (`112`, `14045`, `1500-400`) as its digits.
std::string parse_agency_phone(std::string_view text);

// The digits of a number that a spreadsheet stored as a number (`82296444129`,
// `8.2296444129E10`): nullopt unless the text is such a number written out in full.
std::optional<std::string> spreadsheet_number_digits(std::string_view text);

// Whether the text is a number in scientific notation (`8.22964E+10`).
bool is_scientific_number(std::string_view text);

} // namespace mpp
