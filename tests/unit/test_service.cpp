// Services: validation, store with requirements, audit rows, the Standar Pelayanan card.
#include "helpers.hpp"
#include "mpp/service.hpp"

#include <doctest/doctest.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_today;
using mpp::test::k_wita;

struct Fixture : mpp::test::TestDatabase
{
    Fixture()
    {
        mpp::AgencyStore agencies(db->sql());
        mpp::FieldProblems problems;
        mpp::RawRecord raw;
        raw.set("code", "DUKCAPIL");
        raw.set("name", "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang");
        raw.set("kind", "regional");
        raw.set("counter", "Loket 9");
        agencies.add(*mpp::parse_agency(raw, k_today, k_wita, problems), false, k_actor);
    }
};

mpp::RawRecord ktp()
{
    mpp::RawRecord raw;
    raw.set("code", "dukcapil-ktp");
    raw.set("agency", "dukcapil");
    raw.set("name", "Penerbitan KTP-el");
    raw.set("category", "Administrasi Kependudukan");
    raw.set("sla_days", "1 hari kerja");
    raw.set("fee", "Gratis");
    raw.set("requirements", "Kartu Keluarga | Surat pengantar RT/RW\nPas foto");
    raw.set("product", "KTP-el");
    return raw;
}
} // namespace

TEST_CASE("parse_service normalises and splits requirements")
{
    mpp::FieldProblems problems;
    const auto s = mpp::parse_service(ktp(), k_wita, problems);
    REQUIRE(s);
    CHECK(s->code == "DUKCAPIL-KTP");
    CHECK(s->agency == "DUKCAPIL");
    CHECK(s->category == "civil_registry");
    CHECK(s->sla_days == 1);
    CHECK(s->fee == 0);
    CHECK(s->requirements ==
          std::vector<std::string>{"Kartu Keluarga", "Surat pengantar RT/RW", "Pas foto"});
    CHECK(mpp::service_to_raw(*s).get("requirements") ==
          std::optional<std::string>("Kartu Keluarga | Surat pengantar RT/RW | Pas foto"));
}

TEST_CASE("parse_service reports every bad field")
{
    mpp::RawRecord raw = ktp();
    raw.set("category", "permit");
    raw.set("sla_days", "-3");
    raw.set("fee", "Rp -5.000");
    raw.set("code", "X");
    mpp::FieldProblems problems;
    CHECK_FALSE(mpp::parse_service(raw, k_wita, problems));
    std::vector<std::string> fields;
    for (const auto& p : problems)
    {
        fields.push_back(p.field);
    }
    CHECK(fields == std::vector<std::string>{"code", "category", "sla_days", "fee"});
}

TEST_CASE("the store keeps requirements in order and audits changes")
{
    Fixture f;
    mpp::ServiceStore store(f.db->sql());
    mpp::FieldProblems problems;
    auto s = *mpp::parse_service(ktp(), k_wita, problems);
    CHECK(store.add(s, false, k_actor) == mpp::WriteOutcome::created);
    CHECK(store.get("DUKCAPIL-KTP") == s);
    s.requirements = {"Pas foto", "Kartu Keluarga"};
    CHECK(store.update(s, k_actor) == mpp::WriteOutcome::updated);
    CHECK(store.get("dukcapil-ktp").requirements ==
          std::vector<std::string>{"Pas foto", "Kartu Keluarga"});
    CHECK(store.update(s, k_actor) == mpp::WriteOutcome::unchanged);
    CHECK(store.retire("DUKCAPIL-KTP", *mpp::make_date(2025, 1, 1), k_actor));
    CHECK_FALSE(store.retire("DUKCAPIL-KTP", *mpp::make_date(2025, 2, 1), k_actor));
    CHECK(store.list({false, std::nullopt, k_today, std::nullopt}).size() == 1);
    CHECK(store.list({false, std::nullopt, *mpp::make_date(2025, 1, 1), std::nullopt}).empty());
    CHECK(f.db->sql().execAndGet("SELECT count(*) FROM audit WHERE entity = 'service'").getInt() ==
          3);
}

TEST_CASE("an unknown agency is invalid data naming it")
{
    Fixture f;
    mpp::ServiceStore store(f.db->sql());
    mpp::RawRecord raw = ktp();
    raw.set("agency", "NOPE");
    mpp::FieldProblems problems;
    const auto s = *mpp::parse_service(raw, k_wita, problems);
    try
    {
        store.add(s, false, k_actor);
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::invalid_data);
        CHECK(std::string(e.what()).find("agency 'NOPE' not found") != std::string::npos);
    }
    CHECK_THROWS_AS(store.list({false, std::string("NOPE"), k_today, std::nullopt}), mpp::Error);
}

