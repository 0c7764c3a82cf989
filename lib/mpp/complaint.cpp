// The complaint store: the rules of a new complaint, generated ids, status moves with their
// history and audit rows, listing.
#include "mpp/complaint.hpp"

#include "mpp/agency.hpp"
#include "mpp/error.hpp"
#include "mpp/json.hpp"
#include "mpp/reference.hpp"
#include "mpp/service.hpp"
#include "mpp/store_helpers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace mpp
{
namespace
{

const char* const k_select =
    "SELECT c.id, c.code, c.received_at, c.received_on, c.channel, a.code, s.code, c.subject, "
    "c.status, c.status_at, c.closed_on, c.complainant, c.contact FROM complaint c LEFT JOIN "
    "agency a ON a.id = c.agency_id LEFT JOIN service s ON s.id = c.service_id";

Complaint read_complaint(SQLite::Statement& st)
{
    Complaint c;
    c.id = st.getColumn(0).getInt64();
    c.code = st.getColumn(1).getString();
    c.received_at = stored_instant(st.getColumn(2).getString());
    c.received_on = stored_date(st.getColumn(3).getString());
    c.channel = st.getColumn(4).getString();
    c.agency = column_text(st, 5);
    c.service = column_text(st, 6);
    c.subject = st.getColumn(7).getString();
    c.status = st.getColumn(8).getString();
    c.status_at = stored_instant(st.getColumn(9).getString());
    if (const auto closed = column_text(st, 10))
    {
        c.closed_on = stored_date(*closed);
    }
    c.complainant = column_text(st, 11);
    c.contact = column_text(st, 12);
    return c;
}

// The id of an agency or service code (NULL when absent).
void bind_id(SQLite::Database& db, SQLite::Statement& st, int index, const char* table,
             const std::optional<std::string>& code)
{
    if (!code)
    {
        st.bind(index);
        return;
    }
    SQLite::Statement q(db, fmt::format("SELECT id FROM {} WHERE code = ?", table));
    q.bind(1, *code);
    q.executeStep();
    st.bind(index, q.getColumn(0).getInt64());
}

} // namespace

struct ComplaintStore::Impl
{
    Impl(SQLite::Database& d, const OfficeSettings& o) : db(d), office(o) {}

    SQLite::Database& db;
    OfficeSettings office;

    Sequence sequence{db, "complaint", "code"};

    // The next generated id of received_on's month, from reference_seq (key `ADU-202210-{seq}`).
    std::string generate_code(Date received_on)
    {
        int y = 0;
        int m = 0;
        int d = 0;
        civil(received_on, y, m, d);
        const std::string prefix = fmt::format("ADU-{:04}{:02}-", y, m);
        return sequence.next(prefix + "{seq}", prefix, 4, "");
    }

    // A given id of the generated form raises its month's sequence.
    void claim_code(const std::string& code)
    {
        if (code.size() == 15 && (code.rfind("ADU-", 0) == 0 || code.rfind("adu-", 0) == 0) &&
            code[10] == '-' && code.find_first_not_of("0123456789", 11) == std::string::npos &&
            code.substr(4, 6).find_first_not_of("0123456789") == std::string::npos)
        {
            sequence.raise("ADU-" + code.substr(4, 7) + "{seq}", std::stoll(code.substr(11)));
        }
    }

    // Insert the complaint's row; returns its id.
    long long insert(const std::string& code, const NewComplaint& c, Date received_on,
                     Instant status_at, const Actor& actor, std::optional<long long> batch_id)
    {
        SQLite::Statement st(db, "INSERT INTO complaint (code, received_at, received_on, channel, "
                                 "agency_id, service_id, subject, status, status_at, closed_on, "
                                 "complainant, contact, batch_id, created_at, updated_at) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, code);
        st.bind(2, format_utc(c.received_at));
        st.bind(3, format_date(received_on));
        st.bind(4, c.channel);
        bind_id(db, st, 5, "agency", c.agency);
        bind_id(db, st, 6, "service", c.service);
        st.bind(7, c.subject);
        st.bind(8, c.status);
        st.bind(9, format_utc(status_at));
        bind_text(st, 10,
                  complaint_closed(c.status) ? std::optional<std::string>(format_date(
                                                   local_date(status_at, office.offset)))
                                             : std::nullopt);
        bind_text(st, 11, c.complainant);
        bind_text(st, 12, c.contact);
        if (batch_id)
        {
            st.bind(13, static_cast<std::int64_t>(*batch_id));
        }
        else
        {
            st.bind(13);
        }
        st.bind(14, format_utc(actor.now));
        st.bind(15, format_utc(actor.now));
        st.exec();
        return db.getLastInsertRowid();
    }

    void add_event(long long id, Instant at, const std::optional<std::string>& from,
                   const std::string& to, const std::string& op,
                   const std::optional<std::string>& note)
    {
        SQLite::Statement st(db,
                             "INSERT INTO complaint_event (complaint_id, seq, at, from_status, "
                             "to_status, operator, note) VALUES (?1, (SELECT coalesce(max(seq), "
                             "0) + 1 FROM complaint_event WHERE complaint_id = ?1), ?2, ?3, "
                             "?4, ?5, ?6)");
        st.bind(1, static_cast<std::int64_t>(id));
        st.bind(2, format_utc(at));
        bind_text(st, 3, from);
        st.bind(4, to);
        st.bind(5, op);
        bind_text(st, 6, note);
        st.exec();
    }
};

ComplaintStore::ComplaintStore(SQLite::Database& db, const OfficeSettings& office)
    : m_impl(std::make_unique<Impl>(db, office))
{
}

ComplaintStore::~ComplaintStore() = default;

std::optional<Complaint> ComplaintStore::find(const std::string& code)
{
    SQLite::Statement st(m_impl->db, std::string(k_select) + " WHERE c.code = ?");
    st.bind(1, code);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return read_complaint(st);
}

std::optional<Complaint> ComplaintStore::find_same(const NewComplaint& c)
{
    const Instant minute = c.received_at - (c.received_at % 60 + 60) % 60;
    SQLite::Statement st(m_impl->db, std::string(k_select) +
                                         " WHERE c.received_at >= ? AND c.received_at < ? AND "
                                         "c.channel = ? AND c.subject = ? ORDER BY c.id LIMIT 1");
    st.bind(1, format_utc(minute));
    st.bind(2, format_utc(minute + 60));
    st.bind(3, c.channel);
    st.bind(4, c.subject);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return read_complaint(st);
}

Complaint ComplaintStore::get(const std::string& code)
{
    auto c = find(code);
    if (!c)
    {
        throw Error(ErrorKind::not_found, fmt::format("no complaint '{}'", code));
    }
    return *c;
}

void ComplaintStore::check(NewComplaint& c, Instant now, FieldProblems& problems)
{
    const UtcOffset offset = m_impl->office.offset;
    check_field(problems, "received_at",
                [&]
                {
                    check_not_future(c.received_at, now, offset);
                    return true;
                });
    if (c.agency && !AgencyStore(m_impl->db).find(*c.agency))
    {
        problems.push_back({"agency", fmt::format("no agency '{}'", *c.agency)});
    }
    if (c.service)
    {
        const auto svc = ServiceStore(m_impl->db).find(*c.service);
        if (!svc)
        {
            problems.push_back({"service", fmt::format("no service '{}'", *c.service)});
        }
        else if (c.agency && svc->agency != *c.agency)
        {
            problems.push_back({"service", fmt::format("'{}' belongs to agency {}, not {}",
                                                       svc->code, svc->agency, *c.agency)});
        }
        else
        {
            c.agency = svc->agency; // a service names its agency
            c.service = svc->code;
        }
    }
    if (!c.status_at)
    {
        if (c.status != "received")
        {
            problems.push_back(
                {"status_at", fmt::format("is required when the status is {}", c.status)});
            return;
        }
        c.status_at = c.received_at;
    }
    if (*c.status_at < c.received_at)
    {
        problems.push_back({"status_at", "is before received_at"});
    }
    check_field(problems, "status_at",
                [&]
                {
                    check_not_future(*c.status_at, now, offset);
                    return true;
                });
}

Complaint ComplaintStore::create(const NewComplaint& c, const Actor& actor,
                                 std::optional<long long> batch_id)
{
    Impl& m = *m_impl;
    const Date received_on = local_date(c.received_at, m.office.offset);
    const Instant status_at = c.status_at.value_or(c.received_at);
    std::string code;
    if (c.code)
    {
        code = *c.code;
        m.claim_code(code);
    }
    else
    {
        code = m.generate_code(received_on);
    }
    const long long id = m.insert(code, c, received_on, status_at, actor, batch_id);
    const bool received = c.status == "received";
    m.add_event(id, c.received_at, std::nullopt, "received", actor.operator_name,
                received ? c.note : std::nullopt);
    if (!received)
    {
        m.add_event(id, status_at, "received", c.status, actor.operator_name, c.note);
    }
    if (!batch_id)
    {
        append_audit(m.db, actor,
                     AuditEntry{"create", "complaint", code,
                                JsonObject()
                                    .add("channel", c.channel.c_str())
                                    .add("agency", c.agency)
                                    .add("service", c.service)
                                    .add("status", c.status.c_str())
                                    .str(),
                                std::nullopt});
    }
    return get(code);
}

Complaint ComplaintStore::set_status(const std::string& code, const std::string& status, Instant at,
                                     const std::optional<std::string>& note, const Actor& actor,
                                     bool audit)
{
    const Complaint c = get(code);
    if (!complaint_move_allowed(c.status, status))
    {
        throw Error(
            ErrorKind::invalid_data,
            fmt::format("complaint {} is {}: it cannot move to {}", c.code, c.status, status),
            complaint_closed(c.status) ? ""
                                       : "received → in_progress → resolved; "
                                         "received/in_progress → rejected");
    }
    if (at < c.status_at)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is before its last change ({})",
                                format_local(at, m_impl->office.offset),
                                format_local(c.status_at, m_impl->office.offset)));
    }
    check_not_future(at, actor.now, m_impl->office.offset);
    SQLite::Statement st(m_impl->db, "UPDATE complaint SET status = ?, status_at = ?, closed_on = "
                                     "?, updated_at = ? WHERE id = ?");
    st.bind(1, status);
    st.bind(2, format_utc(at));
    bind_text(st, 3,
              complaint_closed(status)
                  ? std::optional<std::string>(format_date(local_date(at, m_impl->office.offset)))
                  : std::nullopt);
    st.bind(4, format_utc(actor.now));
    st.bind(5, static_cast<std::int64_t>(c.id));
    st.exec();
    m_impl->add_event(c.id, at, c.status, status, actor.operator_name, note);
    if (audit)
    {
        append_audit(m_impl->db, actor,
                     AuditEntry{"status", "complaint", c.code,
                                JsonObject()
                                    .add("from", c.status.c_str())
                                    .add("to", status.c_str())
                                    .add("at", format_utc(at).c_str())
                                    .str(),
                                std::nullopt});
    }
    return get(c.code);
}

