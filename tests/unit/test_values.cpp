// Field value parsers.
#include "mpp/error.hpp"
#include "mpp/standard_values.hpp"
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

// The message and hint of the error a parser throws ("" when it does not throw).
template <typename F> std::string failure(F&& parse)
{
    try
    {
        parse();
    }
    catch (const mpp::Error& e)
    {
        return std::string(e.what()) + " | " + e.hint();
    }
    return "";
}

TEST_CASE("numbers in Indonesian words")
{
    CHECK(mpp::parse_number_words("tiga") == 3);
    CHECK(mpp::parse_number_words("Nol") == 0);
    CHECK(mpp::parse_number_words("sepuluh") == 10);
    CHECK(mpp::parse_number_words("sebelas") == 11);
    CHECK(mpp::parse_number_words("dua belas") == 12);
    CHECK(mpp::parse_number_words("dua puluh satu") == 21);
    CHECK(mpp::parse_number_words("seratus dua puluh") == 120);
    CHECK(mpp::parse_number_words("tiga ratus lima") == 305);
    CHECK(mpp::parse_number_words("seribu lima ratus") == 1500);
    CHECK(mpp::parse_number_words("lima puluh ribu rupiah") == 50000);
    CHECK(mpp::parse_number_words("satu juta lima ratus ribu rupiah") == 1500000);
    CHECK_FALSE(mpp::parse_number_words("tiga tiga"));
    CHECK_FALSE(mpp::parse_number_words("ribu"));
    CHECK_FALSE(mpp::parse_number_words("seribu juta"));
    CHECK_FALSE(mpp::parse_number_words("lima ribu dua juta"));
    CHECK_FALSE(mpp::parse_number_words("dua ribu tiga ribu"));
    CHECK_FALSE(mpp::parse_number_words("gratis"));
    CHECK_FALSE(mpp::parse_number_words(""));
}

