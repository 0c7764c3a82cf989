#pragma once
// Incremental SHA-256 (nettle), used for the re-import guard.
#include <cstddef>
#include <memory>
#include <string>

namespace mpp
{

// Hashes bytes as they stream by.
class Sha256
{
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    // Add bytes.
    void update(const char* data, std::size_t size);
    // The digest of everything added, as 64 lower-case hex digits (ends the hash).
    std::string hex();

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace mpp
