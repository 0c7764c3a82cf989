#include "mpp/audit.hpp"

#include "mpp/spelling.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace mpp
{
namespace
{

// The code points of valid UTF-8 text.
std::vector<char32_t> code_points(std::string_view text)
{
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();)
    {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? lead : lead & (0xFFU >> (n + 1));
        for (std::size_t k = 1; k < n && i + k < text.size(); ++k)
        {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
        }
        out.push_back(cp);
        i += n;
    }
    return out;
}

// C0, DEL, C1, and the marks that reorder or hide text in a terminal or a spreadsheet.
bool is_forbidden_in_name(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The keys an audit row may hold for `typed` in any case: the typed, upper- and lower-case
// spellings (codes, settings) and the stored spellings of a reference (kept in their own case).
std::vector<std::string> key_spellings(SQLite::Database& db, const std::string& typed)
{
    const std::string given = trim(typed);
    std::vector<std::string> keys{given, to_upper(given), to_lower(given)};
    for (std::string& stored : CaseWalk(db, "application", "reference").spellings(given))
    {
        keys.push_back(std::move(stored));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

} // namespace

std::optional<std::string> operator_name_problem(std::string_view name)
{
    if (invalid_utf8_at(name))
    {
        return "operator must be valid UTF-8";
    }
    const std::vector<char32_t> chars = code_points(name);
    if (chars.empty() || chars.size() > 100)
    {
        return "operator must be 1-100 characters";
    }
    for (const char32_t c : chars)
    {
        if (is_forbidden_in_name(c))
        {
            return "operator must not hold control or bidirectional-override characters";
        }
    }
    if (trim(name).empty())
    {
        return "operator must not be only spaces";
    }
    return std::nullopt;
}

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

AuditRecord read_audit_row(SQLite::Statement& st)
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
    return r;
}

std::vector<AuditRecord> list_audit(SQLite::Database& db, const AuditFilter& filter)
{
    // Fixed fragments with bound values, so that audit_by_time and audit_by_entity serve them.
    std::string where;
    std::vector<std::string> values;
    auto add = [&](const std::string& fragment, const std::vector<std::string>& bound)
    {
        where += (where.empty() ? " WHERE " : " AND ") + fragment;
        values.insert(values.end(), bound.begin(), bound.end());
    };
    if (filter.since)
    {
        add("at >= ?", {format_utc(*filter.since)});
    }
    if (filter.before)
    {
        add("at < ?", {format_utc(*filter.before)});
    }
    if (filter.entity)
    {
        add("entity = ?", {*filter.entity});
    }
    if (filter.key) // in any case, like references and codes
    {
        const auto keys = key_spellings(db, *filter.key);
        add("key IN (" + join(std::vector<std::string>(keys.size(), "?"), ", ") + ")", keys);
    }
    SQLite::Statement st(db, "SELECT id, at, operator, os_user, action, entity, key, detail, "
                             "batch_id FROM audit" +
                                 where + " ORDER BY id DESC LIMIT ?");
    int i = 0;
    for (const std::string& v : values)
    {
        st.bind(++i, v);
    }
    st.bind(++i, static_cast<std::int64_t>(filter.limit.value_or(-1)));
    std::vector<AuditRecord> out;
    while (st.executeStep())
    {
        out.push_back(read_audit_row(st));
    }
    std::reverse(out.begin(), out.end()); // read newest first for the limit, shown oldest first
    return out;
}

} // namespace mpp
