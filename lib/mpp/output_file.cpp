#include "mpp/output_file.hpp"

#include "mpp/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mpp
{
namespace
{

constexpr const char* k_database_companions[] = {"", "-wal", "-shm", "-journal"};

std::string folder_of(const std::string& path)
{
    const auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

std::string name_of(const std::string& path)
{
    return std::filesystem::path(path).filename().string();
}

// The device and inode a path leads to (`-`: standard input), if it exists.
std::optional<std::pair<dev_t, ino_t>> identity_of(const std::string& path)
{
    struct stat st
    {
    };
    const int rc = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
    if (rc != 0)
    {
        return std::nullopt;
    }
    return std::make_pair(st.st_dev, st.st_ino);
}

bool same_file(const std::optional<std::pair<dev_t, ino_t>>& a, const std::string& b)
{
    return a && a == identity_of(b);
}

[[noreturn]] void refuse(const std::string& target, const std::string& why)
{
    throw Error(ErrorKind::cannot_create, fmt::format("refusing to write '{}': {}", target, why),
                "name a new or regular file elsewhere");
}

std::string what_of(const char* suffix)
{
    return *suffix == '\0' ? std::string("it is the database")
                           : fmt::format("it is the database's {} file", suffix + 1);
}

// Names that do not exist yet may still be the database's companions to be.
void refuse_database_name(const std::string& target, const std::string& database)
{
    const auto folder = identity_of(folder_of(target));
    if (!same_file(folder, folder_of(database)))
    {
        return;
    }
    for (const char* suffix : k_database_companions)
    {
        if (name_of(target) == name_of(database) + suffix)
        {
            refuse(target, what_of(suffix));
        }
    }
}

} // namespace

void apply_access(int fd, const FileAccess& access)
{
    mode_t mode = access.mode;
    if (access.follow_umask)
    {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    if (access.group && ::fchown(fd, static_cast<uid_t>(-1), *access.group) != 0)
    {
        mode = 0600; // not in the group: keep the file private
    }
    ::fchmod(fd, mode);
}

namespace
{

void sync_folder(const std::string& path)
{
    const int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
    {
        ::fsync(fd);
        ::close(fd);
    }
}

[[noreturn]] void cannot_create(const std::string& target, int error)
{
    throw Error(ErrorKind::cannot_create,
                fmt::format("cannot create '{}': {}", target, std::strerror(error)));
}

} // namespace

FileAccess personal_access(const std::string& database_path)
{
    FileAccess access;
    struct stat st
    {
    };
    if (!database_path.empty() && ::stat(database_path.c_str(), &st) == 0 &&
        (st.st_mode & 0060) == 0060)
    {
        access.mode = 0660;
        access.group = st.st_gid;
    }
    return access;
}

FileAccess aggregate_access()
{
    FileAccess access;
    access.follow_umask = true;
    return access;
}

void refuse_output_target(const std::string& target, const std::string& database,
                          const std::vector<std::string>& inputs)
{
    if (target.empty() || target == "-")
    {
        return;
    }
    struct stat st
    {
    };
    if (::stat(target.c_str(), &st) == 0)
    {
        if (!S_ISREG(st.st_mode))
        {
            refuse(target, S_ISDIR(st.st_mode) ? "it is a folder"
                                               : "it is not a regular file (a device or a FIFO)");
        }
        const auto self = std::make_optional(std::make_pair(st.st_dev, st.st_ino));
        for (const char* suffix : k_database_companions)
        {
            if (!database.empty() && same_file(self, database + suffix))
            {
                refuse(target, what_of(suffix));
            }
        }
        for (const std::string& input : inputs)
        {
            if (same_file(self, input))
            {
                refuse(target, "it is the file being imported");
            }
        }
    }
    if (!database.empty())
    {
        refuse_database_name(target, database);
    }
}

AtomicFile::AtomicFile(const std::string& target, FileAccess access)
    : m_target(target), m_temp(folder_of(target) + "/.mpp-out-XXXXXX"), m_access(access)
{
    refuse_output_target(target, {});
    // Registered before it exists, so that no signal can leave it behind.
    m_registered = std::make_unique<TemporaryPath>(m_temp.c_str());
    m_fd = ::mkostemp(m_temp.data(), O_CLOEXEC);
    if (m_fd < 0)
    {
        cannot_create(target, errno);
    }
    apply_access(m_fd, m_access);
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
        ::unlink(m_temp.c_str());
    }
}

void AtomicFile::write(const char* data, std::size_t size)
{
    while (size > 0)
    {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            throw Error(ErrorKind::io, fmt::format("cannot write '{}': {}", m_target,
                                                   std::strerror(n < 0 ? errno : ENOSPC)));
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

void AtomicFile::commit()
{
    if (::fsync(m_fd) != 0)
    {
        throw Error(ErrorKind::io,
                    fmt::format("cannot write '{}': {}", m_target, std::strerror(errno)));
    }
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 || ::rename(m_temp.c_str(), m_target.c_str()) != 0)
    {
        const int error = errno;
        ::unlink(m_temp.c_str());
        cannot_create(m_target, error);
    }
    sync_folder(m_target);
}

StagedDatabase::StagedDatabase(const std::string& target)
    : m_target(target), m_folder(folder_of(target) + "/.mpp-stage-XXXXXX")
{
    m_registered.push_back(std::make_unique<TemporaryPath>(m_folder.c_str()));
    if (::mkdtemp(m_folder.data()) == nullptr)
    {
        cannot_create(target, errno);
    }
    m_path = m_folder + "/" + name_of(target);
    m_registered.push_back(std::make_unique<TemporaryPath>(m_path.c_str()));
    m_companions.reserve(3); // the registered names must not move
    for (const char* suffix : {"-journal", "-wal", "-shm"})
    {
        m_companions.push_back(m_path + suffix);
        m_registered.push_back(std::make_unique<TemporaryPath>(m_companions.back().c_str()));
    }
}

StagedDatabase::~StagedDatabase()
{
    ::unlink(m_path.c_str());
    for (const std::string& companion : m_companions)
    {
        ::unlink(companion.c_str());
    }
    ::rmdir(m_folder.c_str());
}

void StagedDatabase::publish(bool replace)
{
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0)
    {
        const int error = errno;
        if (fd >= 0)
        {
            ::close(fd);
        }
        throw Error(ErrorKind::io,
                    fmt::format("cannot write '{}': {}", m_target, std::strerror(error)));
    }
    ::close(fd);
    int rc = replace ? ::rename(m_path.c_str(), m_target.c_str())
                     : ::renameat2(AT_FDCWD, m_path.c_str(), AT_FDCWD, m_target.c_str(),
                                   RENAME_NOREPLACE);
    if (rc != 0 && !replace && (errno == EINVAL || errno == ENOSYS))
    {
        rc = ::link(m_path.c_str(), m_target.c_str()); // a file system without renameat2
    }
    if (rc != 0)
    {
        if (errno == EEXIST)
        {
            throw Error(ErrorKind::cannot_create, fmt::format("'{}' already exists", m_target),
                        "an existing file is never overwritten; choose another name");
        }
        cannot_create(m_target, errno);
    }
    sync_folder(m_target);
}

} // namespace mpp