TEST_CASE("the Standar Pelayanan card")
{
    Fixture f;
    mpp::FieldProblems problems;
    auto s = *mpp::parse_service(ktp(), k_wita, problems);
    const mpp::Agency agency = mpp::AgencyStore(f.db->sql()).get("DUKCAPIL");
    const std::string id = mpp::service_card(s, agency, k_today, "id");
    CHECK(id.rfind("Standar Pelayanan: Penerbitan KTP-el (DUKCAPIL-KTP)\n", 0) == 0);
    CHECK(id.find("Persyaratan                    : 1. Kartu Keluarga\n"
                  "                                 2. Surat pengantar RT/RW\n") !=
          std::string::npos);
    CHECK(id.find("Biaya/tarif                    : Gratis\n") != std::string::npos);
    CHECK(id.find("Jangka waktu penyelesaian      : 1 hari kerja\n") != std::string::npos);
    CHECK(id.find("Loket 9") != std::string::npos);
    s.fee = 1500000;
    s.sla_days = 0;
    s.retired_on = *mpp::make_date(2022, 10, 1);
    const std::string en = mpp::service_card(s, agency, k_today, "en");
    CHECK(en.find("Fee          : Rp 1,500,000\n") != std::string::npos);
    CHECK(en.find("the same working day") != std::string::npos);
    CHECK(en.find("retired on 2022-10-01") != std::string::npos);
}

TEST_CASE("service_table: requirements are a list column, fee money")
{
    mpp::FieldProblems problems;
    const auto s = *mpp::parse_service(ktp(), k_wita, problems);
    const auto t = mpp::service_table({s}, k_today, true);
    CHECK(t.columns[7].key == "requirements");
    CHECK(t.columns[7].kind == mpp::CellKind::list);
    CHECK(t.columns[5].kind == mpp::CellKind::money);
    CHECK(t.rows[0][7] ==
          std::optional<std::string>("Kartu Keluarga\nSurat pengantar RT/RW\nPas foto"));
}

TEST_CASE("a variable fee is kept as written, with no amount, through the store and back")
{
    Fixture f;
    mpp::ServiceStore store(f.db->sql());
    mpp::RawRecord raw = ktp();
    raw.set("fee", "Sesuai Perda No. 5 Tahun 2021");
    raw.set("sla_days", "3 (tiga) hari kerja");
    mpp::FieldProblems problems;
    const auto s = *mpp::parse_service(raw, k_wita, problems);
    CHECK(s.fee == 0);
    CHECK(s.fee_text == std::optional<std::string>("Sesuai Perda No. 5 Tahun 2021"));
    CHECK(s.sla_days == 3);
    store.add(s, false, k_actor);
    const mpp::Service stored = store.get("DUKCAPIL-KTP");
    CHECK(stored == s);
    CHECK(f.db->sql().execAndGet("SELECT fee || '|' || fee_text FROM service").getString() ==
          "0|Sesuai Perda No. 5 Tahun 2021");
    // Written back as it was read, so an export re-imports unchanged.
    CHECK(mpp::service_to_raw(stored).get("fee") ==
          std::optional<std::string>("Sesuai Perda No. 5 Tahun 2021"));
    const auto t = mpp::service_table({stored}, k_today, false);
    CHECK(t.rows[0][5] == std::optional<std::string>("Sesuai Perda No. 5 Tahun 2021"));
    const mpp::Agency agency = mpp::AgencyStore(f.db->sql()).get("DUKCAPIL");
    CHECK(mpp::service_card(stored, agency, k_today, "id")
              .find("Biaya/tarif                    : Sesuai Perda No. 5 Tahun 2021\n") !=
          std::string::npos);
    // A fixed fee again clears the text.
    mpp::Service fixed = stored;
    raw.set("fee", "Rp 50.000,-");
    fixed = *mpp::parse_service(raw, k_wita, problems);
    CHECK(store.update(fixed, k_actor) == mpp::WriteOutcome::updated);
    CHECK(f.db->sql()
              .execAndGet("SELECT fee || '|' || coalesce(fee_text, 'NULL') FROM service")
              .getString() == "50000|NULL");
}

TEST_CASE("what an operator is told about an application's fee")
{
    mpp::Service fixed;
    fixed.code = "DPMPTSP-PBG";
    fixed.fee = 50000;
    CHECK_FALSE(mpp::fee_notice(fixed, std::nullopt));
    CHECK_FALSE(mpp::fee_notice(fixed, 50000));
    CHECK(mpp::fee_notice(fixed, 25000) ==
          std::optional<std::string>(
              "fee Rp 25.000 differs from the standard fee of service DPMPTSP-PBG (Rp 50.000)"));
    mpp::Service variable = fixed;
    variable.fee = 0;
    variable.fee_text = "Sesuai Perda No. 5 Tahun 2021";
    CHECK(mpp::fee_notice(variable, std::nullopt) ==
          std::optional<std::string>("service DPMPTSP-PBG has a variable fee (Sesuai Perda No. 5 "
                                     "Tahun 2021): the application's fee is 0; give its own "
                                     "with --fee"));
    CHECK_FALSE(mpp::fee_notice(variable, 1250000));
}
