#include "mpp/application.hpp"

#include "mpp/reference.hpp"
#include "mpp/spelling.hpp"

#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/tally.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>
#include <map>

namespace mpp
{
namespace
{

std::optional<Date> optional_date(const std::optional<std::string>& text)
{
    return text ? std::optional<Date>(stored_date(*text)) : std::nullopt;
}

// A given date without a time is compared by its local date (data.md).
bool is_before(Instant a, Instant b, UtcOffset offset)
{
    if (a == local_midnight(local_date(a, offset), offset))
    {
        return local_date(a, offset) < local_date(b, offset);
    }
    return a < b;
}

#define MPP_APPLICATION_SELECT                                                                     \
    "SELECT a.id, a.reference, s.code, g.code, a.applicant_name, a.nik, a.phone, a.channel, "      \
    "a.submitted_at, a.submitted_on, a.start_on, a.status, a.status_at, a.decided_at, "            \
    "a.decided_on, a.sla_days, a.imported_paused, a.paused_days, a.paused_since, a.due_on, "       \
    "a.fee, a.note, a.service_id, a.voided_at FROM application a JOIN service s ON s.id = "        \
    "a.service_id "                                                                                \
    "JOIN agency g ON g.id = s.agency_id "

// An application open now (data.md): not decided, not void.
#define MPP_OPEN_NOW "a.decided_on IS NULL AND a.voided_at IS NULL"

Application read_application(SQLite::Statement& st)
{
    Application a;
    a.id = st.getColumn(0).getInt64();
    a.reference = st.getColumn(1).getString();
    a.service = st.getColumn(2).getString();
    a.agency = st.getColumn(3).getString();
    a.applicant_name = st.getColumn(4).getString();
    a.nik = st.getColumn(5).getString();
    a.phone = column_text(st, 6);
    a.channel = st.getColumn(7).getString();
    a.submitted_at = parse_stored_instant(st.getColumn(8).getString());
    a.submitted_on = stored_date(st.getColumn(9).getString());
    a.start_on = stored_date(st.getColumn(10).getString());
    a.status = st.getColumn(11).getString();
    a.status_at = parse_stored_instant(st.getColumn(12).getString());
    if (auto decided = column_text(st, 13))
    {
        a.decided_at = parse_stored_instant(*decided);
    }
    a.decided_on = optional_date(column_text(st, 14));
    a.sla_days = st.getColumn(15).getInt();
    a.imported_paused = st.getColumn(16).getInt();
    a.paused_days = st.getColumn(17).getInt();
    a.paused_since = optional_date(column_text(st, 18));
    a.due_on = stored_date(st.getColumn(19).getString());
    a.fee = st.getColumn(20).getInt64();
    a.note = column_text(st, 21);
    a.service_id = st.getColumn(22).getInt64();
    if (auto voided = column_text(st, 23))
    {
        a.voided_at = parse_stored_instant(*voided);
    }
    return a;
}

std::string audit_detail(const Application& a)
{
    return JsonObject()
        .add("service", a.service.c_str())
        .add("nik", mask_nik(a.nik).c_str())
        .add("status", a.status.c_str())
        .add("submitted_at", format_utc(a.submitted_at).c_str())
        .str();
}

} // namespace

std::optional<std::string> retired_problem(const Service& svc, Date submitted_on)
{
    if (svc.active_on(submitted_on))
    {
        return std::nullopt;
    }
    return fmt::format("service '{}' was retired on {}: it takes no applications from that day",
                       svc.code, format_date(*svc.retired_on));
}

void check_new_application(const NewApplication& in, const Service& svc, UtcOffset offset,
                           Instant now, FieldProblems& problems)
{
    for (const auto& [field, at] :
         {std::pair{"submitted_at", std::optional(in.submitted_at)},
          std::pair{"status_at", in.status_at}, std::pair{"decided_at", in.decided_at}})
    {
        if (at)
        {
            check_field(problems, field,
                        [&, at = *at]
                        {
                            check_not_future(at, now, offset);
                            return true;
                        });
        }
    }
    if (auto retired = retired_problem(svc, local_date(in.submitted_at, offset)))
    {
        problems.push_back({"service", *retired});
    }
    const bool final = is_final_status(in.status);
    if (final && !in.decided_at)
    {
        problems.push_back({"decided_at", fmt::format("is required for status {}", in.status)});
    }
    if (!final && in.decided_at)
    {
        problems.push_back(
            {"decided_at", fmt::format("is given but status {} is not final", in.status)});
    }
    if (in.decided_at && is_before(*in.decided_at, in.submitted_at, offset))
    {
        problems.push_back({"decided_at", "is before submitted_at"});
    }
    if (in.status_at && is_before(*in.status_at, in.submitted_at, offset))
    {
        problems.push_back({"status_at", "is before submitted_at"});
    }
}

struct ApplicationStore::Impl
{
    SQLite::Database& db;
    OfficeSettings office;
    const WorkCalendar& cal;
    ReferenceMaker refs;
    ServiceStore services;
    std::map<std::string, Service> service_cache;
    std::map<std::string, long long> service_ids;
    std::unique_ptr<SQLite::Statement> find;
    std::unique_ptr<CaseWalk> reference_walk;
    std::unique_ptr<SQLite::Statement> exists;
    std::unique_ptr<SQLite::Statement> insert;
    std::unique_ptr<SQLite::Statement> event;
    Sequence sequence;
    std::unique_ptr<SQLite::Statement> service_id;
    Tally tally;
    bool defer_tally = false;

