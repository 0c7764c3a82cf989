// The SKM survey import: scores, personal columns, service and agency, tallies and their check.
#include "helpers.hpp"
#include "mpp/survey.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

using mpp::test::k_actor;

namespace
{

const std::string k_header = "surveyed_on,service,agency,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";

struct SurveyFixture : mpp::test::KupangDatabase
{
    mpp::ImportResult import(const std::string& csv, mpp::ImportOptions o = {})
    {
        mpp::SurveyImport target(db->sql(), k_actor);
        return mpp::run_import(*db, k_actor, dir.write("s.csv", csv), target, o);
    }
    long long count(const std::string& sql)
    {
        SQLite::Statement st(db->sql(), sql);
        st.executeStep();
        return st.getColumn(0).getInt64();
    }
};

std::string first_problem(const mpp::ImportResult& r)
{
    return r.problems.empty() ? std::string() : r.problems.front().message;
}

} // namespace

TEST_CASE("a score is 1-4 or the form's letter a-d, in any case")
{
    CHECK(mpp::parse_unsur_score("1") == 1);
    CHECK(mpp::parse_unsur_score(" 4 ") == 4);
    CHECK(mpp::parse_unsur_score("a") == 1);
    CHECK(mpp::parse_unsur_score("B") == 2);
    CHECK(mpp::parse_unsur_score("d") == 4);
    for (const char* bad : {"0", "5", "e", "2.5", "-1", "aa", "44"})
    {
        CHECK_THROWS_WITH(mpp::parse_unsur_score(bad),
                          doctest::Contains("is not a score: expected 1-4 or a-d"));
    }
}

TEST_CASE("a form's labelled choice gives its leading code")
{
    CHECK(mpp::parse_unsur_score("d. Sangat sesuai") == 4);
    CHECK(mpp::parse_unsur_score("4 - Sangat baik") == 4);
    CHECK(mpp::parse_unsur_score("D (Sangat Baik)") == 4);
    CHECK(mpp::parse_unsur_score("a) Tidak sesuai") == 1);
    for (const char* bad : {"2.5 baik", "e. Lain", "5 - Sangat baik", "d.", "1 - 2", "ab baik"})
    {
        CHECK_THROWS_WITH(mpp::parse_unsur_score(bad), doctest::Contains("is not a score"));
    }
}

TEST_CASE("a form's question is the unsur its header begins with, u1 to u9 only")
{
    CHECK(mpp::unsur_of_header("u1_bagaimana_pendapat_saudara") == "u1");
    CHECK(mpp::unsur_of_header("unsur_9_sarana") == "u9");
    CHECK(mpp::unsur_of_header("u_3") == "u3");
    CHECK(mpp::unsur_of_header("unsur4") == "u4");
    for (const char* other : {"u10", "u10_tambahan", "u0_x", "usia", "u1x", "unsur", "u"})
    {
        CHECK(mpp::unsur_of_header(other).empty());
    }
}

TEST_CASE("a Google Forms timestamp is a local date of the office")
{
    const mpp::UtcOffset wita{8 * 60};
    const auto date = [&](const char* text)
    {
        const auto d = mpp::parse_form_timestamp(text, wita);
        return d ? mpp::format_date(*d) : std::string("none");
    };
    CHECK(date("2022/10/24 10:01:02 AM GMT+8") == "2022-10-24");
    CHECK(date("2022/10/24 11:30:00 PM GMT+7") == "2022-10-25"); // 00:30 WITA
    CHECK(date("2022/10/24 12:05:00 AM GMT+8") == "2022-10-24");
    CHECK(date("2022/10/25 12:30:00 AM GMT+9") == "2022-10-24"); // 23:30 WITA the day before
    CHECK(date("2022/10/24 4:00:00 PM GMT-3:30") == "2022-10-25"); // 19:30 UTC = 03:30 WITA
    for (const char* other : {"24/10/2022", "2022/10/24 13:00:00 PM GMT+8",
                              "2022/10/24 10:01:02 AM", "2022/02/30 10:01:02 AM GMT+8",
                              "2022/10/24 10:01:02 AM GMT+8 x"})
    {
        CHECK(date(other) == "none");
    }
}

TEST_CASE("gender is L or P, also in words")
{
    CHECK(mpp::parse_gender("l") == "L");
    CHECK(mpp::parse_gender("Laki-laki") == "L");
    CHECK(mpp::parse_gender("PEREMPUAN") == "P");
    CHECK(mpp::parse_gender("p") == "P");
    CHECK_THROWS(mpp::parse_gender("X"));
}

TEST_CASE("personal columns are named as such; others are not")
{
    for (const char* name : {"nik", "nama", "name", "no_hp", "nomor_hp", "hp", "telepon", "phone",
                             "email", "alamat_email"})
    {
        CHECK(mpp::personal_column(name).has_value());
    }
    CHECK(mpp::personal_column("nik")->find("personal data (nik)") != std::string::npos);
    CHECK(mpp::personal_column("no_hp")->find("(phone)") != std::string::npos);
    for (const char* name : {"layanan", "nama_layanan", "umur", "saran", "u1"})
    {
        CHECK_FALSE(mpp::personal_column(name).has_value());
    }
}

