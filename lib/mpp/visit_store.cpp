// Storing visits: the store (rows and their tallies), the import target and `visit add`.
#include "mpp/json.hpp"
#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/visit.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

#define MPP_VISIT_COLUMNS                                                                          \
    "v.kind, a.code, v.agency_id, s.code, coalesce(v.service_id, 0), v.day, v.channel, v.ticket, " \
    "v.taken_at, v.called_at, v.finished_at, coalesce(v.outcome, 'served'), v.count"

std::optional<Instant> column_instant(SQLite::Statement& st, int index)
{
    const auto text = column_text(st, index);
    return text ? std::optional<Instant>(stored_instant(*text)) : std::nullopt;
}

Visit read_visit(SQLite::Statement& st)
{
    Visit v;
    v.ticket_row = st.getColumn(0).getString() == "ticket";
    v.agency = st.getColumn(1).getString();
    v.agency_id = st.getColumn(2).getInt64();
    v.service = column_text(st, 3);
    v.service_id = st.getColumn(4).getInt64();
    v.day = stored_date(st.getColumn(5).getText());
    v.channel = st.getColumn(6).getString();
    v.ticket = column_text(st, 7);
    v.taken_at = column_instant(st, 8);
    v.called_at = column_instant(st, 9);
    v.finished_at = column_instant(st, 10);
    v.outcome = st.getColumn(11).getString();
    v.count = st.getColumn(12).getInt64();
    return v;
}

void bind_instant(SQLite::Statement& st, int index, const std::optional<Instant>& at)
{
    bind_text(st, index, at ? std::optional<std::string>(format_utc(*at)) : std::nullopt);
}

} // namespace

std::optional<Visit> VisitStore::find(const std::string& key)
{
    SQLite::Statement& st = cached_statement(
        m_find, m_db,
        "SELECT " MPP_VISIT_COLUMNS " FROM visit v JOIN agency a ON a.id = v.agency_id "
        "LEFT JOIN service s ON s.id = v.service_id WHERE v.key = ?");
    st.bind(1, key);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return read_visit(st);
}

void VisitStore::write(const Visit& v, bool exists, const Actor& actor,
                       std::optional<long long> batch_id)
{
    const std::string key = visit_key(v);
    if (exists)
    {
        m_tally.add(*find(key), -1);
    }
    SQLite::Statement& st = cached_statement(
        exists ? m_update : m_insert, m_db,
        exists ? "UPDATE visit SET kind = ?2, agency_id = ?3, service_id = ?4, day = ?5, "
                 "channel = ?6, ticket = ?7, taken_at = ?8, called_at = ?9, finished_at = ?10, "
                 "outcome = ?11, count = ?12, updated_at = ?13, "
                 "batch_id = coalesce(?14, batch_id) WHERE key = ?1"
               : "INSERT INTO visit (key, kind, agency_id, service_id, day, channel, ticket, "
                 "taken_at, called_at, finished_at, outcome, count, created_at, updated_at, "
                 "batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, "
                 "?14)");
    st.bind(1, key);
    st.bind(2, v.ticket_row ? "ticket" : "count");
    st.bind(3, static_cast<std::int64_t>(v.agency_id));
    if (v.service_id != 0)
    {
        st.bind(4, static_cast<std::int64_t>(v.service_id));
    }
    st.bind(5, format_date(v.day));
    st.bind(6, v.channel);
    bind_text(st, 7, v.ticket);
    bind_instant(st, 8, v.taken_at);
    bind_instant(st, 9, v.called_at);
    bind_instant(st, 10, v.finished_at);
    bind_text(st, 11, v.ticket_row ? std::optional<std::string>(v.outcome) : std::nullopt);
    st.bind(12, static_cast<std::int64_t>(v.count));
    st.bind(13, format_utc(actor.now));
    if (batch_id)
    {
        st.bind(14, static_cast<std::int64_t>(*batch_id));
    }
    st.exec();
    m_tally.add(v, +1);
}

