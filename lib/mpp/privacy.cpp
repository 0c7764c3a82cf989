#include "mpp/privacy.hpp"

#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>
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

// The audit rows that name a person's applications, their batches or corrections of them.
std::vector<AuditRecord> direct_rows(SQLite::Database& db, const std::string& nik)
{
    // Their applications: those with the NIK now, and those a correction took it from.
    SQLite::Statement st(
        db, "WITH person AS (SELECT id, reference, batch_id, touched_batch FROM application "
            "WHERE nik = ?1 OR id IN (SELECT application_id FROM application_event WHERE kind = "
            "'corrected' AND json_extract(detail, '$.former_nik') = ?1)) "
            "SELECT id, at, operator, os_user, action, entity, key, detail, batch_id FROM audit "
            "WHERE (key IN (SELECT reference FROM person) AND "
            "(entity = 'application' OR action = 'correct')) OR batch_id IN (SELECT b.batch_id "
            "FROM application_batch b JOIN person p ON p.id = b.application_id UNION SELECT "
            "batch_id FROM person UNION SELECT touched_batch FROM person) ORDER BY id");
    st.bind(1, nik);
    std::vector<AuditRecord> out;
    while (st.executeStep())
    {
        out.push_back(read_audit_row(st));
    }
    return out;
}

// An application that carried a NIK: when it was stored, the NIK it has now and, when a
// correction took the NIK away, until when it carried it.
struct Carrier
{
    std::string created_at;
    std::string nik_now;
    std::optional<std::string> until;
};

// The applications that carry a NIK now or carried it before a correction, by id.
std::map<long long, Carrier> nik_carriers(SQLite::Database& db, const std::string& nik)
{
    SQLite::Statement st(
        db, "SELECT id, created_at, nik, NULL FROM application WHERE nik = ?1 UNION ALL SELECT "
            "a.id, a.created_at, a.nik, min(e.at) FROM application a JOIN application_event e ON "
            "e.application_id = a.id WHERE e.kind = 'corrected' AND json_extract(e.detail, "
            "'$.former_nik') = ?1 GROUP BY a.id");
    st.bind(1, nik);
    std::map<long long, Carrier> out;
    while (st.executeStep())
    {
        Carrier c{st.getColumn(1).getString(), st.getColumn(2).getString(), column_text(st, 3)};
        Carrier& kept = out.emplace(st.getColumn(0).getInt64(), c).first->second;
        if (c.nik_now == nik)
        {
            kept.until.reset(); // it has the NIK again: it still carries it
        }
    }
    return out;
}

} // namespace

void audit_unmasked_record(Database& db, const Actor& actor, const std::string& what,
                           const std::string& reason, const std::string& reference)
{
    db.require_writable();
    WriteTransaction tx(db);
    append_audit(db.sql(), actor,
                 AuditEntry{"unmasked_read", "application", reference,
                            JsonObject()
                                .add("what", what.c_str())
                                .add("reason", trim(reason).c_str())
                                .add("rows", 1LL)
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

std::vector<std::string>
bulk_read_selected(SQLite::Database& db, ApplicationStore& store, const ApplicationFilter& filter,
                   const std::optional<std::pair<std::string, std::string>>& last,
                   const std::string& read_at, const std::string& nik)
{
    const std::map<long long, Carrier> carriers = nik_carriers(db, nik);
    std::set<std::string> niks_now;
    for (const auto& [id, c] : carriers)
    {
        niks_now.insert(c.nik_now);
    }
    ApplicationFilter f = filter;
    f.status.reset();      // judged at the time of the read below
    f.limit.reset();       // judged by the last row shown below
    f.include_void = true; // judged at the time of the read below
    std::vector<std::string> out;
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
                       const bool existed = c->second.created_at <= read_at &&
                                            (!c->second.until || read_at < *c->second.until);
                       const StateAt then = state_at(store, a, read_at);
                       const bool status_ok = !filter.status || then.status == filter.status;
                       const bool void_ok = filter.include_void || !then.void_;
                       const bool shown =
                           !filter.limit || !last ||
                           std::make_pair(format_utc(a.submitted_at), a.reference) <= *last;
                       if (existed && status_ok && void_ok && shown && (!filter.limit || last))
                       {
                           out.push_back(a.reference);
                       }
                   });
    }
    return out;
}

std::vector<AuditRecord> subject_access(Database& db, ApplicationStore& store, const Actor& actor,
                                        const std::string& nik, const std::string& reason)
{
    db.require_writable();
    WriteTransaction tx(db);
    std::vector<AuditRecord> rows = direct_rows(db.sql(), nik);
    for (RecordedRead& r : recorded_bulk_reads(db.sql()))
    {
        const std::string at = format_utc(r.record.at);
        if (!r.filter || !bulk_read_selected(db.sql(), store, *r.filter, r.last, at, nik).empty())
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