    void tally_done()
    {
        if (!defer_tally)
        {
            tally.flush(db);
        }
    }

    Impl(SQLite::Database& d, const OfficeSettings& o, const WorkCalendar& c)
        : db(d), office(o), cal(c), refs(o), services(d), sequence(d, "application", "reference")
    {
    }

    bool reference_taken(const std::string& reference)
    {
        auto& st = cached_statement(exists, db, "SELECT 1 FROM application WHERE reference = ?");
        st.bindNoCopy(1, reference);
        return st.executeStep();
    }

    // A new reference, or the given one (which then raises its sequence if it fits the template).
    // The template's parts and sequence key per month and service (an import asks per row).
    struct Expanded
    {
        ReferenceMaker::Parts parts;
        std::string key;
    };
    std::map<std::pair<int, std::string>, Expanded> expanded;

    const Expanded& expand(Date submitted_on, const Service& svc)
    {
        int y = 0;
        int m = 0;
        int d = 0;
        civil(submitted_on, y, m, d);
        auto [it, added] = expanded.try_emplace({y * 12 + m, svc.code});
        if (added)
        {
            it->second.parts = refs.parts(submitted_on, svc.agency, svc.code);
            it->second.key = it->second.parts.prefix + "{seq}" + it->second.parts.suffix;
        }
        return it->second;
    }

    std::string reference_for(const std::optional<std::string>& given, Date submitted_on,
                              const Service& svc)
    {
        const Expanded& e = expand(submitted_on, svc);
        const ReferenceMaker::Parts& parts = e.parts;
        const std::string& key = e.key;
        if (given)
        {
            const std::string& r = *given;
            if (r.size() > parts.prefix.size() + parts.suffix.size() &&
                r.compare(0, parts.prefix.size(), parts.prefix) == 0 &&
                r.compare(r.size() - parts.suffix.size(), parts.suffix.size(), parts.suffix) == 0)
            {
                const std::string digits = r.substr(
                    parts.prefix.size(), r.size() - parts.prefix.size() - parts.suffix.size());
                if (digits.size() <= 12 &&
                    digits.find_first_not_of("0123456789") == std::string::npos)
                {
                    sequence.raise(key, std::stoll(digits));
                }
            }
            return r;
        }
        return sequence.next(key, parts.prefix, parts.width, parts.suffix);
    }