void ComplaintStore::update_details(const Complaint& c, long long batch_id)
{
    SQLite::Statement st(m_impl->db,
                         "UPDATE complaint SET channel = ?, agency_id = ?, service_id = ?, "
                         "subject = ?, complainant = ?, contact = ?, batch_id = ? WHERE id = ?");
    st.bind(1, c.channel);
    bind_id(m_impl->db, st, 2, "agency", c.agency);
    bind_id(m_impl->db, st, 3, "service", c.service);
    st.bind(4, c.subject);
    bind_text(st, 5, c.complainant);
    bind_text(st, 6, c.contact);
    st.bind(7, static_cast<std::int64_t>(batch_id));
    st.bind(8, static_cast<std::int64_t>(c.id));
    st.exec();
}

std::vector<Complaint> ComplaintStore::list(const ComplaintFilter& f)
{
    // Sentinel bounds (not `?1 IS NULL OR …`) keep it a SEARCH of complaint_by_received, whose
    // order (received_on, received_at, id) is the listing's: no sort.
    SQLite::Statement st(
        m_impl->db, std::string(k_select) +
                        " WHERE c.received_on >= ?1 AND c.received_on <= ?2 AND (?3 IS NULL OR "
                        "a.code = ?3) AND (?4 IS NULL OR s.code = ?4) AND (?5 IS NULL OR c.status "
                        "= ?5 OR (?5 = 'open' AND c.closed_on IS NULL)) AND (?6 IS NULL OR "
                        "c.channel = ?6) ORDER BY c.received_on, c.received_at, c.id LIMIT ?7");
    st.bind(1, f.from ? format_date(*f.from) : std::string("0000"));
    st.bind(2, f.to ? format_date(*f.to) : std::string("9999"));
    bind_text(st, 3, f.agency);
    bind_text(st, 4, f.service);
    bind_text(st, 5, f.status);
    bind_text(st, 6, f.channel);
    st.bind(7, static_cast<std::int64_t>(f.limit.value_or(-1)));
    std::vector<Complaint> out;
    while (st.executeStep())
    {
        out.push_back(read_complaint(st));
    }
    return out;
}

std::vector<ComplaintEvent> ComplaintStore::history(long long id)
{
    SQLite::Statement st(m_impl->db, "SELECT seq, at, from_status, to_status, operator, note FROM "
                                     "complaint_event WHERE complaint_id = ? ORDER BY seq");
    st.bind(1, static_cast<std::int64_t>(id));
    std::vector<ComplaintEvent> out;
    while (st.executeStep())
    {
        out.push_back({st.getColumn(0).getInt(), stored_instant(st.getColumn(1).getString()),
                       column_text(st, 2), st.getColumn(3).getString(), st.getColumn(4).getString(),
                       column_text(st, 5)});
    }
    return out;
}

} // namespace mpp
