// Dates, instants and offsets, independent of the machine's time zone.
#include "mpp/datetime.hpp"
#include "mpp/error.hpp"

#include <doctest/doctest.h>

using mpp::UtcOffset;

namespace
{
const UtcOffset k_wita{480};

mpp::ErrorKind kind_of(const char* text)
{
    try
    {
        mpp::parse_when(text, k_wita);
    }
    catch (const mpp::Error& e)
    {
        return e.kind();
    }
    return mpp::ErrorKind::internal;
}

std::string utc(const char* text)
{
    return mpp::format_utc(mpp::parse_when(text, k_wita).instant);
}
} // namespace

TEST_CASE("civil dates round-trip and weekdays are ISO")
{
    const auto d = mpp::make_date(2022, 10, 24);
    REQUIRE(d);
    CHECK(mpp::format_date(*d) == "2022-10-24");
    CHECK(mpp::iso_weekday(*d) == 1); // Monday
    CHECK(mpp::iso_weekday(*mpp::make_date(2022, 10, 29)) == 6);
    CHECK(mpp::iso_weekday(*mpp::make_date(1970, 1, 1)) == 4);
    CHECK_FALSE(mpp::make_date(2024, 2, 30));
    CHECK(mpp::make_date(2024, 2, 29));
    CHECK_FALSE(mpp::make_date(2023, 2, 29));
}

TEST_CASE("ISO 8601 forms")
{
    CHECK(utc("2022-10-24") == "2022-10-23T16:00:00Z");
    CHECK(utc("2022-10-24T09:15") == "2022-10-24T01:15:00Z");
    CHECK(utc("2022-10-24 09:15:00+08:00") == "2022-10-24T01:15:00Z");
    CHECK(utc("2022-10-24T01:15:00Z") == "2022-10-24T01:15:00Z");
    CHECK(utc("2022-10-24T09:15:00.250+0800") == "2022-10-24T01:15:00Z");
}

TEST_CASE("Indonesian D/M/YYYY forms, never MM/DD")
{
    CHECK(utc("24/10/2022 9.15") == "2022-10-24T01:15:00Z");
    CHECK(utc("24-10-2022 09:15:30") == "2022-10-24T01:15:30Z");
    CHECK(utc("1/2/2023") == "2023-01-31T16:00:00Z");
    CHECK(mpp::format_date(mpp::parse_date("5/11/2022", k_wita)) == "2022-11-05");
    CHECK(kind_of("10/24/2022") == mpp::ErrorKind::invalid_data); // month 24
}

TEST_CASE("impossible and malformed dates are invalid data")
{
    CHECK(kind_of("31/02/2024") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("2022-13-01") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("24/10/2022 25:00") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("kemarin") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("2022-10-24T09:15junk") == mpp::ErrorKind::invalid_data);
}

TEST_CASE("an Excel serial number gets a hint")
{
    try
    {
        mpp::parse_when("44858", k_wita);
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(std::string(e.what()).find("Excel serial") != std::string::npos);
        CHECK_FALSE(e.hint().empty());
    }
    CHECK(kind_of("44858,5") == mpp::ErrorKind::invalid_data);
}

namespace
{
std::string message_of(const char* text)
{
    try
    {
        mpp::parse_when(text, k_wita);
    }
    catch (const mpp::Error& e)
    {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST_CASE("a US date that is possible with day and month swapped says so; never read as M/D")
{
    CHECK(message_of("10/24/2022") ==
          "'10/24/2022' is an impossible date (day 24 of month 10? dates are D/M/YYYY)");
    CHECK(message_of("12-31-2022 9.15") ==
          "'12-31-2022 9.15' is an impossible date (day 31 of month 12? dates are D/M/YYYY)");
    CHECK(message_of("2/29/2024") ==
          "'2/29/2024' is an impossible date (day 29 of month 2? dates are D/M/YYYY)");
    // Swapped it is still impossible: no hint.
    CHECK(message_of("31/02/2024") == "'31/02/2024' is an impossible date");
    CHECK(message_of("2/29/2023") == "'2/29/2023' is an impossible date");
    CHECK(message_of("13/13/2022") == "'13/13/2022' is an impossible date");
    // ISO dates are never day/month swapped.
    CHECK(message_of("2022-13-05") == "'2022-13-05' is an impossible date");
}

TEST_CASE("local dates use the office offset, not the machine's zone")
{
    const auto t = mpp::parse_when("2022-10-31T16:05:00Z", k_wita).instant;
    CHECK(mpp::format_date(mpp::local_date(t, k_wita)) == "2022-11-01");
    CHECK(mpp::format_date(mpp::local_date(t, UtcOffset{420})) == "2022-10-31");
    CHECK(mpp::format_local(t, k_wita) == "2022-11-01T00:05:00+08:00");
}

TEST_CASE("UTC offsets")
{
    CHECK(mpp::parse_utc_offset("+08:00").minutes == 480);
    CHECK(mpp::parse_utc_offset("+0900").minutes == 540);
    CHECK(mpp::parse_utc_offset("-03:30").minutes == -210);
    CHECK(mpp::format_utc_offset(UtcOffset{420}) == "+07:00");
    CHECK_THROWS_AS(mpp::parse_utc_offset("08:00"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_utc_offset("+25:00"), mpp::Error);
}

TEST_CASE("MPP_NOW fixes the clock")
{
    const auto t = mpp::current_instant(std::string("2022-11-01T00:05:00+08:00"), k_wita);
    CHECK(mpp::format_utc(t) == "2022-10-31T16:05:00Z");
    CHECK_THROWS_AS(mpp::current_instant(std::string("soon"), k_wita), mpp::Error);
}