    long long id_of_service(const std::string& code)
    {
        const auto it = service_ids.find(code);
        if (it != service_ids.end())
        {
            return it->second;
        }
        auto& st = cached_statement(service_id, db, "SELECT id FROM service WHERE code = ?");
        st.bind(1, code);
        st.executeStep();
        return service_ids[code] = st.getColumn(0).getInt64();
    }

    // An event of a new application waiting in `pending` (import: see defer_events()).
    struct PendingEvent
    {
        long long id;
        int seq;
        std::string at;
        std::optional<std::string> from;
        std::string to;
        std::optional<std::string> note;
    };
    // Events per statement when deferred: schema 6's `CHECK (kind IN (…))` builds a temporary
    // b-tree once per statement run, which costs more than the insert of a single row.
    static constexpr std::size_t k_event_block = 64;
    bool defer_events = false;
    std::string pending_operator;
    std::vector<PendingEvent> pending;
    std::unique_ptr<SQLite::Statement> event_block;

    void add_event(long long id, int seq, Instant at, const std::optional<std::string>& from,
                   const std::string& to, const std::string& op,
                   const std::optional<std::string>& note, const char* kind = "status",
                   const std::optional<std::string>& detail = std::nullopt)
    {
        const bool plain = std::string_view(kind) == "status" && !detail;
        if (defer_events && plain && (pending.empty() || op == pending_operator))
        {
            pending_operator = op;
            pending.push_back({id, seq, format_utc(at), from, to, note});
            if (pending.size() == k_event_block)
            {
                flush_events();
            }
            return;
        }
        flush_events();
        insert_event({id, seq, format_utc(at), from, to, note}, op, kind, detail);
    }

    void insert_event(const PendingEvent& e, const std::string& op, const char* kind,
                      const std::optional<std::string>& detail)
    {
        auto& st = cached_statement(event, db,
                                    "INSERT INTO application_event (application_id, seq, at, "
                                    "from_status, to_status, operator, note, kind, detail) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, static_cast<std::int64_t>(e.id));
        st.bind(2, e.seq);
        st.bindNoCopy(3, e.at);
        bind_text(st, 4, e.from);
        st.bindNoCopy(5, e.to);
        st.bindNoCopy(6, op);
        bind_text(st, 7, e.note);
        st.bind(8, kind);
        bind_text(st, 9, detail);
        st.exec();
    }

    // Write the deferred events: a full block in one statement, a last partial one row by row.
    void flush_events()
    {
        if (pending.empty())
        {
            return;
        }
        std::vector<PendingEvent> events;
        events.swap(pending);
        if (events.size() < k_event_block)
        {
            for (const PendingEvent& e : events)
            {
                insert_event(e, pending_operator, "status", std::nullopt);
            }
            return;
        }
        static const std::string k_sql = event_block_sql();
        auto& st = cached_statement(event_block, db, k_sql.c_str());
        int i = 0;
        for (const PendingEvent& e : events)
        {
            st.bind(++i, static_cast<std::int64_t>(e.id));
            st.bind(++i, e.seq);
            st.bindNoCopy(++i, e.at);
            bind_text(st, ++i, e.from);
            st.bindNoCopy(++i, e.to);
            bind_text(st, ++i, e.note);
        }
        st.bindNoCopy(++i, pending_operator);
        st.exec();
    }

    static std::string event_block_sql()
    {
        std::string sql = "INSERT INTO application_event (application_id, seq, at, from_status, "
                          "to_status, note, operator, kind) VALUES ";
        const std::string last = std::to_string(k_event_block * 6 + 1);
        for (std::size_t row = 0; row < k_event_block; ++row)
        {
            sql += row == 0 ? "(" : ", (";
            for (std::size_t c = 1; c <= 6; ++c)
            {
                sql += "?" + std::to_string(row * 6 + c) + ", ";
            }
            sql += "?" + last + ", 'status')";
        }
        return sql;
    }

    int next_seq(long long id)
    {
        flush_events();
        SQLite::Statement last(db,
                               "SELECT max(seq) FROM application_event WHERE application_id = ?");
        last.bind(1, static_cast<std::int64_t>(id));
        last.executeStep();
        return last.getColumn(0).getInt() + 1;
    }
};

ApplicationStore::ApplicationStore(SQLite::Database& db, const OfficeSettings& office,
                                   const WorkCalendar& calendar)
    : m_impl(std::make_unique<Impl>(db, office, calendar))
{
}

ApplicationStore::~ApplicationStore() = default;

const Service& ApplicationStore::service(const std::string& code)
{
    const std::string key = to_upper(trim(code));
    const auto it = m_impl->service_cache.find(key);
    if (it != m_impl->service_cache.end())
    {
        return it->second;
    }
    const auto s = m_impl->services.find(key);
    if (!s)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("service '{}' not found (see: mpp service list --all)",
                                escape_controls(code)));
    }
    return m_impl->service_cache.emplace(key, *s).first->second;
}

