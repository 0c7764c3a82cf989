// libFuzzer target: the config reader on arbitrary files fails only with mpp::Error.
#include "mpp/config.hpp"
#include "mpp/error.hpp"

#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = "/tmp/mpp-fuzz-config-" + std::to_string(::getpid()) + ".toml";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try
    {
        mpp::resolve_settings({}, {{"HOME", "/nonexistent"}, {"MPP_CONFIG", path}});
    }
    catch (const mpp::Error&)
    {
    }
    return 0;
}
