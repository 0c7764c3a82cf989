// libFuzzer target: every value parser and text helper on arbitrary text.
#include "mpp/datetime.hpp"
#include "mpp/error.hpp"
#include "mpp/standard_values.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <cstdint>
#include <string>

namespace
{
template <typename F> void guarded(F&& f)
{
    try
    {
        f();
    }
    catch (const mpp::Error&)
    {
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    guarded(
        [&]
        {
            const auto when = mpp::parse_when(text, mpp::UtcOffset{480});
            // A parsed instant must print and parse back to itself.
            if (mpp::parse_when(mpp::format_utc(when.instant), mpp::UtcOffset{480}).instant !=
                when.instant)
            {
                __builtin_trap();
            }
        });
    guarded([&] { mpp::parse_utc_offset(text); });
    guarded([&] { mpp::parse_any_phone(text); });
    guarded([&] { mpp::parse_email(text); });
    guarded([&] { mpp::parse_agency_phone(text); });
    guarded([&] { mpp::parse_fee(text); });
    guarded([&] { mpp::parse_working_days(text); });
    mpp::parse_number_words(text);
    mpp::spreadsheet_number_digits(text);
    guarded([&] { mpp::parse_code(text, 2, 20); });
    guarded([&] { mpp::parse_text(text, 200); });
    guarded([&] { mpp::parse_integer(text, -1000, 1000); });
    mpp::fold_name(text);
    mpp::escape_controls(text);
    mpp::trim(text);
    if (mpp::display_width(mpp::truncate_to_width(text, 10)) > 10)
    {
        __builtin_trap();
    }
    return 0;
}
