#pragma once
// Helpers for unit tests: temporary files and folders that remove themselves.
#include "mpp/application.hpp"
#include "mpp/db.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>

namespace mpp::test
{

// A temporary folder, removed with everything in it.
class TempDir
{
  public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "mpp-unit-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    // A path inside the folder.
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    // Write a file with exactly these bytes and return its path.
    std::string write(const std::string& name, const std::string& bytes) const
    {
        std::ofstream out(file(name), std::ios::binary);
        out << bytes;
        return file(name);
    }

  private:
    std::string m_path;
};

// The operator and moment of every test write: 2030-01-01T00:00:00Z, after every date the tests
// record (a write may not be dated later than its now).
inline const mpp::Actor k_actor{"tester", "root", 1893456000};
inline const mpp::Date k_today = *mpp::make_date(2022, 10, 24);
inline const mpp::UtcOffset k_wita{480};

// A time as an operator types it, in Kupang (+08:00).
inline mpp::Instant wita(const char* text)
{
    return mpp::parse_when(text, k_wita).instant;
}

// A new Kupang database (KPG, +08:00) in a temporary folder.
struct TestDatabase
{
    TempDir dir;
    std::string path = dir.file("mpp.db");
    std::unique_ptr<mpp::Database> db;
    TestDatabase()
    {
        mpp::init_database(path, {"MPP", "KPG", "+08:00", std::nullopt, false}, k_actor);
        db = std::make_unique<mpp::Database>(path, 100);
    }
};

// A Kupang database with the official holidays, two agencies (DUKCAPIL, PDAM-KUPANG) and three
// services: DUKCAPIL-KTP (1 working day, free), PDAM-BARU (14 days, Rp 1.500.000) and OLD
// (retired on 2022-10-01).
struct KupangDatabase : TestDatabase
{
    KupangDatabase()
    {
        mpp::load_builtin_holidays(*db, k_actor);
        db->sql().exec(
            "INSERT INTO agency (code, name, kind, joined_on, created_at, updated_at) VALUES "
            "('DUKCAPIL', 'Dukcapil', 'regional', '2022-01-01', 'x', 'x'), "
            "('PDAM-KUPANG', 'PDAM', 'rsoe', '2022-01-01', 'x', 'x');"
            "INSERT INTO service (code, agency_id, name, category, sla_days, fee, retired_on, "
            "created_at, updated_at) VALUES ('DUKCAPIL-KTP', 1, 'KTP-el', 'civil_registry', 1, 0, "
            "NULL, 'x', 'x'), ('PDAM-BARU', 2, 'Sambungan', 'non_permit', 14, 1500000, NULL, 'x', "
            "'x'), ('OLD', 1, 'Lama', 'non_permit', 3, 0, '2022-10-01', 'x', 'x');");
        reload();
    }
    // Reload the settings and the calendar after changing them.
    void reload()
    {
        office = mpp::load_office_settings(db->sql());
        calendar = std::make_unique<mpp::WorkCalendar>(mpp::load_work_calendar(db->sql(), office));
        store = std::make_unique<mpp::ApplicationStore>(db->sql(), office, *calendar);
    }
    mpp::OfficeSettings office;
    std::unique_ptr<mpp::WorkCalendar> calendar;
    std::unique_ptr<mpp::ApplicationStore> store;
};

} // namespace mpp::test
