// Office settings: validation and normalisation.
#include "mpp/error.hpp"
#include "mpp/settings.hpp"

#include <doctest/doctest.h>

namespace
{
mpp::ErrorKind kind_of(const std::string& key, const std::string& value)
{
    try
    {
        mpp::normalize_setting(key, value);
    }
    catch (const mpp::Error& e)
    {
        return e.kind();
    }
    return mpp::ErrorKind::internal;
}
} // namespace

TEST_CASE("values are normalised")
{
    CHECK(mpp::normalize_setting("office.code", "kpg") == "KPG");
    CHECK(mpp::normalize_setting("office.utc_offset", "+0900") == "+09:00");
    CHECK(mpp::normalize_setting("calendar.workweek", "Sat, mon,tue,wed,thu,fri") ==
          "mon,tue,wed,thu,fri,sat");
    CHECK(mpp::normalize_setting("calendar.collective_leave_is_holiday", "Tidak") == "false");
    CHECK(mpp::normalize_setting("reference.template", "{office}/{seq:4}/{mm_roman}/{yyyy}") ==
          "{office}/{seq:4}/{mm_roman}/{yyyy}");
}

TEST_CASE("bad values are invalid data; unknown keys are usage errors")
{
    CHECK(kind_of("office.code", "K") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("office.utc_offset", "WITA") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("calendar.workweek", "mon,funday") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("reference.template", "{office}-{yyyy}") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("reference.template", "{seq:4}-{seq:4}") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("reference.template", "{office}-{nope}-{seq:4}") == mpp::ErrorKind::invalid_data);
    CHECK(kind_of("office.nmae", "x") == mpp::ErrorKind::usage);
}