void VisitImport::begin(SQLite::Database& db)
{
    m_offset = load_office_settings(db).offset;
    m_catalogue = load_visit_catalogue(db);
    m_store = std::make_unique<VisitStore>(db, m_offset);
}

void VisitImport::on_header(const std::vector<std::string>& fields, const ImportOptions& options)
{
    (void)options;
    auto has = [&](const char* f)
    { return std::find(fields.begin(), fields.end(), f) != fields.end(); };
    // The shape: a count column makes a tally sheet, taken_at a ticket file (whose date column,
    // if any, is the tickets' date).
    const bool tickets = has("taken_at");
    if (tickets && has("count"))
    {
        throw Error(ErrorKind::invalid_data,
                    "the file has both taken_at (one row per queue ticket) and count (a tally "
                    "sheet's daily count): a visit file is one or the other",
                    "split it into a ticket file (taken_at, agency, …) and a tally sheet (date, "
                    "agency, count, …)");
    }
    if (!tickets && !(has("date") && has("count")))
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("the columns fit neither visit file: queue tickets need taken_at "
                                "and agency, a tally sheet needs date, agency and count; found: {}",
                                join(fields, ", ")),
                    "rename the columns or use --map SOURCE=FIELD");
    }
    for (const char* f : {"ticket", "called_at", "finished_at", "outcome"})
    {
        if (!tickets && has(f))
        {
            throw Error(ErrorKind::invalid_data,
                        fmt::format("column {} belongs to queue-ticket files, not to a tally "
                                    "sheet (date, agency, count)",
                                    f));
        }
    }
    m_tickets = tickets;
}

RowOutcome VisitImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                              OnConflict on_conflict, FieldProblems& problems)
{
    KeyedImport<Visit> io{
        m_tickets ? "ticket" : "count",
        [&](const RawRecord& raw, FieldProblems& p)
        { return parse_visit(raw, m_tickets, m_catalogue, m_offset, m_actor.now, p); },
        visit_key,
        [](const Visit& v) { return fmt::format("visit '{}'", visit_key(v)); },
        [&](const Visit& v) { return m_store->find(visit_key(v)); },
        [&](const Visit& v) { return visit_to_raw(v, m_offset); },
        [&](const Visit& v, bool exists) { m_store->write(v, exists, m_actor, batch_id); }};
    io.repeated = [](const Visit& v, std::size_t first) { return visit_repeated(v, first); };
    return import_keyed_row(io, record, line, m_keys, on_conflict, problems, change());
}

void VisitImport::before_commit()
{
    m_store->flush();
}

VisitCount add_visit_count(Database& db, const RawRecord& raw, const Actor& actor, bool dry_run)
{
    WriteTransaction tx(db);
    const UtcOffset offset = load_office_settings(db.sql()).offset;
    FieldProblems problems;
    RawRecord row = raw;
    if (!row.get("date"))
    {
        row.set("date", format_date(local_date(actor.now, offset)));
    }
    auto visit =
        parse_visit(row, false, load_visit_catalogue(db.sql()), offset, actor.now, problems);
    throw_first_problem(problems);
    VisitStore store(db.sql(), offset);
    const std::string key = visit_key(*visit);
    const auto existing = store.find(key);
    const long long added = visit->count;
    visit->count += existing ? existing->count : 0;
    if (visit->count > k_max_visit_count) // the bound an imported count has, for the day's total
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("count: the day's count would be {}, more than {}", visit->count,
                                k_max_visit_count));
    }
    store.write(*visit, existing.has_value(), actor, std::nullopt);
    store.flush();
    append_audit(db.sql(), actor,
                 AuditEntry{existing ? "update" : "create", "visit", key,
                            JsonObject().add("added", added).add("count", visit->count).str(),
                            std::nullopt});
    if (!dry_run)
    {
        tx.commit();
    }
    return VisitCount{key, visit->count, !existing};
}

} // namespace mpp