std::optional<Application> ApplicationStore::find(const std::string& reference)
{
    auto by_reference = [&](const std::string& stored)
    {
        auto& st = cached_statement(m_impl->find, m_impl->db,
                                    MPP_APPLICATION_SELECT "WHERE a.reference = ?");
        st.bind(1, stored);
        std::optional<Application> found;
        if (st.executeStep())
        {
            found = read_application(st);
        }
        st.reset();
        return found;
    };
    // The exact spelling wins at once (one probe, as for every import row); else any case, like
    // codes: the stored spellings, found by a walk over the unique index.
    const std::string given = trim(reference);
    if (auto exact = by_reference(given))
    {
        return exact;
    }
    if (!m_impl->reference_walk)
    {
        m_impl->reference_walk = std::make_unique<CaseWalk>(m_impl->db, "application", "reference");
    }
    const auto spellings = m_impl->reference_walk->spellings(given);
    const auto pick = pick_spelling(spellings, reference);
    return pick ? by_reference(spellings[*pick]) : std::nullopt;
}

Application ApplicationStore::get(const std::string& reference)
{
    auto a = find(reference);
    if (!a)
    {
        throw Error(ErrorKind::not_found,
                    fmt::format("application '{}' not found (see: mpp application list)",
                                escape_controls(reference)));
    }
    return *a;
}

std::vector<StatusEvent> ApplicationStore::history(long long application_id)
{
    m_impl->flush_events();
    // The former NIK a correction keeps for `audit list --nik` is never shown.
    SQLite::Statement st(m_impl->db, "SELECT at, from_status, to_status, operator, note, kind, "
                                     "json_remove(detail, '$.former_nik') FROM application_event "
                                     "WHERE application_id = ? ORDER BY seq");
    st.bind(1, static_cast<std::int64_t>(application_id));
    std::vector<StatusEvent> out;
    while (st.executeStep())
    {
        out.push_back({parse_stored_instant(st.getColumn(0).getString()), column_text(st, 1),
                       st.getColumn(2).getString(), st.getColumn(3).getString(), column_text(st, 4),
                       st.getColumn(5).getString(), column_text(st, 6)});
    }
    return out;
}

void ApplicationStore::append_event(const Application& a, const std::string& kind,
                                    const std::optional<std::string>& detail,
                                    const std::optional<std::string>& note, const Actor& actor)
{
    Impl& im = *m_impl;
    im.add_event(a.id, im.next_seq(a.id), actor.now, std::nullopt, a.status, actor.operator_name,
                 note, kind.c_str(), detail);
}

std::vector<Pause> ApplicationStore::stays(long long application_id)
{
    std::vector<Pause> out;
    for (const StatusEvent& e : history(application_id))
    {
        if (e.kind != "status")
        {
            continue; // a correction or void is no lifecycle move
        }
        follow_stays(out, local_date(e.at, m_impl->office.offset), e.from == "returned",
                     e.to == "returned");
    }
    return out;
}

std::vector<Application> ApplicationStore::list(const ApplicationFilter& f)
{
    std::vector<Application> out;
    each(f, [&out](Application&& a) { out.push_back(std::move(a)); });
    return out;
}

