#include "mpp/sha256.hpp"

#include <nettle/sha2.h>

namespace mpp
{

struct Sha256::State
{
    sha256_ctx ctx{};
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    sha256_init(&m_state->ctx);
}

Sha256::~Sha256() = default;

void Sha256::update(const char* data, std::size_t size)
{
    sha256_update(&m_state->ctx, size, reinterpret_cast<const std::uint8_t*>(data));
}

std::string Sha256::hex()
{
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&m_state->ctx, SHA256_DIGEST_SIZE, digest);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t b : digest)
    {
        out += k_hex[b >> 4];
        out += k_hex[b & 0xF];
    }
    return out;
}

} // namespace mpp
