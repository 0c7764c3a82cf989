#pragma once
// Helpers for unit tests: temporary files and folders that remove themselves.
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

} // namespace mpp::test
