#include "mpp/agency.hpp"

#include "mpp/settings.hpp"
#include "mpp/standard_values.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace mpp
{
namespace
{

const std::vector<std::string> k_kinds = {"regional", "vertical", "soe",    "rsoe",
                                          "bank",     "msme",     "private"};

const std::vector<std::pair<std::string, std::string>>& kind_choices()
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"regional", "regional"},
        {"perangkat_daerah", "regional"},
        {"opd", "regional"},
        {"vertical", "vertical"},
        {"instansi_vertikal", "vertical"},
        {"soe", "soe"},
        {"bumn", "soe"},
        {"rsoe", "rsoe"},
        {"bumd", "rsoe"},
        {"bank", "bank"},
        {"msme", "msme"},
        {"umkm", "msme"},
        {"private", "private"},
        {"swasta", "private"}};
    return k_choices;
}

#define MPP_AGENCY_COLUMNS                                                                         \
    "code, name, kind, counter, contact_name, phone, email, joined_on, left_on, note"

Agency read_agency(SQLite::Statement& st)
{
    Agency a;
    a.code = st.getColumn(0).getString();
    a.name = st.getColumn(1).getString();
    a.kind = st.getColumn(2).getString();
    a.counter = column_text(st, 3);
    a.contact_name = column_text(st, 4);
    a.phone = column_text(st, 5);
    a.email = column_text(st, 6);
    a.joined_on = parse_date(st.getColumn(7).getString(), UtcOffset{});
    if (auto left = column_text(st, 8))
    {
        a.left_on = parse_date(*left, UtcOffset{});
    }
    a.note = column_text(st, 9);
    return a;
}

// The audit detail of a change (every field of a new agency).
std::string change_detail(const std::optional<Agency>& before, const Agency& after)
{
    return mpp::change_detail(
        agency_fields(), before ? std::optional<RawRecord>(agency_to_raw(*before)) : std::nullopt,
        agency_to_raw(after));
}

} // namespace

const std::vector<std::string>& agency_kinds()
{
    return k_kinds;
}

const std::vector<FieldSpec>& agency_fields()
{
    static const std::vector<FieldSpec> k_fields = {
        {"code", true, {"kode", "kode_instansi"}},
        {"name", true, {"nama", "nama_instansi"}},
        {"kind", true, {"jenis", "jenis_instansi"}},
        {"counter", false, {"loket"}},
        {"contact_name", false, {"narahubung", "kontak"}},
        {"phone", false, {"telepon", "no_telp", "no_hp"}},
        {"email", false, {"surel", "e_mail"}},
        {"joined_on", false, {"tanggal_bergabung"}},
        {"left_on", false, {"tanggal_keluar"}},
        {"note", false, {"keterangan", "catatan"}}};
    return k_fields;
}

std::optional<Agency> parse_agency(const RawRecord& raw, Date today, UtcOffset offset,
                                   FieldProblems& problems)
{
    const std::size_t before = problems.size();
    Agency a;
    auto required = [&](const std::string& field) -> std::optional<std::string>
    {
        auto text = raw.get(field);
        if (!text)
        {
            problems.push_back({field, "is required"});
        }
        return text;
    };
    if (auto text = required("code"))
    {
        a.code =
            check_field(problems, "code", [&] { return parse_code(*text, 2, 20); }).value_or("");
    }
    if (auto text = required("name"))
    {
        a.name = check_field(problems, "name", [&] { return parse_text(*text, 200); }).value_or("");
    }
    if (auto text = required("kind"))
    {
        a.kind = check_field(problems, "kind",
                             [&] { return parse_choice(*text, kind_choices(), k_kinds); })
                     .value_or("");
    }
    a.counter = optional_text(raw, "counter", 50, problems);
    a.contact_name = optional_text(raw, "contact_name", 200, problems);
    if (auto text = raw.get("phone"))
    {
        a.phone = check_field(problems, "phone", [&] { return parse_agency_phone(*text); });
    }
    if (auto text = raw.get("email"))
    {
        a.email = check_field(problems, "email", [&] { return parse_email(*text); });
    }
    a.joined_on = today;
    if (auto text = raw.get("joined_on"))
    {
        a.joined_on = check_field(problems, "joined_on", [&] { return parse_date(*text, offset); })
                          .value_or(today);
    }
    if (auto text = raw.get("left_on"))
    {
        a.left_on = check_field(problems, "left_on", [&] { return parse_date(*text, offset); });
        if (a.left_on && *a.left_on < a.joined_on)
        {
            problems.push_back(
                {"left_on", fmt::format("{} is before joined_on {}", format_date(*a.left_on),
                                        format_date(a.joined_on))});
        }
    }
    a.note = optional_text(raw, "note", 2000, problems, true);
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return a;
}

