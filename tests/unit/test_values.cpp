// Field value parsers.
#include "mpp/error.hpp"
#include "mpp/values.hpp"

#include <doctest/doctest.h>

TEST_CASE("codes are upper-cased and checked")
{
    CHECK(mpp::parse_code(" dukcapil ", 2, 20) == "DUKCAPIL");
    CHECK(mpp::parse_code("KPP-KUPANG", 2, 20) == "KPP-KUPANG");
    CHECK_THROWS_AS(mpp::parse_code("A", 2, 20), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_code("DUK CAPIL", 2, 20), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_code("DUK_CAPIL", 2, 20), mpp::Error);
    CHECK(mpp::parse_code("DUK_CAPIL", 2, 40, true) == "DUK_CAPIL");
    CHECK_THROWS_AS(mpp::parse_code("ABCDEFGHIJKLMNOPQRSTU", 2, 20), mpp::Error);
}

TEST_CASE("text must be clean UTF-8 of bounded length")
{
    CHECK(mpp::parse_text("  Dinas  ", 200) == "Dinas");
    CHECK_THROWS_AS(mpp::parse_text("", 200), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_text("a\x01"
                                    "b",
                                    200),
                    mpp::Error);
    CHECK_THROWS_AS(mpp::parse_text("bad\xE9", 200), mpp::Error);
    CHECK(mpp::parse_text("Jos\xC3\xA9", 4) == "Jos\xC3\xA9"); // 4 characters, 5 bytes
    CHECK_THROWS_AS(mpp::parse_text("abcde", 4), mpp::Error);
    CHECK(mpp::parse_text("line1\nline2", 100, true) == "line1\nline2");
}

TEST_CASE("telephone numbers become E.164, landlines included")
{
    CHECK(mpp::parse_any_phone("0380 821234") == "+62380821234");
    CHECK(mpp::parse_any_phone("(0380) 821-234") == "+62380821234");
    CHECK(mpp::parse_any_phone("0812-3456-7890") == "+6281234567890");
    CHECK(mpp::parse_any_phone("+62 812 3456 7890") == "+6281234567890");
    CHECK(mpp::parse_any_phone("6281234567890") == "+6281234567890");
    CHECK_THROWS_AS(mpp::parse_any_phone("12345"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_any_phone("+1 555 123 4567"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_any_phone("0812abc"), mpp::Error);
}

TEST_CASE("e-mail addresses")
{
    CHECK(mpp::parse_email("Info@KupangKota.go.id") == "Info@kupangkota.go.id");
    CHECK_THROWS_AS(mpp::parse_email("no-at-sign"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_email("a@b"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_email("a b@c.id"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_email("a@@c.id"), mpp::Error);
}

TEST_CASE("choices accept aliases after folding")
{
    const std::vector<std::pair<std::string, std::string>> choices = {
        {"soe", "soe"},
        {"bumn", "soe"},
        {"regional", "regional"},
        {"perangkat_daerah", "regional"}};
    CHECK(mpp::parse_choice("BUMN", choices, {"soe", "regional"}) == "soe");
    CHECK(mpp::parse_choice("Perangkat Daerah", choices, {"soe", "regional"}) == "regional");
    CHECK_THROWS_AS(mpp::parse_choice("ngo", choices, {"soe", "regional"}), mpp::Error);
}

TEST_CASE("integers")
{
    CHECK(mpp::parse_integer(" 42 ", 0, 100) == 42);
    CHECK(mpp::parse_integer("-3", -5, 5) == -3);
    CHECK_THROWS_AS(mpp::parse_integer("4.5", 0, 100), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_integer("101", 0, 100), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_integer("", 0, 100), mpp::Error);
}

TEST_CASE("Rupiah amounts as Indonesian files write them")
{
    CHECK(mpp::parse_money("1500000") == 1500000);
    CHECK(mpp::parse_money("Rp 1.500.000") == 1500000);
    CHECK(mpp::parse_money("Rp1.500.000,00") == 1500000);
    CHECK(mpp::parse_money("Rp. 50.000,-") == 50000);
    CHECK(mpp::parse_money("1,500,000") == 1500000);
    CHECK(mpp::parse_money("Gratis") == 0);
    CHECK(mpp::parse_money("0") == 0);
    CHECK_THROWS_AS(mpp::parse_money("-5000"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_money("1.5"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_money("1.500,50"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_money("15.00.000"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_money("lima ribu"), mpp::Error);
}

TEST_CASE("Rupiah for people")
{
    CHECK(mpp::format_rupiah(1500000, "id") == "Rp 1.500.000");
    CHECK(mpp::format_rupiah(1500000, "en") == "Rp 1,500,000");
    CHECK(mpp::format_rupiah(0, "id") == "Gratis");
    CHECK(mpp::format_rupiah(0, "en") == "Free");
}

TEST_CASE("working days as written in Standar Pelayanan tables")
{
    CHECK(mpp::parse_working_days("14") == 14);
    CHECK(mpp::parse_working_days("14 hari kerja") == 14);
    CHECK(mpp::parse_working_days("5 HK") == 5);
    CHECK(mpp::parse_working_days("0") == 0);
    CHECK_THROWS_AS(mpp::parse_working_days("-1"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_working_days("2 minggu"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_working_days("cepat"), mpp::Error);
}