TEST_CASE("fees as Standar Pelayanan write them")
{
    for (const char* free : {"Gratis", "gratis", "Rp 0,-", "Rp 0,- (gratis)", "Rp. 0", "-",
                             "Tidak dipungut biaya", "Rp 0 (nol rupiah)"})
    {
        CAPTURE(free);
        const mpp::Fee fee = mpp::parse_fee(free);
        CHECK(fee.amount == 0);
        CHECK_FALSE(fee.text);
    }
    CHECK(mpp::parse_fee("Rp 50.000,-").amount == 50000);
    CHECK(mpp::parse_fee("Rp 1.500.000,00").amount == 1500000);
    CHECK(mpp::parse_fee("Rp50.000").amount == 50000);
    CHECK(mpp::parse_fee("Rp 50.000,- (lima puluh ribu rupiah)").amount == 50000);
    const mpp::Fee perda = mpp::parse_fee(" Sesuai Perda No. 5 Tahun 2021 ");
    CHECK(perda.amount == 0);
    CHECK(perda.text == "Sesuai Perda No. 5 Tahun 2021");
    CHECK(mpp::parse_fee("sesuai ketentuan PNBP").text == "sesuai ketentuan PNBP");
    CHECK(mpp::parse_fee("Bervariasi menurut luas bangunan").text);
    CHECK(mpp::parse_fee("Tergantung jenis kendaraan").text);
    CHECK(mpp::parse_fee("Berdasarkan PP 9/2020").text);
    // A mistyped amount is never a variable fee.
    CHECK(failure([] { mpp::parse_fee("Rp 50.00O"); }) ==
          "'Rp 50.00O' is not an amount of Rupiah | write an amount (150000, Rp 150.000,-, "
          "Gratis) or a variable fee beginning with Sesuai, Berdasarkan, Bervariasi or "
          "Tergantung (Sesuai Perda No. 5 Tahun 2021)");
    CHECK_THROWS_AS(mpp::parse_fee("Sesuaikan saja"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_fee("Rp 50.000 (gratis)"), mpp::Error);
    CHECK(failure([] { mpp::parse_fee("Rp 50.000 (lima ribu rupiah)"); })
              .starts_with("'Rp 50.000 (lima ribu rupiah)': the words in parentheses do not say "
                           "50000 | write the amount alone"));
    CHECK_THROWS_AS(mpp::parse_fee("Rp -5.000"), mpp::Error);
}

TEST_CASE("working days as written in Standar Pelayanan tables")
{
    CHECK(mpp::parse_working_days("14") == 14);
    CHECK(mpp::parse_working_days("14 hari") == 14);
    CHECK(mpp::parse_working_days("14 hari kerja") == 14);
    CHECK(mpp::parse_working_days("14  Hari  Kerja") == 14);
    CHECK(mpp::parse_working_days("5 HK") == 5);
    CHECK(mpp::parse_working_days("1 hari") == 1);
    CHECK(mpp::parse_working_days("3 (tiga) hari kerja") == 3);
    CHECK(mpp::parse_working_days("14 (empat belas) hari kerja") == 14);
    CHECK(mpp::parse_working_days("tiga hari kerja") == 3);
    CHECK(mpp::parse_working_days("Paling lama 7 hari kerja") == 7);
    CHECK(mpp::parse_working_days("maksimal 2 hari") == 2);
    CHECK(mpp::parse_working_days("0") == 0);
    CHECK(mpp::parse_working_days("Selesai di tempat") == 0);
    CHECK(mpp::parse_working_days("saat itu juga") == 0);
    CHECK(mpp::parse_working_days("selesai pada hari kerja yang sama") == 0);
    CHECK(failure([] { mpp::parse_working_days("3 (empat) hari kerja"); }) ==
          "'3 (empat) hari kerja': the number in words does not say 3 | write it as 3 (tiga) "
          "hari kerja, or without the words");
    CHECK(failure([] { mpp::parse_working_days("3 minggu"); }) ==
          "'3 minggu' is not in working days | the time limit counts working days: write them "
          "out, e.g. 15 hari kerja");
    CHECK(failure([] { mpp::parse_working_days("1 bulan"); })
              .starts_with("'1 bulan' is not in "
                           "working days"));
    CHECK(failure([] { mpp::parse_working_days("2 jam"); }) ==
          "'2 jam' is less than a working day | a time limit within the working day is 0 (the "
          "same working day)");
    CHECK(failure([] { mpp::parse_working_days("14 hari kalender"); })
              .starts_with("'14 hari kalender' counts calendar days"));
    CHECK(failure([] { mpp::parse_working_days("-1"); })
              .starts_with("'-1' is negative: the time limit is 0 or more working days"));
    CHECK(failure([] { mpp::parse_working_days("cepat"); })
              .starts_with("'cepat' is not a number of working days | write it as 14"));
    CHECK_THROWS_AS(mpp::parse_working_days("3651"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_working_days("12345678 hari"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_working_days("3 (tiga hari kerja"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_working_days("3 hari 2 jam"), mpp::Error);
}

TEST_CASE("agency phones: landlines, mobiles, toll-free and service numbers")
{
    CHECK(mpp::parse_agency_phone("(0380) 821234") == "+62380821234");
    CHECK(mpp::parse_agency_phone("0380-821234") == "+62380821234");
    CHECK(mpp::parse_agency_phone("+62 380 821234") == "+62380821234");
    CHECK(mpp::parse_agency_phone("0812-3456-7890") == "+6281234567890");
    CHECK(mpp::parse_agency_phone("0800-1-500-400") == "+628001500400");
    CHECK(mpp::parse_agency_phone("+62 1500400") == "1500400"); // one form per service number
    CHECK(mpp::parse_agency_phone("+62 14045") == "14045");
    CHECK(mpp::parse_agency_phone("1500400") == "1500400");
    CHECK(mpp::parse_agency_phone("1500-400") == "1500400");
    CHECK(mpp::parse_agency_phone("14045") == "14045");
    CHECK(mpp::parse_agency_phone("112") == "112");
    CHECK_THROWS_AS(mpp::parse_agency_phone("11"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_agency_phone("15004001"), mpp::Error);
    CHECK_THROWS_AS(mpp::parse_agency_phone("+1 500 400"), mpp::Error);
    CHECK(failure([] { mpp::parse_agency_phone("380821234"); }) ==
          "'380821234' looks like 0380821234 with its leading 0 lost | Excel stored the column "
          "as a number: format it as Text");
    CHECK(failure([] { mpp::parse_agency_phone("821234"); }) ==
          "'821234' has no area code | write it with its area code, e.g. (0380) 821234");
}

TEST_CASE("numbers a spreadsheet stored as numbers")
{
    CHECK(mpp::spreadsheet_number_digits("82296444129") == "82296444129");
    CHECK(mpp::spreadsheet_number_digits("8.2296444129E10") == "82296444129");
    CHECK(mpp::spreadsheet_number_digits("8,2296444129E+10") == "82296444129");
    CHECK_FALSE(mpp::spreadsheet_number_digits("8.22964E+10")); // rounded
    CHECK_FALSE(mpp::spreadsheet_number_digits("0822-9644-4129"));
    CHECK(mpp::is_scientific_number("8.22964E+10"));
    CHECK_FALSE(mpp::is_scientific_number("082296444129"));
    CHECK_FALSE(mpp::is_scientific_number("E10"));
}