RawRecord agency_to_raw(const Agency& a)
{
    RawRecord raw;
    raw.set("code", a.code);
    raw.set("name", a.name);
    raw.set("kind", a.kind);
    raw.set("counter", a.counter.value_or(""));
    raw.set("contact_name", a.contact_name.value_or(""));
    raw.set("phone", a.phone.value_or(""));
    raw.set("email", a.email.value_or(""));
    raw.set("joined_on", format_date(a.joined_on));
    raw.set("left_on", a.left_on ? format_date(*a.left_on) : "");
    raw.set("note", a.note.value_or(""));
    return raw;
}

std::optional<Agency> AgencyStore::find(const std::string& code)
{
    SQLite::Statement& st =
        cached_statement(m_find, m_db, "SELECT " MPP_AGENCY_COLUMNS " FROM agency WHERE code = ?");
    st.bind(1, code);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return read_agency(st);
}

Agency AgencyStore::get(const std::string& code)
{
    auto a = find(to_upper(trim(code)));
    if (!a)
    {
        throw Error(ErrorKind::not_found,
                    fmt::format("agency '{}' not found (see: mpp agency list --all)",
                                escape_controls(code)));
    }
    return *a;
}

std::vector<Agency> AgencyStore::list(const AgencyFilter& filter)
{
    SQLite::Statement st(m_db, "SELECT " MPP_AGENCY_COLUMNS " FROM agency WHERE ?1 OR left_on "
                               "IS NULL OR left_on > ?2 ORDER BY code LIMIT ?3");
    st.bind(1, filter.all ? 1 : 0);
    st.bind(2, format_date(filter.today));
    st.bind(3, static_cast<std::int64_t>(filter.limit.value_or(-1)));
    std::vector<Agency> out;
    while (st.executeStep())
    {
        out.push_back(read_agency(st));
    }
    return out;
}

void AgencyStore::write(const Agency& a, bool exists, const Actor& actor,
                        std::optional<long long> batch_id)
{
    SQLite::Statement& st = cached_statement(
        exists ? m_update : m_insert, m_db,
        exists ? "UPDATE agency SET name = ?2, kind = ?3, counter = ?4, contact_name = ?5, "
                 "phone = ?6, email = ?7, joined_on = ?8, left_on = ?9, note = ?10, "
                 "updated_at = ?11, batch_id = coalesce(?12, batch_id) WHERE code = ?1"
               : "INSERT INTO agency (code, name, kind, counter, contact_name, phone, "
                 "email, joined_on, left_on, note, created_at, updated_at, batch_id) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)");
    st.bind(1, a.code);
    st.bind(2, a.name);
    st.bind(3, a.kind);
    bind_text(st, 4, a.counter);
    bind_text(st, 5, a.contact_name);
    bind_text(st, 6, a.phone);
    bind_text(st, 7, a.email);
    st.bind(8, format_date(a.joined_on));
    bind_text(st, 9,
              a.left_on ? std::optional<std::string>(format_date(*a.left_on)) : std::nullopt);
    bind_text(st, 10, a.note);
    st.bind(11, format_utc(actor.now));
    if (batch_id)
    {
        st.bind(12, static_cast<std::int64_t>(*batch_id));
    }
    st.exec();
}

