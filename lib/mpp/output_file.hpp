#pragma once
// Output files (cli.md "Output files"): which targets are refused, and new files written under
// a temporary name in the target's folder and moved into place only when complete.
#include "mpp/cancel.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mpp
{

// Who may read a new file.
struct FileAccess
{
    mode_t mode = 0600;         // exact mode, whatever the umask
    std::optional<gid_t> group; // hand the file to this group (a --group database)
    bool follow_umask = false;  // aggregate reports: 0666 less the umask
};

// Files holding personal data next to a database: 0600, or 0660 with the database's group
// when the database is shared with a group (`db init --group`).
FileAccess personal_access(const std::string& database_path);
// Aggregate reports (no personal data): what the umask allows.
FileAccess aggregate_access();

// Give an open file the access asked for (fchmod, and fchown to the group if any).
void apply_access(int fd, const FileAccess& access);

// Refuses (Error cannot_create, exit 73) an output target that is not a regular file (a device,
// a FIFO, a folder), or that is the database, its -wal, -shm or -journal, or one of the input
// files (`-` is standard input) — by any name, symlink or hard link: same device and inode.
void refuse_output_target(const std::string& target, const std::string& database,
                          const std::vector<std::string>& inputs = {});

// A new file created exclusively (mode 0600) in the target's folder, written through its
// descriptor, synced and renamed over the target by commit(); removed when not committed,
// and on any signal that ends the process.
class AtomicFile
{
  public:
    AtomicFile(const std::string& target, FileAccess access = {});
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    // Write all bytes; throws Error(io) on a write error (disk full).
    void write(const char* data, std::size_t size);
    // Sync, close and rename over the target; throws Error(io) or Error(cannot_create).
    void commit();
    // The temporary name (for tests and messages).
    const std::string& temp_path() const { return m_temp; }

  private:
    std::string m_target;
    std::string m_temp;
    FileAccess m_access;
    int m_fd = -1;
    std::unique_ptr<TemporaryPath> m_registered;
};

// A database file built by name (SQLite opens files by name) inside a new private folder
// (mode 0700) in the target's folder, then moved into place: nobody else can swap it, and an
// interruption leaves nothing behind.
class StagedDatabase
{
  public:
    explicit StagedDatabase(const std::string& target);
    ~StagedDatabase();
    StagedDatabase(const StagedDatabase&) = delete;
    StagedDatabase& operator=(const StagedDatabase&) = delete;
    // Where to build the file.
    const std::string& path() const { return m_path; }
    // Sync the file and move it to the target; with `replace` false an existing target is
    // never overwritten (Error cannot_create).
    void publish(bool replace);

  private:
    std::string m_target;
    std::string m_folder;
    std::string m_path;
    std::vector<std::string> m_companions; // -journal, -wal, -shm
    std::vector<std::unique_ptr<TemporaryPath>> m_registered;
};

} // namespace mpp