namespace
{

// The listing query of a filter, with its values bound (the limit is applied by the caller
// when overdue is judged row by row).
std::unique_ptr<SQLite::Statement> selection_statement(SQLite::Database& db,
                                                       const ApplicationFilter& f, UtcOffset offset,
                                                       const std::string& prefix)
{
    const SqlWhere w = application_where(f, offset);
    const bool limited = f.limit && !f.overdue;
    auto st = std::make_unique<SQLite::Statement>(
        db, prefix + MPP_APPLICATION_SELECT "WHERE " + w.sql +
                " ORDER BY a.submitted_at, a.reference" + (limited ? " LIMIT ?" : ""));
    int i = 0;
    for (const std::string& v : w.values)
    {
        st->bind(++i, v);
    }
    if (limited)
    {
        st->bind(++i, static_cast<std::int64_t>(*f.limit));
    }
    return st;
}

} // namespace

void ApplicationStore::each(const ApplicationFilter& f,
                            const std::function<void(Application&&)>& visit)
{
    if (f.overdue && !f.as_of)
    {
        throw Error(ErrorKind::internal, "an overdue filter needs its day");
    }
    auto st = selection_statement(m_impl->db, f, m_impl->office.offset, "");
    long long passed = 0;
    while (st->executeStep() && !(f.overdue && f.limit && passed >= *f.limit))
    {
        Application a = read_application(*st);
        if (f.overdue)
        {
            // Only a stay that counted a working day moves the due date.
            const bool paused = a.paused_days != a.imported_paused || a.paused_since;
            if (!judge_overdue(a, paused ? stays(a.id) : std::vector<Pause>{}, m_impl->cal,
                               *f.as_of))
            {
                continue;
            }
        }
        ++passed;
        visit(std::move(a));
    }
}

void ApplicationStore::each_open_on(Date day, std::optional<long long> agency_id,
                                    const std::function<bool(Application&&)>& visit)
{
    // In submission order on its index; `+` keeps the decision index out of it.
    SQLite::Statement st(m_impl->db, MPP_APPLICATION_SELECT
                         "WHERE a.submitted_at < ?3 AND a.submitted_on <= ?1 AND a.voided_at IS "
                         "NULL AND (+a.decided_on IS NULL OR +a.decided_on > ?1) AND (?2 IS NULL "
                         "OR s.agency_id = ?2) ORDER BY a.submitted_at, a.reference");
    st.bind(1, format_date(day));
    if (agency_id)
    {
        st.bind(2, static_cast<std::int64_t>(*agency_id));
    }
    st.bind(3, format_date(Date{day.days + 2}) + "T00:00:00Z"); // UTC offsets are within a day
    while (st.executeStep() && visit(read_application(st)))
    {
    }
}

