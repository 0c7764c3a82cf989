// SHA-256 against the FIPS 180-2 / NIST test vectors, fed whole and in pieces.
#include "mpp/sha256.hpp"

#include <doctest/doctest.h>
#include <string>

namespace
{
std::string digest(const std::string& bytes)
{
    mpp::Sha256 h;
    h.update(bytes.data(), bytes.size());
    return h.hex();
}
} // namespace

TEST_CASE("sha256 of the standard vectors")
{
    CHECK(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of a million 'a' fed in uneven pieces equals the vector")
{
    mpp::Sha256 h;
    const std::string piece(997, 'a');
    std::size_t left = 1000000;
    while (left > 0)
    {
        const std::size_t n = std::min(left, piece.size());
        h.update(piece.data(), n);
        left -= n;
    }
    CHECK(h.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 does not depend on how the bytes are split, and hashes NUL bytes")
{
    const std::string text("mpp\0import\r\n", 12);
    mpp::Sha256 h;
    for (const char c : text)
    {
        h.update(&c, 1);
    }
    const std::string split = h.hex();
    CHECK(split == digest(text));
    CHECK(split != digest("mpp"));
    CHECK(split.size() == 64);
    CHECK(split.find_first_not_of("0123456789abcdef") == std::string::npos);
}
