#include "mpp/db.hpp"

#include "mpp/cancel.hpp"
#include "mpp/json.hpp"
#include "mpp/output_file.hpp"
#include "mpp/schema.hpp"
#include "mpp/settings.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <grp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mpp
{
namespace
{

std::string parent_dir(const std::string& path)
{
    const auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

void apply_pragmas(SQLite::Database& db)
{
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = FULL");
}

void apply_migrations(SQLite::Database& db, int from,
                      const std::function<void(SQLite::Database&, int)>& fill = {})
{
    for (const Migration& m : migrations())
    {
        if (m.version <= from)
        {
            continue;
        }
        db.exec("BEGIN IMMEDIATE");
        try
        {
            db.exec(m.sql);
            if (fill)
            {
                fill(db, m.version);
            }
            db.exec(fmt::format("PRAGMA user_version = {}", m.version));
            db.exec("COMMIT");
        }
        catch (...)
        {
            // A failed COMMIT (disk full) has already rolled back: keep its error, not ROLLBACK's.
            sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
}

std::int64_t steady_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// SQLite's busy handler: wait in short sleeps up to the timeout, but stop at once when the
// user asked to cancel (SQLite's own handler would sleep through Ctrl-C).
int wait_while_busy(void* arg, int count)
{
    auto* wait = static_cast<Database::BusyWait*>(arg);
    if (count == 0)
    {
        wait->started_ms = steady_ms();
    }
    if (cancel_signal() != 0 || steady_ms() - wait->started_ms >= wait->timeout_ms)
    {
        return 0;
    }
    sqlite3_sleep(count < 10 ? 1 + count : 10);
    return 1;
}

[[noreturn]] void unusable(const std::string& message, const std::string& hint = {})
{
    throw Error(ErrorKind::db_unusable, message, hint);
}

// Create the empty file with the right mode before SQLite touches it.
void create_file(const std::string& path, const std::optional<std::string>& group)
{
    gid_t gid = 0;
    if (group)
    {
        const struct group* g = ::getgrnam(group->c_str());
        if (g == nullptr)
        {
            throw Error(ErrorKind::usage, fmt::format("no such group '{}'", *group));
        }
        gid = g->gr_gid;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        throw Error(ErrorKind::cannot_create,
                    fmt::format("cannot create '{}': {}", path, std::strerror(errno)));
    }
    int rc = ::fchmod(fd, group ? 0660 : 0600);
    if (rc == 0 && group)
    {
        rc = ::fchown(fd, static_cast<uid_t>(-1), gid);
    }
    const int saved = errno;
    ::close(fd);
    if (rc != 0)
    {
        throw Error(ErrorKind::permission,
                    fmt::format("cannot set the mode of '{}': {}", path, std::strerror(saved)));
    }
}

void create_schema(const std::string& file, const std::string& path,
                   const std::vector<std::pair<std::string, std::string>>& values,
                   const Actor& actor);

std::atomic<int> g_rollbacks{0};

} // namespace

Database::Database(const std::string& path, int busy_timeout_ms, bool allow_old_schema)
    : m_path(path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
    {
        if (errno == EACCES)
        {
            throw Error(ErrorKind::permission, fmt::format("cannot reach database '{}'", path));
        }
        unusable(fmt::format("database '{}' does not exist", path),
                 fmt::format("create it with: mpp db init --db {}", path));
    }
    if (!S_ISREG(st.st_mode))
    {
        unusable(fmt::format("'{}' is not an mpp database (not a regular file)", path));
    }
    if (st.st_size == 0)
    {
        unusable(fmt::format("'{}' is an empty file, not an mpp database", path),
                 "create a database with: mpp db init");
    }
    if (::access(path.c_str(), R_OK) != 0)
    {
        throw Error(ErrorKind::permission, fmt::format("no permission to read '{}'", path));
    }
    try
    {
        // One connection per process, used by one thread: SQLite's own mutexes are not needed.
        m_db =
            std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
        m_busy = std::make_unique<BusyWait>(BusyWait{busy_timeout_ms, -1});
        sqlite3_busy_handler(m_db->getHandle(), wait_while_busy, m_busy.get());
        const int app_id = m_db->execAndGet("PRAGMA application_id").getInt();
        if (app_id != k_application_id)
        {
            unusable(fmt::format("'{}' is not an mpp database", path));
        }
    }
    catch (const SQLite::Exception& e)
    {
        const int code = e.getErrorCode();
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        {
            unusable(fmt::format("'{}' is not an mpp database (not SQLite, or damaged)", path),
                     "mpp db check tells more; restore a backup if it is damaged");
        }
        if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM)
        {
            throw Error(ErrorKind::permission,
                        fmt::format("cannot open database '{}': {}", path, e.what()),
                        "a database in WAL mode needs write access to its folder, or its "
                        "-wal and -shm files present");
        }
        throw;
    }
    const int version = schema_version();
    if (version > latest_schema_version())
    {
        unusable(fmt::format("'{}' has schema {}, newer than this mpp (schema {})", path, version,
                             latest_schema_version()),
                 "upgrade mpp");
    }
    if (version < latest_schema_version() && !allow_old_schema)
    {
        unusable(fmt::format("'{}' has schema {}, older than this mpp (schema {})", path, version,
                             latest_schema_version()),
                 fmt::format("run: mpp db migrate --db {}", path));
    }
    apply_pragmas(*m_db);
    m_previous_interruptible = interruptible();
    set_interruptible(m_db->getHandle());
}

Database::~Database()
{
    if (m_db && interruptible() == m_db->getHandle())
    {
        set_interruptible(m_previous_interruptible); // never interrupt a closed connection
    }
}

bool Database::read_only() const
{
    return sqlite3_db_readonly(m_db->getHandle(), "main") == 1;
}

int Database::schema_version()
{
    return m_db->execAndGet("PRAGMA user_version").getInt();
}

void Database::require_writable() const
{
    if (read_only())
    {
        throw Error(ErrorKind::permission,
                    fmt::format("database '{}' is read-only for this user", m_path));
    }
}

WriteTransaction::WriteTransaction(Database& db) : m_db(db)
{
    db.require_writable();
    m_db.sql().exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
    {
        sqlite3_exec(m_db.sql().getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
        g_rollbacks.fetch_add(1);
    }
}

void WriteTransaction::commit()
{
    throw_if_cancelled();
    m_db.sql().exec("COMMIT");
    m_open = false;
}

void init_database(const std::string& path, const InitOptions& options, const Actor& actor,
                   const DatabaseSeed& seed)
{
    const std::vector<std::pair<std::string, std::string>> office = {
        {"office.name", options.office_name},
        {"office.code", options.office_code},
        {"office.utc_offset", options.utc_offset}};
    std::vector<std::pair<std::string, std::string>> values;
    values.reserve(office.size());
    for (const auto& [key, value] : office)
    {
        values.emplace_back(key, normalize_setting(key, value));
    }
    const std::string dir = parent_dir(path);
    if (options.create_parent)
    {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
    }
    struct stat st
    {
    };
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        throw Error(ErrorKind::cannot_create,
                    fmt::format("cannot create '{}': folder '{}' does not exist", path, dir));
    }
    struct stat existing
    {
    };
    if (::lstat(path.c_str(), &existing) == 0)
    {
        throw Error(ErrorKind::cannot_create, fmt::format("'{}' already exists", path),
                    "db init never overwrites a file; choose another --db path");
    }
    // Built aside and linked into place whole: an interruption leaves no half-made database.
    StagedDatabase staged(path);
    create_file(staged.path(), options.group);
    create_schema(staged.path(), path, values, actor);
    if (seed)
    {
        Database opened(staged.path(), 5000);
        seed(opened);
    }
    staged.publish(false);
}

namespace
{
void create_schema(const std::string& file, const std::string& path,
                   const std::vector<std::pair<std::string, std::string>>& values,
                   const Actor& actor)
{
    {
        SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, 5000);
        db.exec(fmt::format("PRAGMA application_id = {}", k_application_id));
        db.exec("PRAGMA journal_mode = WAL");
        apply_pragmas(db);
        apply_migrations(db, 0);
        db.exec("BEGIN IMMEDIATE");
        for (const auto& [key, value] : default_settings())
        {
            SQLite::Statement ins(db, "INSERT INTO setting (key, value) VALUES (?, ?)");
            ins.bind(1, key);
            std::string v = value;
            for (const auto& [k2, v2] : values)
            {
                v = k2 == key ? v2 : v;
            }
            ins.bind(2, v);
            ins.exec();
        }
        append_audit(db, actor,
                     AuditEntry{"create", "database", path, settings_json(db), std::nullopt});
        db.exec("COMMIT");
    }
}
} // namespace

ReadSnapshot::ReadSnapshot(SQLite::Database& db) : m_db(db)
{
    if (sqlite3_get_autocommit(db.getHandle()) != 0)
    {
        db.exec("BEGIN DEFERRED");
        m_open = true;
    }
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_open && sqlite3_get_autocommit(m_db.getHandle()) == 0)
    {
        sqlite3_exec(m_db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr); // nothing written
    }
}

void DeferredIndexes::drop(SQLite::Database& db, const std::string& table,
                           const std::vector<std::string>& keep)
{
    std::vector<std::pair<std::string, std::string>> indexes;
    {
        SQLite::Statement st(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                                 "tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE "
                                 "'CREATE UNIQUE%'");
        st.bind(1, table);
        while (st.executeStep())
        {
            std::string name = st.getColumn(0).getString();
            if (std::find(keep.begin(), keep.end(), name) == keep.end())
            {
                indexes.emplace_back(std::move(name), st.getColumn(1).getString());
            }
        }
    }
    // A statement left on a row holds its table: none is in the middle of anything here.
    for (sqlite3_stmt* p = sqlite3_next_stmt(db.getHandle(), nullptr); p != nullptr;
         p = sqlite3_next_stmt(db.getHandle(), p))
    {
        if (sqlite3_stmt_busy(p) != 0)
        {
            sqlite3_reset(p);
        }
    }
    for (const auto& [name, sql] : indexes)
    {
        db.exec(fmt::format("DROP INDEX \"{}\"", name)); // names from our own schema
        m_sql.push_back(sql);
    }
}

void DeferredIndexes::restore(SQLite::Database& db)
{
    if (m_sql.empty())
    {
        return;
    }
    // SQLite's sorter may use as much memory as the page cache: share the memory between them
    // rather than doubling it.
    SQLite::Statement size(db, "PRAGMA cache_size");
    size.executeStep();
    const long long cache = size.getColumn(0).getInt64();
    size.reset();
    db.exec(fmt::format("PRAGMA cache_size = {}", cache / 8));
    for (const std::string& sql : m_sql)
    {
        db.exec(sql);
    }
    db.exec(fmt::format("PRAGMA cache_size = {}", cache));
    m_sql.clear();
}

std::vector<std::string> check_database(Database& db)
{
    std::vector<std::string> findings;
    SQLite::Statement integrity(db.sql(), "PRAGMA integrity_check");
    while (integrity.executeStep())
    {
        const std::string row = integrity.getColumn(0).getString();
        if (row != "ok")
        {
            findings.push_back("integrity: " + row);
        }
    }
    SQLite::Statement fk(db.sql(), "PRAGMA foreign_key_check");
    while (fk.executeStep())
    {
        findings.push_back(fmt::format("foreign key: {} row {} refers to a missing {} row",
                                       fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                       fk.getColumn(2).getString()));
    }
    return findings;
}

void backup_database(Database& db, const std::string& target)
{
    refuse_output_target(target, db.path());
    struct stat existing
    {
    };
    if (::lstat(target.c_str(), &existing) == 0)
    {
        throw Error(ErrorKind::cannot_create, fmt::format("'{}' already exists", target),
                    "backup never overwrites a file; choose another name");
    }
    // Copied aside and linked into place whole: an interruption leaves no partial copy.
    StagedDatabase staged(target);
    const int fd =
        ::open(staged.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        throw Error(ErrorKind::cannot_create,
                    fmt::format("cannot create '{}': {}", target, std::strerror(errno)));
    }
    apply_access(fd, personal_access(db.path()));
    ::close(fd);
    {
        SQLite::Database dest(staged.path(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
        SQLite::Backup backup(dest, "main", db.sql(), "main");
        backup.executeStep(-1);
    }
    staged.publish(false);
}

int rolled_back_writes() noexcept
{
    return g_rollbacks.load();
}

MigrateResult migrate_database(const std::string& path, int busy_timeout_ms, const Actor& actor,
                               const std::function<void(Database&, int)>& after,
                               const std::function<void(SQLite::Database&, int)>& fill)
{
    Database db(path, busy_timeout_ms, true);
    MigrateResult result;
    result.from = db.schema_version();
    result.to = latest_schema_version();
    if (result.from == result.to)
    {
        return result;
    }
    db.require_writable();
    result.backup_path =
        fmt::format("{}.schema{}-{}.bak", path, result.from, format_utc(actor.now).substr(0, 10));
    for (int n = 2; ::access(result.backup_path.c_str(), F_OK) == 0; ++n)
    {
        result.backup_path = fmt::format("{}.schema{}-{}.{}.bak", path, result.from,
                                         format_utc(actor.now).substr(0, 10), n);
    }
    backup_database(db, result.backup_path);
    apply_migrations(db.sql(), result.from, fill);
    WriteTransaction tx(db);
    append_audit(db.sql(), actor,
                 AuditEntry{"migrate", "database", path,
                            fmt::format(R"({{"from":{},"to":{},"backup":{}}})", result.from,
                                        result.to, json_quote(result.backup_path)),
                            std::nullopt});
    tx.commit();
    if (after)
    {
        after(db, result.from);
    }
    return result;
}

std::vector<std::pair<std::string, std::string>> database_info(Database& db)
{
    std::vector<std::pair<std::string, std::string>> info;
    struct stat st
    {
    };
    ::stat(db.path().c_str(), &st);
    info.emplace_back("path", db.path());
    info.emplace_back("size_bytes", std::to_string(st.st_size));
    info.emplace_back("schema", std::to_string(db.schema_version()));
    info.emplace_back("sqlite", sqlite3_libversion());
    info.emplace_back("journal_mode", db.sql().execAndGet("PRAGMA journal_mode").getString());
    info.emplace_back("read_only", db.read_only() ? "true" : "false");
    for (const auto& [key, value] : list_settings(db.sql()))
    {
        info.emplace_back(key, value);
    }
    for (const char* table : {"agency", "service", "calendar", "batch", "audit"})
    {
        const auto count =
            db.sql().execAndGet(fmt::format("SELECT count(*) FROM {}", table)).getInt64();
        info.emplace_back(fmt::format("{}_rows", table), std::to_string(count));
    }
    return info;
}

Error from_sqlite(const SQLite::Exception& e)
{
    const int code = e.getErrorCode();
    const int extended = e.getExtendedErrorCode();
    switch (code)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        if (cancel_signal() != 0)
        {
            return Error::interrupted(cancel_signal());
        }
        return Error(ErrorKind::busy, "the database stayed locked by another process",
                     "retry later, or raise database.busy_timeout_ms");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Error(ErrorKind::permission, "the database is read-only for this user");
    case SQLITE_FULL:
        return Error(ErrorKind::io, "disk full: nothing was written");
    case SQLITE_IOERR:
        return Error(ErrorKind::io,
                     fmt::format("I/O error on the database ({})", sqlite3_errstr(extended)));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error(ErrorKind::db_unusable, "the database file is damaged",
                     "run mpp db check; restore a backup");
    case SQLITE_INTERRUPT:
        return Error::interrupted(cancel_signal());
    case SQLITE_CONSTRAINT:
        return Error(
            ErrorKind::invalid_data,
            fmt::format("the change breaks a rule of the database ({})", sqlite3_errstr(extended)));
    case SQLITE_CANTOPEN:
        return Error(ErrorKind::permission, "cannot open the database file");
    default:
        return Error(ErrorKind::internal, fmt::format("database error: {}", e.what()),
                     "this is a bug in mpp: please report it");
    }
}

} // namespace mpp