long long ApplicationStore::count_open(OpenOf of, const std::string& code)
{
    SQLite::Statement st(m_impl->db,
                         of == OpenOf::agency
                             ? "SELECT count(*) FROM application a JOIN service s ON s.id = "
                               "a.service_id WHERE s.agency_id = (SELECT id FROM agency WHERE code "
                               "= ?) AND " MPP_OPEN_NOW
                             : "SELECT count(*) FROM application a WHERE a.service_id = (SELECT "
                               "id FROM service WHERE code = ?) AND " MPP_OPEN_NOW);
    st.bind(1, code);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::vector<std::string> ApplicationStore::plan(const ApplicationFilter& f)
{
    auto st = selection_statement(m_impl->db, f, m_impl->office.offset, "EXPLAIN QUERY PLAN ");
    std::vector<std::string> out;
    while (st->executeStep())
    {
        out.push_back(st->getColumn(3).getString());
    }
    return out;
}

Application ApplicationStore::create(const NewApplication& in, const Actor& actor,
                                     std::optional<long long> batch, std::size_t line, bool audit)
{
    Impl& im = *m_impl;
    const UtcOffset offset = im.office.offset;
    const Service& svc = service(in.service);
    Application a;
    a.service = svc.code;
    a.agency = svc.agency;
    a.applicant_name = in.applicant_name;
    a.nik = in.nik;
    a.phone = in.phone;
    a.channel = in.channel;
    a.submitted_at = in.submitted_at;
    a.submitted_on = local_date(in.submitted_at, offset);
    a.status = in.status;
    const bool final = is_final_status(in.status);
    if (!in.checked)
    {
        FieldProblems problems;
        check_new_application(in, svc, offset, actor.now, problems);
        throw_first_problem(problems);
    }
    // A date-only value on the submission day cannot lie before the submission itself.
    a.status_at =
        std::max(final ? *in.decided_at : in.status_at.value_or(a.submitted_at), a.submitted_at);
    if (final)
    {
        a.decided_at = a.status_at;
        a.decided_on = local_date(a.status_at, offset);
    }
    a.sla_days = svc.sla_days;
    a.imported_paused = in.imported_paused;
    a.paused_days = in.imported_paused;
    if (a.status == "returned")
    {
        a.paused_since = local_date(a.status_at, offset);
    }
    a.start_on = im.cal.start_day(a.submitted_on);
    a.due_on = im.cal.due_on(a.start_on, a.sla_days, a.paused_days);
    a.fee = in.fee.value_or(svc.fee);
    a.note = in.note;
    if (in.reference && !in.checked && im.reference_taken(*in.reference))
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("reference '{}' already exists", escape_controls(*in.reference)));
    }
    a.reference = im.reference_for(in.reference, a.submitted_on, svc);

    auto& st = cached_statement(
        im.insert, im.db,
        "INSERT INTO application (reference, service_id, applicant_name, nik, phone, channel, "
        "submitted_at, submitted_on, start_on, status, status_at, decided_at, decided_on, "
        "sla_days, imported_paused, paused_days, paused_since, due_on, fee, note, batch_id, "
        "touched_batch, touched_line, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21, ?22, ?22)");
    const std::string submitted_at = format_utc(a.submitted_at);
    const std::string status_at = format_utc(a.status_at);
    st.bindNoCopy(1, a.reference);
    st.bind(2, static_cast<std::int64_t>(im.id_of_service(svc.code)));
    st.bindNoCopy(3, a.applicant_name);
    st.bindNoCopy(4, a.nik);
    bind_text(st, 5, a.phone);
    st.bindNoCopy(6, a.channel);
    st.bindNoCopy(7, submitted_at);
    const std::string submitted_on = format_date(a.submitted_on);
    const std::string start_on = format_date(a.start_on);
    const std::string due_on = format_date(a.due_on);
    const std::string now = format_utc(actor.now);
    st.bindNoCopy(8, submitted_on);
    st.bindNoCopy(9, start_on);
    st.bindNoCopy(10, a.status);
    st.bindNoCopy(11, status_at);
    bind_text(st, 12, a.decided_at ? std::optional<std::string>(status_at) : std::nullopt);
    bind_text(st, 13,
              a.decided_on ? std::optional<std::string>(format_date(*a.decided_on)) : std::nullopt);
    st.bind(14, a.sla_days);
    st.bind(15, a.imported_paused);
    bind_text(st, 16,
              a.paused_since ? std::optional<std::string>(format_date(*a.paused_since))
                             : std::nullopt);
    st.bindNoCopy(17, due_on);
    st.bind(18, static_cast<std::int64_t>(a.fee));
    bind_text(st, 19, a.note);
    if (batch)
    {
        st.bind(20, static_cast<std::int64_t>(*batch));
        st.bind(21, static_cast<std::int64_t>(line));
    }
    st.bindNoCopy(22, now);
    st.exec();
    a.id = im.db.getLastInsertRowid();
    a.service_id = im.id_of_service(svc.code);
    std::vector<Pause> stays;
    if (a.paused_since)
    {
        stays.push_back({*a.paused_since, std::nullopt});
    }
    im.tally.add(a, stays, im.cal, 1);
    im.tally_done();
    im.add_event(a.id, 1, a.submitted_at, std::nullopt, "submitted", actor.operator_name,
                 std::nullopt);
    if (a.status != "submitted")
    {
        im.add_event(a.id, 2, a.status_at, std::string("submitted"), a.status, actor.operator_name,
                     std::nullopt);
    }
    if (audit)
    {
        append_audit(im.db, actor,
                     AuditEntry{"create", "application", a.reference, audit_detail(a), batch});
    }
    return a;
}

