// NIK and mobile phone validation and masks (UU 27/2022).
#include "mpp/applicant.hpp"
#include "mpp/error.hpp"

#include <doctest/doctest.h>

namespace
{
std::string nik_error(const char* text)
{
    try
    {
        mpp::parse_nik(text);
    }
    catch (const mpp::Error& e)
    {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST_CASE("valid NIKs, for men and women, with Excel's text marker")
{
    CHECK(mpp::parse_nik("5371010107900001") == "5371010107900001");
    CHECK(mpp::parse_nik("5371014107900001") == "5371014107900001"); // woman: day + 40
    CHECK(mpp::parse_nik(" '5371017112990123 ") == "5371017112990123");
}

TEST_CASE("a bad NIK names the wrong part and never echoes the whole number")
{
    CHECK(nik_error("537101010790001") == "must be 16 digits, found 15");
    CHECK(nik_error("0971010107900001") == "province code '09' is not valid (11-99)");
    CHECK(nik_error("5371013207900001") ==
          "birth day (digits 7-8) is not valid (01-31, or 41-71 for women)");
    CHECK(nik_error("5371017207900001") ==
          "birth day (digits 7-8) is not valid (01-31, or 41-71 for women)");
    CHECK(nik_error("5371010113900001") == "birth month (digits 9-10) is not valid (01-12)");
    CHECK(nik_error("5371010107900000") == "serial number (the last 4 digits) is not valid");
    CHECK(nik_error("53710101079O0001") == "must be 16 digits (found other characters)");
    for (const char* bad : {"5371010107900001x", "0971010107900001"})
    {
        CHECK(nik_error(bad).find("5371010107900001") == std::string::npos);
    }
}

TEST_CASE("a bad NIK's message shows no digit that its mask hides")
{
    // The mask keeps digits 1-4 and 15-16; the birth date (7-12) and serial must not appear.
    for (const char* bad : {"5371013207900001", "5371017207900001", "5371010113900001",
                            "5371010107900000", "5371019913900001"})
    {
        const std::string message = nik_error(bad);
        const std::string nik = bad;
        CAPTURE(message);
        CHECK(message.find('\'') == std::string::npos); // no quoted part of the number
        for (std::size_t i = 4; i + 4 <= 16; ++i)
        {
            CHECK(message.find(nik.substr(i, 4)) == std::string::npos);
        }
    }
}

TEST_CASE("Excel's number forms get the hint")
{
    for (const char* excel : {"5.37101E+15", "5,37101E+15", "5.371010107900001e15"})
    {
        try
        {
            mpp::parse_nik(excel);
            FAIL("no error");
        }
        catch (const mpp::Error& e)
        {
            CHECK(std::string(e.what()).find("scientific") != std::string::npos);
            CHECK(e.hint().find("Excel") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(mpp::parse_nik("5.371.010.107.900.001"), mpp::Error);
}

TEST_CASE("mobile numbers become E.164")
{
    CHECK(mpp::parse_mobile_phone("081234567890") == "+6281234567890");
    CHECK(mpp::parse_mobile_phone("0812-3456-7890") == "+6281234567890");
    CHECK(mpp::parse_mobile_phone("(0812) 3456 7890") == "+6281234567890");
    CHECK(mpp::parse_mobile_phone("6281234567890") == "+6281234567890");
    CHECK(mpp::parse_mobile_phone("+62 812.3456.7890") == "+6281234567890");
    CHECK(mpp::parse_mobile_phone("0812345678") == "+62812345678");         // 10 digits
    CHECK_THROWS_AS(mpp::parse_mobile_phone("081234567"), mpp::Error);      // 9 digits
    CHECK_THROWS_AS(mpp::parse_mobile_phone("08123456789012"), mpp::Error); // 14 digits
    CHECK_THROWS_AS(mpp::parse_mobile_phone("0380 821234"), mpp::Error);    // a landline
    CHECK_THROWS_AS(mpp::parse_mobile_phone("+1 202 555 0100"), mpp::Error);
}

TEST_CASE("a mobile number that Excel stored as a number: an error with a hint, never a guess")
{
    for (const char* lost : {"82296444129", "8.2296444129E10", "8,2296444129E+10"})
    {
        CAPTURE(lost);
        try
        {
            mpp::parse_mobile_phone(lost);
            FAIL("accepted");
        }
        catch (const mpp::Error& e)
        {
            // Masked like every output: the message never shows the whole number.
            CHECK(std::string(e.what()) == "looks like 0822*****129 with its leading 0 lost");
            CHECK(e.hint() == "Excel stored the column as a number: format it as Text");
        }
    }
    try
    {
        mpp::parse_mobile_phone("8.22964E+10");
        FAIL("accepted");
    }
    catch (const mpp::Error& e)
    {
        CHECK(std::string(e.what()) == "is a number in scientific notation");
    }
    CHECK_THROWS_AS(mpp::parse_mobile_phone("3808212345"), mpp::Error); // not a mobile either way
}

TEST_CASE("masks")
{
    CHECK(mpp::mask_nik("5371010107900001") == "5371**********01");
    CHECK(mpp::mask_phone("+6281234567890") == "0812*****890");
    CHECK(mpp::national_phone("+6281234567890") == "081234567890");
}
