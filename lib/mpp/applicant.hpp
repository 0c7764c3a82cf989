#pragma once
// Citizens' personal data (UU 27/2022): NIK and mobile phone validation, and their masks.
#include <string>
#include <string_view>

namespace mpp
{

// A NIK: 16 digits `PP KK CC DDMMYY SSSS` (province 11-99, month 01-12, day 01-31 or 41-71,
// serial not 0000). One leading `'` (Excel's text marker) is dropped. Throws
// Error(invalid_data) naming the wrong part, never echoing the whole number.
std::string parse_nik(std::string_view text);

// Whether a stored NIK ends in 0 (for the Excel-rounding check).
inline bool nik_ends_in_zero(const std::string& nik)
{
    return !nik.empty() && nik.back() == '0';
}

// An Indonesian mobile number (`08…`, `628…`, `+628…`, with spaces, dots, dashes or
// parentheses; 10-13 digits in the national form) in E.164: `+6281234567890`.
std::string parse_mobile_phone(std::string_view text);

// `5371**********01`: the first 4 and last 2 digits.
std::string mask_nik(const std::string& nik);

// `0812*****890`: the national form with the first 4 and last 3 digits.
std::string mask_phone(const std::string& e164);

// The national form of an E.164 number: `+6281234567890` -> `081234567890`.
std::string national_phone(const std::string& e164);

// `M**** L**`: the first character of each word of a name, the rest starred.
std::string mask_name(const std::string& name);

// A contact (phone in E.164 or e-mail) masked: `0812*****890` or `m***@mail.com`.
std::string mask_contact(const std::string& contact);

// A contact shown whole: a phone in its national form (`081234567890`), an e-mail as it is.
std::string national_contact(const std::string& contact);

} // namespace mpp