Application ApplicationStore::set_status(const std::string& reference, const std::string& status,
                                         Instant at, const std::optional<std::string>& note,
                                         const Actor& actor, bool audit)
{
    Impl& im = *m_impl;
    Application a = get(reference);
    if (a.voided_at)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("application {} is void: its status cannot change (first: mpp "
                                "application unvoid {} --reason TEXT)",
                                a.reference, a.reference));
    }
    const auto& moves = allowed_moves(a.status);
    if (std::find(moves.begin(), moves.end(), status) == moves.end())
    {
        throw Error(ErrorKind::invalid_data,
                    moves.empty()
                        ? fmt::format("application {} is {}, a final status: it cannot move to {}",
                                      a.reference, a.status, status)
                        : fmt::format("application {} cannot move from {} to {} (allowed: {})",
                                      a.reference, a.status, status, join(moves, ", ")));
    }
    check_not_future(at, actor.now, im.office.offset);
    if (at < a.status_at)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("a change may not be dated before the previous one ({})",
                                format_local(a.status_at, im.office.offset)));
    }
    const Date day = local_date(at, im.office.offset);
    const std::string from = a.status;
    std::vector<Pause> stays = this->stays(a.id);
    im.tally.add(a, stays, im.cal, -1);
    follow_stays(stays, day, from == "returned", status == "returned");
    if (a.status == "returned" && a.paused_since)
    {
        a.paused_days += im.cal.workdays(std::max(*a.paused_since, a.start_on), day);
        a.paused_since.reset();
    }
    if (status == "returned")
    {
        a.paused_since = day;
    }
    if (is_final_status(status))
    {
        a.decided_at = at;
        a.decided_on = day;
    }
    a.status = status;
    a.status_at = at;
    a.due_on = im.cal.due_on(a.start_on, a.sla_days, a.paused_days);
    SQLite::Statement st(im.db, "UPDATE application SET status = ?2, status_at = ?3, decided_at = "
                                "?4, decided_on = ?5, paused_days = ?6, paused_since = ?7, due_on "
                                "= ?8, updated_at = ?9 WHERE id = ?1");
    st.bind(1, static_cast<std::int64_t>(a.id));
    st.bind(2, a.status);
    st.bind(3, format_utc(at));
    bind_text(st, 4,
              a.decided_at ? std::optional<std::string>(format_utc(*a.decided_at)) : std::nullopt);
    bind_text(st, 5,
              a.decided_on ? std::optional<std::string>(format_date(*a.decided_on)) : std::nullopt);
    st.bind(6, a.paused_days);
    bind_text(st, 7,
              a.paused_since ? std::optional<std::string>(format_date(*a.paused_since))
                             : std::nullopt);
    st.bind(8, format_date(a.due_on));
    st.bind(9, format_utc(actor.now));
    st.exec();
    im.add_event(a.id, im.next_seq(a.id), at, from, status, actor.operator_name, note);
    im.tally.add(a, stays, im.cal, 1);
    im.tally_done();
    if (audit)
    {
        append_audit(im.db, actor,
                     AuditEntry{"status", "application", a.reference,
                                JsonObject()
                                    .add("from", from.c_str())
                                    .add("to", status.c_str())
                                    .add("at", format_utc(at).c_str())
                                    .add("note", note)
                                    .str(),
                                std::nullopt});
    }
    return a;
}

