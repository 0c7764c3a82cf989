// libFuzzer target: the CSV reader on arbitrary bytes must fail only with mpp::Error.
#include "mpp/csv.hpp"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const int fd = ::memfd_create("fuzz.csv", 0);
    if (fd < 0 || ::write(fd, data, size) != static_cast<ssize_t>(size))
    {
        return 0;
    }
    ::lseek(fd, 0, SEEK_SET);
    mpp::CsvOptions options;
    options.max_field = 256;
    options.max_record = 1024;
    options.encoding = size > 0 && (data[0] & 1) != 0 ? "cp1252" : "utf-8";
    try
    {
        mpp::CsvReader reader(fd, "fuzz.csv", options);
        mpp::CsvRecord record;
        std::size_t last_line = 0;
        while (reader.next(record))
        {
            if (record.line < last_line)
            {
                __builtin_trap(); // lines only go forward
            }
            last_line = record.line;
        }
        reader.sha256_hex();
    }
    catch (const mpp::Error&)
    {
    }
    ::close(fd);
    return 0;
}
