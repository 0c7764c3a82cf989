#pragma once
// The mpp database file: creating, opening and checking it, migrations, backups, transactions.
#include "mpp/audit.hpp"
#include "mpp/cancel.hpp"
#include "mpp/error.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpp
{

// SQLite's application_id of an mpp database ("MPP1").
inline constexpr int k_application_id = 0x4D505031;

// Options of `mpp db init`.
struct InitOptions
{
    std::string office_name;
    std::string office_code;
    std::string utc_offset;
    std::optional<std::string> group; // share with this group (mode 0660)
    bool create_parent = false;       // create a missing parent folder (default location)
};

class Database;

// Fills a new database after the schema is in place (the built-in holidays); when it throws,
// the new file is removed.
using DatabaseSeed = std::function<void(Database&)>;

// An open, checked mpp database.
class Database
{
  public:
    // Open an existing database; it must be an mpp database of this binary's schema
    // (an older one is accepted only with allow_old_schema, for `db migrate`).
    Database(const std::string& path, int busy_timeout_ms, bool allow_old_schema = false);
    // Closes the connection; request_cancel no longer interrupts it.
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // The SQLite connection.
    SQLite::Database& sql() { return *m_db; }
    // The file's path.
    const std::string& path() const { return m_path; }
    // Whether writes are impossible (read-only file or folder).
    bool read_only() const;
    // PRAGMA user_version.
    int schema_version();
    // Fails with ErrorKind::permission when the database cannot be written.
    void require_writable() const;

    // How long a writer waits for another one; the wait ends early on SIGINT/SIGTERM.
    struct BusyWait
    {
        int timeout_ms = 5000;
        std::int64_t started_ms = -1;
    };

  private:
    std::string m_path;
    std::unique_ptr<SQLite::Database> m_db;
    std::unique_ptr<BusyWait> m_busy;
    sqlite3* m_previous_interruptible = nullptr;
};

// One consistent view for several reads (a report's statements see the same commit), unless
// the connection is already inside a transaction.
class ReadSnapshot
{
  public:
    explicit ReadSnapshot(SQLite::Database& db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  private:
    SQLite::Database& m_db;
    bool m_open = false;
};

// How a write ended.
enum class WriteOutcome
{
    created,
    updated,
    unchanged,
};

// One write: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
class WriteTransaction
{
  public:
    explicit WriteTransaction(Database& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    // Make the changes durable.
    void commit();

  private:
    CriticalSection m_critical;
    Database& m_db;
    bool m_open = true;
};

// The secondary (non-unique) indexes of a table, dropped for a bulk load and built again before
// the commit: building an index once from sorted keys costs a fraction of inserting millions of
// keys one by one into random places. Both steps run inside the caller's transaction, so an
// interrupted load rolls back to the indexes as they were; unique indexes stay (they are
// constraints).
class DeferredIndexes
{
  public:
    // Drop the table's secondary indexes except those named in `keep` (still needed for
    // look-ups during the load).
    void drop(SQLite::Database& db, const std::string& table,
              const std::vector<std::string>& keep = {});
    void restore(SQLite::Database& db);
    bool active() const { return !m_sql.empty(); }

  private:
    std::vector<std::string> m_sql;
};

// Create a new database file with the schema and office settings (`mpp db init`).
void init_database(const std::string& path, const InitOptions& options, const Actor& actor,
                   const DatabaseSeed& seed = {});

// Integrity and foreign-key findings; empty when the database is sound.
std::vector<std::string> check_database(Database& db);

// Copy the database to a new file with SQLite's online backup, built aside and linked into
// place whole (refuses an existing file, and the targets refuse_output_target refuses).
void backup_database(Database& db, const std::string& target);

// How many write transactions this process rolled back (a write command that failed).
int rolled_back_writes() noexcept;

// What `mpp db migrate` did.
struct MigrateResult
{
    int from = 0;
    int to = 0;
    std::string backup_path; // empty when nothing was migrated
};

// Back the database up, then apply the missing migrations. `fill` runs inside each migration's
// transaction with the version it brings (to derive new tables from the data: all or nothing);
// `after` runs once the schema is current, with the version migrated from (to seed new tables).
MigrateResult migrate_database(const std::string& path, int busy_timeout_ms, const Actor& actor,
                               const std::function<void(Database&, int)>& after = {},
                               const std::function<void(SQLite::Database&, int)>& fill = {});

// Facts about the database for `mpp db info`, as ordered key/value pairs.
std::vector<std::pair<std::string, std::string>> database_info(Database& db);

// Translate a SQLite failure into an mpp::Error.
Error from_sqlite(const SQLite::Exception& e);

} // namespace mpp