WriteOutcome AgencyStore::add(const Agency& a, bool upsert, const Actor& actor)
{
    const auto existing = find(a.code);
    if (existing && !upsert)
    {
        throw Error(ErrorKind::invalid_data, fmt::format("agency '{}' already exists", a.code),
                    "use `mpp agency update` or `--upsert`");
    }
    if (existing)
    {
        return update(a, actor);
    }
    write(a, false, actor, std::nullopt);
    append_audit(
        m_db, actor,
        AuditEntry{"create", "agency", a.code, change_detail(std::nullopt, a), std::nullopt});
    return WriteOutcome::created;
}

WriteOutcome AgencyStore::update(const Agency& a, const Actor& actor)
{
    const Agency before = get(a.code);
    if (before == a)
    {
        return WriteOutcome::unchanged;
    }
    write(a, true, actor, std::nullopt);
    append_audit(m_db, actor,
                 AuditEntry{"update", "agency", a.code, change_detail(before, a), std::nullopt});
    return WriteOutcome::updated;
}

bool AgencyStore::deactivate(const std::string& code, Date left_on, const Actor& actor)
{
    Agency a = get(code);
    if (a.left_on)
    {
        return false;
    }
    if (left_on < a.joined_on)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("agency '{}' joined on {}; it cannot leave before that", a.code,
                                format_date(a.joined_on)));
    }
    const Agency before = a;
    a.left_on = left_on;
    write(a, true, actor, std::nullopt);
    append_audit(
        m_db, actor,
        AuditEntry{"deactivate", "agency", a.code, change_detail(before, a), std::nullopt});
    return true;
}

std::optional<std::string> open_applications_warning(const std::string& what, long long open)
{
    if (open <= 0)
    {
        return std::nullopt;
    }
    return fmt::format("{} still has {} open application{} (they stay open; decide or cancel them)",
                       what, open, open == 1 ? "" : "s");
}

Table agency_table(const std::vector<Agency>& agencies, Date today, bool with_status)
{
    Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"name", "Nama", "Name", CellKind::free_text},
                 {"kind", "Jenis", "Kind", CellKind::code, true, 0, "agency_kind"},
                 {"counter", "Loket", "Counter", CellKind::free_text},
                 {"contact_name", "Narahubung", "Contact", CellKind::free_text, false},
                 {"phone", "Telepon", "Phone", CellKind::code},
                 {"email", "Surel", "Email", CellKind::unchecked, false},
                 {"joined_on", "Bergabung", "Joined", CellKind::code},
                 {"left_on", "Keluar", "Left", CellKind::code},
                 {"note", "Keterangan", "Note", CellKind::free_text, false}};
    if (with_status)
    {
        t.columns.push_back({"active", "Aktif", "Active", CellKind::boolean});
    }
    for (const Agency& a : agencies)
    {
        const RawRecord raw = agency_to_raw(a);
        std::vector<Cell> row;
        for (std::size_t i = 0; i < agency_fields().size(); ++i)
        {
            row.push_back(raw.get(t.columns[i].key));
        }
        if (with_status)
        {
            row.emplace_back(a.active_on(today) ? "true" : "false");
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

void AgencyImport::begin(SQLite::Database& db)
{
    m_offset = load_office_settings(db).offset;
    m_today = local_date(m_actor.now, m_offset);
}

RowOutcome AgencyImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                               OnConflict on_conflict, FieldProblems& problems)
{
    const KeyedImport<Agency> io{"code",
                                 [&](const RawRecord& raw, FieldProblems& p)
                                 { return parse_agency(raw, m_today, m_offset, p); },
                                 [](const Agency& a) { return a.code; },
                                 [](const Agency& a) { return fmt::format("agency '{}'", a.code); },
                                 [&](const Agency& a) { return m_store.find(a.code); },
                                 agency_to_raw,
                                 [&](const Agency& a, bool exists)
                                 { m_store.write(a, exists, m_actor, batch_id); }};
    return import_keyed_row(io, record, line, m_keys, on_conflict, problems, change());
}

} // namespace mpp
