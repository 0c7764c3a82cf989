#include "mpp/applicant.hpp"

#include "mpp/error.hpp"
#include "mpp/standard_values.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

[[noreturn]] void bad_nik(const std::string& message, const std::string& hint = {})
{
    throw Error(ErrorKind::invalid_data, message, hint);
}

int two_digits(const std::string& s, std::size_t at)
{
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

} // namespace

std::string parse_nik(std::string_view text)
{
    std::string nik = trim(text);
    if (!nik.empty() && nik[0] == '\'')
    {
        nik = trim(nik.substr(1));
    }
    const bool scientific = nik.find_first_of("eE") != std::string::npos &&
                            nik.find_first_of(".,") != std::string::npos;
    if (scientific)
    {
        bad_nik("is a number in scientific notation, not 16 digits",
                "Excel stored the NIK column as a number: format it as Text and export again");
    }
    std::size_t digits = 0;
    for (const char c : nik)
    {
        digits += c >= '0' && c <= '9' ? 1 : 0;
    }
    if (digits != nik.size())
    {
        if (nik.find_first_of(".,") != std::string::npos && digits >= 12)
        {
            bad_nik("holds separators: a NIK is 16 digits",
                    "Excel stored the NIK column as a number: format it as Text and export again");
        }
        bad_nik("must be 16 digits (found other characters)");
    }
    if (nik.size() != 16)
    {
        bad_nik(fmt::format("must be 16 digits, found {}", nik.size()),
                nik.size() == 15 ? "a leading digit may have been lost" : "");
    }
    if (two_digits(nik, 0) < 11)
    {
        bad_nik(fmt::format("province code '{}' is not valid (11-99)", nik.substr(0, 2)));
    }
    const int day = two_digits(nik, 6);
    if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71)))
    {
        bad_nik("birth day (digits 7-8) is not valid (01-31, or 41-71 for women)");
    }
    const int month = two_digits(nik, 8);
    if (month < 1 || month > 12)
    {
        bad_nik("birth month (digits 9-10) is not valid (01-12)");
    }
    if (nik.substr(12) == "0000")
    {
        bad_nik("serial number (the last 4 digits) is not valid");
    }
    return nik;
}

std::string parse_mobile_phone(std::string_view text)
{
    // import.md: what Excel did to a number is an error with a hint, never a guess.
    const auto lost = spreadsheet_number_digits(text);
    if (lost && (*lost)[0] == '8' && lost->size() >= 9 && lost->size() <= 12)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("looks like {} with its leading 0 lost", mask_phone("+62" + *lost)),
                    "Excel stored the column as a number: format it as Text");
    }
    if (is_scientific_number(text))
    {
        throw Error(ErrorKind::invalid_data, "is a number in scientific notation",
                    "Excel stored the column as a number: format it as Text and enter the "
                    "numbers again");
    }
    bool plus = false;
    const std::string digits = phone_digits(text, plus);
    std::string national;
    if (digits.rfind("628", 0) == 0)
    {
        national = "0" + digits.substr(2);
    }
    else if (!plus && digits.rfind("08", 0) == 0)
    {
        national = digits;
    }
    else
    {
        throw Error(ErrorKind::invalid_data, "is not an Indonesian mobile number",
                    "write it as 0812…, 62812… or +62812…");
    }
    if (national.size() < 10 || national.size() > 13)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("has {} digits; an Indonesian mobile number has 10-13 (08…)",
                                national.size()));
    }
    return "+62" + national.substr(1);
}

std::string mask_nik(const std::string& nik)
{
    if (nik.size() < 6)
    {
        return std::string(nik.size(), '*');
    }
    return nik.substr(0, 4) + std::string(nik.size() - 6, '*') + nik.substr(nik.size() - 2);
}

std::string national_phone(const std::string& e164)
{
    return e164.rfind("+62", 0) == 0 ? "0" + e164.substr(3) : e164;
}

std::string mask_phone(const std::string& e164)
{
    const std::string n = national_phone(e164);
    if (n.size() < 7)
    {
        return std::string(n.size(), '*');
    }
    return n.substr(0, 4) + std::string(n.size() - 7, '*') + n.substr(n.size() - 3);
}

std::string mask_name(const std::string& name)
{
    std::string out;
    bool word_start = true;
    std::size_t i = 0;
    while (i < name.size())
    {
        // One code point: its lead byte and the continuation bytes after it.
        std::size_t n = 1;
        while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80)
        {
            ++n;
        }
        if (name[i] == ' ')
        {
            out += ' ';
            word_start = true;
        }
        else
        {
            out += word_start ? name.substr(i, n) : std::string("*");
            word_start = false;
        }
        i += n;
    }
    return out;
}

std::string mask_contact(const std::string& contact)
{
    const std::size_t at = contact.find('@');
    if (at == std::string::npos)
    {
        return mask_phone(contact);
    }
    return contact.substr(0, std::min<std::size_t>(at, 1)) + "***" + contact.substr(at);
}

std::string national_contact(const std::string& contact)
{
    return contact.find('@') == std::string::npos ? national_phone(contact) : contact;
}

} // namespace mpp
