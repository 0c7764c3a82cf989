// Text helpers: UTF-8, display width, folding, suggestions.
#include "mpp/text.hpp"

#include <doctest/doctest.h>

TEST_CASE("invalid_utf8_at finds the first bad byte")
{
    CHECK_FALSE(mpp::invalid_utf8_at("Jos\xC3\xA9 \xE4\xB8\xAD"));
    CHECK(mpp::invalid_utf8_at("ab\xE9z") == 2u);
    CHECK(mpp::invalid_utf8_at("\xC0\xAF") == 0u);     // overlong
    CHECK(mpp::invalid_utf8_at("\xED\xA0\x80") == 0u); // surrogate
    CHECK(mpp::invalid_utf8_at("ok\xE4\xB8") == 2u);   // truncated
}

TEST_CASE("display width counts columns, not bytes")
{
    CHECK(mpp::display_width("Budi") == 4);
    CHECK(mpp::display_width("Jos\xC3\xA9") == 4);
    CHECK(mpp::display_width("e\xCC\x81") == 1);                // combining acute
    CHECK(mpp::display_width("\xE6\x9E\x97\xE6\x96\x87") == 4); // two CJK ideographs
}

TEST_CASE("truncate_to_width keeps whole characters and adds an ellipsis")
{
    CHECK(mpp::truncate_to_width("Kupang", 10) == "Kupang");
    CHECK(mpp::truncate_to_width("Kupang", 4) == "Kup\xE2\x80\xA6");
    CHECK(mpp::display_width(mpp::truncate_to_width("\xE6\x9E\x97\xE6\x96\x87\xE6\x9E\x97", 4)) <=
          4);
}

TEST_CASE("fold_name follows import.md")
{
    CHECK(mpp::fold_name("No. HP") == "no_hp");
    CHECK(mpp::fold_name("\xEF\xBB\xBF Nama Pemohon ") == "nama_pemohon");
    CHECK(mpp::fold_name("Tgl. Permohonan (WITA)") == "tgl_permohonan_wita");
    CHECK(mpp::fold_name("KODE_INSTANSI") == "kode_instansi");
    CHECK(mpp::fold_name("  ") == "");
}

TEST_CASE("trim removes spaces and no-break spaces")
{
    CHECK(mpp::trim("\xC2\xA0 Budi \xC2\xA0") == "Budi");
    CHECK(mpp::trim("\t x \r") == "x");
    CHECK(mpp::trim("") == "");
}

TEST_CASE("escape_controls makes control characters visible")
{
    CHECK(mpp::escape_controls("a\nb\x1b[31m") == "a\\nb\\x1b[31m");
    CHECK(mpp::escape_controls("plain") == "plain");
}

TEST_CASE("closest_match suggests near words only")
{
    const std::vector<std::string> nouns = {"db", "config", "agency", "audit"};
    CHECK(mpp::closest_match("agnecy", nouns) == std::optional<std::string>("agency"));
    CHECK(mpp::closest_match("audti", nouns) == std::optional<std::string>("audit"));
    CHECK_FALSE(mpp::closest_match("report", nouns));
}

TEST_CASE("group_thousands")
{
    CHECK(mpp::group_thousands(120000) == "120,000");
    CHECK(mpp::group_thousands(1500000, '.') == "1.500.000");
    CHECK(mpp::group_thousands(999) == "999");
    CHECK(mpp::group_thousands(-1234) == "-1,234");
}
