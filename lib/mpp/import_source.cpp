// Opening a file to import with its SHA-256 known before the first row is read: a regular file
// is hashed in a first pass; stdin and pipes are copied to an unlinked temporary file while
// hashing, so that memory stays flat and the bytes read are the bytes hashed.
#include "mpp/import.hpp"

#include "mpp/cancel.hpp"
#include "mpp/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace mpp
{
namespace
{

// Closes a descriptor unless released.
struct FdGuard
{
    int fd = -1;
    ~FdGuard()
    {
        if (fd >= 0)
        {
            ::close(fd);
        }
    }
    int release() { return std::exchange(fd, -1); }
};

// Read everything from `in`, hashing it, and write it to `out` when out >= 0.
std::string hash_stream(int in, int out, const std::string& name)
{
    Sha256 sha;
    std::string buf(std::size_t{1} << 16, '\0');
    for (;;)
    {
        throw_if_cancelled();
        const ssize_t got = ::read(in, buf.data(), buf.size());
        if (got < 0 && errno == EINTR)
        {
            continue;
        }
        if (got < 0)
        {
            throw Error(ErrorKind::not_found,
                        fmt::format("cannot read '{}': {}", name, std::strerror(errno)));
        }
        if (got == 0)
        {
            return sha.hex();
        }
        const auto size = static_cast<std::size_t>(got);
        sha.update(buf.data(), size);
        for (std::size_t done = 0; out >= 0 && done < size;)
        {
            const ssize_t put = ::write(out, buf.data() + done, size - done);
            if (put < 0 && errno != EINTR)
            {
                throw Error(ErrorKind::io, fmt::format("cannot hold a copy of '{}': {}", name,
                                                       std::strerror(errno)));
            }
            done += put > 0 ? static_cast<std::size_t>(put) : 0;
        }
    }
}

// An unlinked temporary file, readable and writable only through the descriptor.
int anonymous_file(const std::string& name)
{
    const std::string dir = std::filesystem::temp_directory_path().string();
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        std::string pattern = dir + "/mpp-import-XXXXXX";
        fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd >= 0)
        {
            ::unlink(pattern.c_str());
        }
    }
    if (fd < 0)
    {
        throw Error(ErrorKind::io, fmt::format("cannot hold a copy of '{}' in {}: {}", name, dir,
                                               std::strerror(errno)));
    }
    return fd;
}

// Copy a stream (stdin, a pipe) to an anonymous file while hashing it.
ImportSource spool(int in, const std::string& name, const CsvOptions& options)
{
    FdGuard copy{anonymous_file(name)};
    ImportSource source;
    source.sha256 = hash_stream(in, copy.fd, name);
    if (::lseek(copy.fd, 0, SEEK_SET) != 0)
    {
        throw Error(ErrorKind::io, fmt::format("cannot reread the copy of '{}'", name));
    }
    source.reader = std::make_unique<CsvReader>(copy.release(), name, options, true);
    return source;
}

} // namespace

ImportSource open_import_source(const std::string& path, const CsvOptions& options)
{
    if (path == "-")
    {
        return spool(0, "<stdin>", options);
    }
    struct stat st
    {
    };
    const bool stream = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) &&
                        !S_ISDIR(st.st_mode); // a pipe or a device
    FdGuard fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (stream && fd.fd >= 0)
    {
        return spool(fd.fd, path, options);
    }
    // A regular file (or one that cannot be read: the reader says why) is hashed first; the
    // reader's own hash at the end shows whether it changed in between.
    ImportSource source;
    source.reader = std::make_unique<CsvReader>(path, options);
    if (fd.fd < 0)
    {
        throw Error(ErrorKind::not_found,
                    fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
    }
    source.sha256 = hash_stream(fd.fd, -1, path);
    return source;
}

ImportSource import_source_for_text(const std::string& text, const std::string& name,
                                    const CsvOptions& options)
{
    ImportSource source;
    Sha256 sha;
    sha.update(text.data(), text.size());
    source.sha256 = sha.hex();
    source.reader = csv_reader_for_text(text, name, options);
    return source;
}

} // namespace mpp
