#pragma once
// Helpers for unit tests: temporary files and folders that remove themselves.
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

// The operator and moment of every test write: 2022-10-24T09:00:00+08:00, the MPP's first day.
inline const mpp::Actor k_actor{"tester", "root", 1666573200};
inline const mpp::Date k_today = *mpp::make_date(2022, 10, 24);
inline const mpp::UtcOffset k_wita{480};

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

} // namespace mpp::test