TEST_CASE("each response inserts, by unsur code whatever the column order, with its tally")
{
    SurveyFixture f;
    // u9 before u1: stored by the header's names.
    const auto r = f.import("surveyed_on,service,u9,u1,u3\n2022-10-24,DUKCAPIL-KTP,1,4,c\n"
                            "2022-10-24,DUKCAPIL-KTP,2,,a\n2022-10-25,,3,3,3\n");
    REQUIRE(r.problem_count == 1); // the third row names neither service nor agency
    CHECK(first_problem(r).find("service: is required (or an agency)") != std::string::npos);
    const auto ok = f.import("surveyed_on,service,agency,u9,u1,u3\n"
                             "2022-10-24,DUKCAPIL-KTP,,1,4,c\n2022-10-24,dukcapil-ktp,,2,,a\n"
                             "2022-10-25,,PDAM-KUPANG,3,3,3\n");
    REQUIRE(ok.problem_count == 0);
    CHECK(ok.counts.inserted == 3);
    CHECK(f.count("SELECT u1 * 100 + u3 * 10 + u9 FROM survey_response WHERE id = 1") == 431);
    CHECK(f.count("SELECT count(*) FROM survey_response WHERE u1 IS NULL AND u3 = 1") == 1);
    CHECK(f.count("SELECT count(*) FROM survey_response WHERE service_id IS NULL") == 1);
    // The tallies: KTP on the 24th (2 respondents; u1 4 once, u3 3+1, u9 1+2), PDAM without a
    // service (service_id 0) on the 25th.
    const auto sums =
        mpp::survey_sums(f.db->sql(), *mpp::make_date(2022, 10, 1), *mpp::make_date(2022, 10, 31));
    REQUIRE(sums.size() == 2);
    const mpp::SurveySums& ktp = sums.at({"DUKCAPIL", "DUKCAPIL-KTP"});
    CHECK(ktp.respondents == 2);
    CHECK(ktp.sum[0] == 4);
    CHECK(ktp.answers[0] == 1);
    CHECK(ktp.sum[2] == 4);
    CHECK(ktp.answers[2] == 2);
    CHECK(ktp.sum[8] == 3);
    CHECK(ktp.answers[1] == 0);
    CHECK(sums.at({"PDAM-KUPANG", ""}).respondents == 1);
    CHECK(f.count("SELECT service_id FROM survey_tally WHERE day = '2022-10-25'") == 0);
    // Only the period's days: the 25th alone.
    const auto day =
        mpp::survey_sums(f.db->sql(), *mpp::make_date(2022, 10, 25), *mpp::make_date(2022, 10, 25));
    CHECK(day.size() == 1);
    CHECK(mpp::check_survey_tallies(f.db->sql()).empty());
}

TEST_CASE("invalid rows: no unsur, a service of another agency, a future date, a bad age")
{
    SurveyFixture f;
    auto r = f.import(k_header + "2022-10-24,DUKCAPIL-KTP,,,,,,,,,,\n");
    CHECK(first_problem(r).find("no unsur answered") != std::string::npos);
    r = f.import(k_header + "2022-10-24,DUKCAPIL-KTP,PDAM-KUPANG,4,,,,,,,,\n");
    CHECK(first_problem(r) == "agency: 'PDAM-KUPANG' does not match the service: DUKCAPIL-KTP "
                              "belongs to agency DUKCAPIL");
    r = f.import(k_header + "2031-01-01,DUKCAPIL-KTP,,4,,,,,,,,\n");
    CHECK(first_problem(r).find("surveyed_on: 2031-01-01T00:00:00+08:00 is in the future") !=
          std::string::npos);
    r = f.import("surveyed_on,agency,u1,usia\n2022-10-24,DUKCAPIL,4,7\n");
    CHECK(first_problem(r).find("age:") == 0);
    CHECK(f.count("SELECT count(*) FROM survey_response") == 0);
    CHECK(f.count("SELECT count(*) FROM survey_tally") == 0);
}

TEST_CASE("a personal column is refused even with --ignore-unknown; --map SOURCE= drops it")
{
    SurveyFixture f;
    mpp::ImportOptions o;
    o.ignore_unknown = true;
    const std::string csv = "surveyed_on,agency,NIK,u1\n2022-10-24,DUKCAPIL,5371000000000001,4\n";
    CHECK_THROWS_WITH(f.import(csv, o), doctest::Contains("column 'NIK': personal data (nik)"));
    o.maps = {"nik="};
    CHECK(f.import(csv, o).counts.inserted == 1);
    mpp::ImportOptions plain;
    plain.maps = {"NIK="}; // without --ignore-unknown too
    CHECK(f.import("surveyed_on,agency,NIK,u1\n2022-10-24,DUKCAPIL,1,3\n", plain).counts.inserted ==
          1);
    CHECK(f.count("SELECT sum(u1) FROM survey_response") == 7);
}

TEST_CASE("db check finds a tally that disagrees with the responses; rebuilding fixes it")
{
    SurveyFixture f;
    REQUIRE(f.import(k_header + "2022-10-24,DUKCAPIL-KTP,,4,3,,,,,,,\n").counts.inserted == 1);
    f.db->sql().exec("UPDATE survey_tally SET s1 = 3");
    f.db->sql().exec("INSERT INTO survey_tally (day, agency_id, service_id, respondents) VALUES "
                     "('2022-10-26', 2, 0, 1)");
    const auto found = mpp::check_survey_tallies(f.db->sql());
    REQUIRE(found.size() == 2);
    CHECK(found[0] == "survey tallies: DUKCAPIL DUKCAPIL-KTP on 2022-10-24 does not match its "
                      "responses");
    CHECK(found[1] == "survey tallies: PDAM-KUPANG (no service) on 2022-10-26 counts responses "
                      "that are not stored");
    mpp::rebuild_survey_tallies(f.db->sql());
    CHECK(mpp::check_survey_tallies(f.db->sql()).empty());
    CHECK(f.count("SELECT s1 FROM survey_tally") == 4);
}