void ApplicationStore::update_details(const Application& a, std::optional<long long> batch,
                                      std::size_t line)
{
    // One read of what the tallies count from the stored row: a completed application's fee
    // in the month of its decision, and what was received under its channel.
    SQLite::Statement now(m_impl->db, "SELECT fee, decided_on, status, channel, voided_at IS NULL "
                                      "FROM application WHERE id = ?");
    now.bind(1, static_cast<std::int64_t>(a.id));
    if (now.executeStep())
    {
        bool moved = false;
        if (now.getColumn(2).getString() == "completed" && now.getColumn(0).getInt64() != a.fee)
        {
            m_impl->tally.add_fee(a.service_id, stored_date(now.getColumn(1).getText()),
                                  a.fee - now.getColumn(0).getInt64());
            moved = true;
        }
        const std::string was = now.getColumn(3).getString();
        if (now.getColumn(4).getInt() != 0 && was != a.channel)
        {
            m_impl->tally.add_channel(a.service_id, a.submitted_on, was, -1);
            m_impl->tally.add_channel(a.service_id, a.submitted_on, a.channel, 1);
            moved = true;
        }
        if (moved)
        {
            m_impl->tally_done();
        }
    }
    SQLite::Statement st(m_impl->db, "UPDATE application SET applicant_name = ?2, phone = ?3, "
                                     "channel = ?4, fee = ?5, note = ?6, touched_batch = ?7, "
                                     "touched_line = ?8 WHERE id = ?1");
    st.bind(1, static_cast<std::int64_t>(a.id));
    st.bind(2, a.applicant_name);
    bind_text(st, 3, a.phone);
    st.bind(4, a.channel);
    st.bind(5, static_cast<std::int64_t>(a.fee));
    bind_text(st, 6, a.note);
    if (batch)
    {
        st.bind(7, static_cast<std::int64_t>(*batch));
        st.bind(8, static_cast<std::int64_t>(line));
    }
    st.exec();
}

void ApplicationStore::defer_tallies()
{
    m_impl->defer_tally = true;
}

void ApplicationStore::flush_tallies()
{
    m_impl->tally.flush(m_impl->db);
}

void ApplicationStore::defer_events()
{
    m_impl->defer_events = true;
}

void ApplicationStore::flush_events()
{
    m_impl->flush_events();
}

void derive_dates(Application& a, const std::vector<Pause>& stays, const WorkCalendar& cal,
                  UtcOffset offset)
{
    a.submitted_on = local_date(a.submitted_at, offset);
    a.start_on = cal.start_day(a.submitted_on);
    a.decided_on =
        a.decided_at ? std::optional<Date>(local_date(*a.decided_at, offset)) : std::nullopt;
    a.paused_days = a.imported_paused;
    a.paused_since.reset();
    for (const Pause& p : stays)
    {
        if (p.left)
        {
            a.paused_days += cal.workdays(std::max(p.entered, a.start_on), *p.left);
        }
        else if (a.status == "returned")
        {
            a.paused_since = p.entered;
        }
    }
    a.due_on = cal.due_on(a.start_on, a.sla_days, a.paused_days);
}

void follow_stays(std::vector<Pause>& stays, Date day, bool from_returned, bool to_returned)
{
    if (to_returned)
    {
        stays.push_back({day, std::nullopt});
    }
    else if (from_returned && !stays.empty())
    {
        stays.back().left = day;
    }
}

std::map<long long, std::vector<Pause>> returned_stays(SQLite::Database& db, UtcOffset offset)
{
    std::map<long long, std::vector<Pause>> stays;
    SQLite::Statement ev(db,
                         "SELECT application_id, at, from_status, to_status FROM "
                         "application_event WHERE kind = 'status' AND application_id IN (SELECT "
                         "application_id FROM application_event WHERE to_status = 'returned') "
                         "ORDER BY application_id, seq");
    while (ev.executeStep())
    {
        follow_stays(stays[ev.getColumn(0).getInt64()],
                     local_date(stored_instant(ev.getColumn(1).getText()), offset),
                     !ev.getColumn(2).isNull() && ev.getColumn(2).getString() == "returned",
                     ev.getColumn(3).getString() == "returned");
    }
    return stays;
}

} // namespace mpp
