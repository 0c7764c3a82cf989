#include "mpp/audit.hpp"

#include <SQLiteCpp/Statement.h>

namespace mpp
{

void append_audit(SQLite::Database& db, const Actor& actor, const AuditEntry& entry)
{
    SQLite::Statement st(db, "INSERT INTO audit (at, operator, os_user, action, entity, key, "
                             "detail, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, format_utc(actor.now));
    st.bind(2, actor.operator_name);
    st.bind(3, actor.os_user);
    st.bind(4, entry.action);
    st.bind(5, entry.entity);
    if (entry.key)
    {
        st.bind(6, *entry.key);
    }
    if (entry.detail)
    {
        st.bind(7, *entry.detail);
    }
    if (entry.batch_id)
    {
        st.bind(8, static_cast<std::int64_t>(*entry.batch_id));
    }
    st.exec();
}

Instant parse_stored_instant(const std::string& text)
{
    return stored_instant(text);
}

namespace
{
std::vector<AuditRecord> read_audit(SQLite::Statement& st)
{
    std::vector<AuditRecord> out;
    while (st.executeStep())
    {
        AuditRecord r;
        r.id = st.getColumn(0).getInt64();
        r.at = parse_stored_instant(st.getColumn(1).getString());
        r.operator_name = st.getColumn(2).getString();
        r.os_user = st.getColumn(3).getString();
        r.action = st.getColumn(4).getString();
        r.entity = st.getColumn(5).getString();
        if (!st.getColumn(6).isNull())
        {
            r.key = st.getColumn(6).getString();
        }
        if (!st.getColumn(7).isNull())
        {
            r.detail = st.getColumn(7).getString();
        }
        if (!st.getColumn(8).isNull())
        {
            r.batch_id = st.getColumn(8).getInt64();
        }
        out.push_back(std::move(r));
    }
    return out;
}
} // namespace

std::vector<AuditRecord> list_audit_for_nik(SQLite::Database& db, const std::string& nik)
{
    SQLite::Statement st(db, "SELECT id, at, operator, os_user, action, entity, key, detail, "
                             "batch_id FROM audit WHERE (entity = 'application' AND key IN "
                             "(SELECT reference FROM application WHERE nik = ?1)) OR batch_id IN "
                             "(SELECT batch_id FROM application WHERE nik = ?1 UNION SELECT "
                             "touched_batch FROM application WHERE nik = ?1) ORDER BY id");
    st.bind(1, nik);
    return read_audit(st);
}

std::vector<AuditRecord> list_audit(SQLite::Database& db, const AuditFilter& filter)
{
    SQLite::Statement st(db, "SELECT id, at, operator, os_user, action, entity, key, detail, "
                             "batch_id FROM audit WHERE (?1 IS NULL OR at >= ?1) "
                             "AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR key = ?3) "
                             "ORDER BY id LIMIT ?4");
    if (filter.since)
    {
        st.bind(1, format_utc(*filter.since));
    }
    if (filter.entity)
    {
        st.bind(2, *filter.entity);
    }
    if (filter.key)
    {
        st.bind(3, *filter.key);
    }
    st.bind(4, static_cast<std::int64_t>(filter.limit.value_or(-1)));
    return read_audit(st);
}

} // namespace mpp
