#include "mpp/privacy.hpp"

#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

namespace mpp
{
namespace
{

// A bulk read as recorded: its audit row, the selection and the last row shown.
struct RecordedRead
{
    AuditRecord record;
    std::optional<ApplicationFilter> filter; // absent: recorded before filters were
    std::optional<std::pair<std::string, std::string>> last;
};

std::optional<Date> date_column(SQLite::Statement& st, int i)
{
    const auto text = column_text(st, i);
    return text ? std::optional<Date>(stored_date(*text)) : std::nullopt;
}

ApplicationFilter read_filter(SQLite::Statement& st)
{
    ApplicationFilter f;
    f.agency = column_text(st, 10);
    f.service = column_text(st, 11);
    f.status = column_text(st, 12);
    f.from = date_column(st, 13);
    f.to = date_column(st, 14);
    f.overdue = !st.getColumn(15).isNull() && st.getColumn(15).getInt() != 0;
    f.as_of = date_column(st, 16);
    if (!st.getColumn(17).isNull())
    {
        f.limit = st.getColumn(17).getInt64();
    }
    f.include_void = !st.getColumn(20).isNull() && st.getColumn(20).getInt() != 0;
    return f;
}

// Every unmasked bulk read (no single key), oldest first.
std::vector<RecordedRead> recorded_bulk_reads(SQLite::Database& db)
{
    SQLite::Statement st(
        db, "SELECT id, at, operator, os_user, action, entity, key, detail, batch_id, "
            "json_type(detail, '$.filter'), json_extract(detail, '$.filter.agency'), "
            "json_extract(detail, '$.filter.service'), json_extract(detail, '$.filter.status'), "
            "json_extract(detail, '$.filter.from'), json_extract(detail, '$.filter.to'), "
            "json_extract(detail, '$.filter.overdue'), json_extract(detail, '$.filter.as_of'), "
            "json_extract(detail, '$.filter.limit'), json_extract(detail, '$.last.submitted_at'), "
            "json_extract(detail, '$.last.reference'), "
            "json_extract(detail, '$.filter.include_void') FROM audit "
            "WHERE action = 'unmasked_read' AND key IS NULL ORDER BY id");
    std::vector<RecordedRead> out;
    while (st.executeStep())
    {
        RecordedRead r;
        r.record = read_audit_row(st);
        if (column_text(st, 9) == std::optional<std::string>("object"))
        {
            r.filter = read_filter(st);
        }
        const auto at = column_text(st, 18);
        const auto ref = column_text(st, 19);
        if (at && ref)
        {
            r.last = std::make_pair(*at, *ref);
        }
        out.push_back(std::move(r));
    }
    return out;
}

// What an application was at an instant (UTC text), from its history: its status, and
// whether it was void.
struct StateAt
{
    std::optional<std::string> status;
    bool void_ = false;
};
StateAt state_at(ApplicationStore& store, const Application& app, const std::string& at)
{
    StateAt state;
    for (const StatusEvent& e : store.history(app.id))
    {
        if (format_utc(e.at) <= at)
        {
            state.status = e.to;
            state.void_ = e.kind == "voided" || (e.kind != "unvoided" && state.void_);
        }
    }
    return state;
}

// The audit ids between which an application carried a NIK, both ends included (a NIK
// correction's own row belongs to the NIK before and the NIK after it); absent: open.
struct Span
{
    std::optional<long long> from;
    std::optional<long long> to;
};

// An application that carries a NIK now or carried it before a correction: its reference, when
// it was stored, the NIK it has now, when it carried the NIK and every batch that wrote it.
struct Carrier
{
    std::string reference;
    std::string created_at;
    std::string nik_now;
    std::vector<Span> spans;
    std::set<long long> batches;
};

bool carried_at(const Carrier& c, long long audit_id)
{
    return std::any_of(c.spans.begin(), c.spans.end(),
                       [audit_id](const Span& s) {
                           return (!s.from || *s.from <= audit_id) && (!s.to || audit_id <= *s.to);
                       });
}

// The spans of audit ids that answer to `nik`: the whole history when the application carries
// it now (a correction fixed the record to be this person's), else while it carried it: before
// its i-th NIK correction it carried that event's former_nik; each correction's audit row (in
// the same order) bounds the spans.
std::vector<Span> nik_spans(SQLite::Database& db, long long id, const Carrier& c,
                            const std::string& nik)
{
    if (c.nik_now == nik)
    {
        return {Span{}}; // the record is this person's: its whole history answers to them
    }
    SQLite::Statement events(
        db, "SELECT json_extract(detail, '$.former_nik') FROM application_event WHERE "
            "application_id = ? AND kind = 'corrected' AND json_extract(detail, '$.former_nik') "
            "IS NOT NULL ORDER BY seq");
    events.bind(1, static_cast<std::int64_t>(id));
    std::vector<std::string> formers;
    while (events.executeStep())
    {
        formers.push_back(events.getColumn(0).getString());
    }
    SQLite::Statement rows(db, "SELECT id FROM audit WHERE entity = 'application' AND key = ? AND "
                               "action = 'correct' AND json_extract(detail, '$.nik') IS NOT NULL "
                               "ORDER BY id");
    rows.bind(1, c.reference);
    std::vector<long long> bounds;
    while (rows.executeStep())
    {
        bounds.push_back(rows.getColumn(0).getInt64());
    }
    const std::size_t n = std::min(formers.size(), bounds.size());
    std::vector<Span> out;
    for (std::size_t i = 0; i <= n; ++i)
    {
        if ((i < n ? formers[i] : c.nik_now) == nik)
        {
            out.push_back({i > 0 ? std::optional(bounds[i - 1]) : std::nullopt,
                           i < n ? std::optional(bounds[i]) : std::nullopt});
        }
    }
    return out;
}

// Every batch that inserted or changed an application.
std::set<long long> batches_of(SQLite::Database& db, long long id)
{
    SQLite::Statement st(db, "SELECT batch_id FROM application_batch WHERE application_id = ?1 "
                             "UNION SELECT batch_id FROM application WHERE id = ?1 UNION SELECT "
                             "touched_batch FROM application WHERE id = ?1");
    st.bind(1, static_cast<std::int64_t>(id));
    std::set<long long> out;
    while (st.executeStep())
    {
        if (!st.getColumn(0).isNull())
        {
            out.insert(st.getColumn(0).getInt64());
        }
    }
    return out;
}

// The applications that carry the NIK ?1 now or carried it before a correction.
constexpr const char* k_carriers_sql =
    "SELECT id, reference, created_at, nik, batch_id, touched_batch FROM application WHERE "
    "nik = ?1 OR id IN (SELECT application_id FROM application_event WHERE kind = 'corrected' "
    "AND json_extract(detail, '$.former_nik') = ?1)";

// The applications that carry a NIK now or carried it before a correction, by id.
std::map<long long, Carrier> nik_carriers(SQLite::Database& db, const std::string& nik)
{
    SQLite::Statement st(db, k_carriers_sql);
    st.bind(1, nik);
    std::map<long long, Carrier> out;
    while (st.executeStep())
    {
        out.emplace(st.getColumn(0).getInt64(), Carrier{st.getColumn(1).getString(),
                                                        st.getColumn(2).getString(),
                                                        st.getColumn(3).getString(),
                                                        {},
                                                        {}});
    }
    for (auto& [id, c] : out)
    {
        c.spans = nik_spans(db, id, c, nik);
        c.batches = batches_of(db, id);
    }
    return out;
}

// Whether an audit row names an application (its key, a correction of it, a batch that wrote
// it) at a time the application carried the NIK asked about.
bool names_carrier(const AuditRecord& r, const Carrier& c)
{
    const bool names =
        (r.key == c.reference && (r.entity == "application" || r.action == "correct")) ||
        (r.batch_id && c.batches.count(*r.batch_id) > 0);
    return names && carried_at(c, r.id);
}

// The audit rows that name a person's applications, their batches or corrections of them,
// made while the application carried the person's NIK.
std::vector<AuditRecord> direct_rows(SQLite::Database& db, const std::string& nik,
                                     const std::map<long long, Carrier>& carriers)
{
    // Their applications: those with the NIK now, and those a correction took it from.
    SQLite::Statement st(
        db,
        std::string("WITH person AS (") + k_carriers_sql + ") " +
            "SELECT id, at, operator, os_user, action, entity, key, detail, batch_id FROM audit "
            "WHERE (key IN (SELECT reference FROM person) AND "
            "(entity = 'application' OR action = 'correct')) OR batch_id IN (SELECT b.batch_id "
            "FROM application_batch b JOIN person p ON p.id = b.application_id UNION SELECT "
            "batch_id FROM person UNION SELECT touched_batch FROM person) ORDER BY id");
    st.bind(1, nik);
    std::vector<AuditRecord> out;
    while (st.executeStep())
    {
        AuditRecord r = read_audit_row(st);
        if (std::any_of(carriers.begin(), carriers.end(),
                        [&r](const auto& c) { return names_carrier(r, c.second); }))
        {
            out.push_back(std::move(r));
        }
    }
    return out;
}

// Whether a bulk read recorded at `read` selected any of a person's applications: the same
// selection (ApplicationStore::each) for the NIKs they carry now, with the status judged from
// the history at the read, among the applications stored by then and carrying the person's NIK
// then, and (with a limit) not after the last row shown (`last`: submission time, reference).
bool bulk_read_selected(ApplicationStore& store, const std::map<long long, Carrier>& carriers,
                        const RecordedRead& read)
{
    const ApplicationFilter& filter = *read.filter;
    const std::string read_at = format_utc(read.record.at);
    std::set<std::string> niks_now;
    for (const auto& [id, c] : carriers)
    {
        niks_now.insert(c.nik_now);
    }
    ApplicationFilter f = filter;
    f.status.reset();      // judged at the time of the read below
    f.limit.reset();       // judged by the last row shown below
    f.include_void = true; // judged at the time of the read below
    bool selected = false;
    for (const std::string& nik_now : niks_now)
    {
        f.nik = nik_now;
        store.each(f,
                   [&](Application&& a)
                   {
                       const auto c = carriers.find(a.id);
                       if (c == carriers.end())
                       {
                           return;
                       }
                       const bool existed =
                           c->second.created_at <= read_at && carried_at(c->second, read.record.id);
                       const StateAt then = state_at(store, a, read_at);
                       const bool status_ok = !filter.status || then.status == filter.status;
                       const bool void_ok = filter.include_void || !then.void_;
                       const bool shown =
                           !filter.limit || !read.last ||
                           std::make_pair(format_utc(a.submitted_at), a.reference) <= *read.last;
                       selected = selected || (existed && status_ok && void_ok && shown &&
                                               (!filter.limit || read.last));
                   });
    }
    return selected;
}

} // namespace

void audit_unmasked_record(Database& db, const Actor& actor, const std::string& what,
                           const std::string& reason, const std::string& reference,
                           const std::string& entity, long long rows)
{
    db.require_writable();
    WriteTransaction tx(db);
    append_audit(db.sql(), actor,
                 AuditEntry{"unmasked_read", entity, reference,
                            JsonObject()
                                .add("what", what.c_str())
                                .add("reason", trim(reason).c_str())
                                .add("rows", rows)
                                .str(),
                            std::nullopt});
    tx.commit();
}

long long audit_bulk_read(Database& db, ApplicationStore& store, const Actor& actor,
                          const std::string& what, const std::string& reason,
                          const ApplicationFilter& filter)
{
    db.require_writable();
    WriteTransaction tx(db);
    long long rows = 0;
    std::optional<Application> last;
    store.each(filter,
               [&](Application&& a)
               {
                   ++rows;
                   last = std::move(a);
               });
    append_audit(db.sql(), actor,
                 AuditEntry{"unmasked_read", "application", std::nullopt,
                            JsonObject()
                                .add("what", what.c_str())
                                .add("reason", trim(reason).c_str())
                                .add_raw("filter", filter_json(filter))
                                .add("rows", rows)
                                .add_raw("last", last ? JsonObject()
                                                            .add("submitted_at",
                                                                 format_utc(last->submitted_at))
                                                            .add("reference", last->reference)
                                                            .str()
                                                      : "null")
                                .str(),
                            std::nullopt});
    tx.commit();
    return rows;
}

std::vector<AuditRecord> subject_access(Database& db, ApplicationStore& store, const Actor& actor,
                                        const std::string& nik, const std::string& reason)
{
    db.require_writable();
    WriteTransaction tx(db);
    const std::map<long long, Carrier> carriers = nik_carriers(db.sql(), nik);
    std::vector<AuditRecord> rows = direct_rows(db.sql(), nik, carriers);
    for (RecordedRead& r : recorded_bulk_reads(db.sql()))
    {
        if (!r.filter || bulk_read_selected(store, carriers, r))
        {
            rows.push_back(std::move(r.record));
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const AuditRecord& x, const AuditRecord& y) { return x.id < y.id; });
    append_audit(db.sql(), actor,
                 AuditEntry{"subject_access", "person", mask_nik(nik),
                            JsonObject()
                                .add("reason", trim(reason).c_str())
                                .add("rows", static_cast<long long>(rows.size()))
                                .str(),
                            std::nullopt});
    tx.commit();
    return rows;
}

} // namespace mpp
