#include "mpp/service.hpp"

#include "mpp/labels.hpp"
#include "mpp/settings.hpp"
#include "mpp/standard_values.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

const std::vector<std::string> k_categories = {"business_permit", "non_business_permit",
                                               "non_permit",      "civil_registry",
                                               "payment",         "information"};

const std::vector<std::pair<std::string, std::string>>& category_choices()
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"business_permit", "business_permit"},
        {"perizinan_berusaha", "business_permit"},
        {"non_business_permit", "non_business_permit"},
        {"perizinan_non_berusaha", "non_business_permit"},
        {"non_permit", "non_permit"},
        {"non_perizinan", "non_permit"},
        {"civil_registry", "civil_registry"},
        {"administrasi_kependudukan", "civil_registry"},
        {"adminduk", "civil_registry"},
        {"payment", "payment"},
        {"pembayaran", "payment"},
        {"information", "information"},
        {"informasi", "information"}};
    return k_choices;
}

#define MPP_SERVICE_SELECT                                                                         \
    "SELECT s.id, s.code, a.code, s.name, s.category, s.sla_days, s.fee, s.product, s.procedure, " \
    "s.legal_basis, s.complaint_channel, s.retired_on, s.fee_text FROM service s JOIN agency a "   \
    "ON a.id = s.agency_id "

// Requirements from ` | ` or line separated text.
std::vector<std::string> parse_requirements(const std::string& text, FieldProblems& problems)
{
    std::vector<std::string> items;
    for (const std::string& line : split_trimmed(text, "\n"))
    {
        for (const std::string& item : split_trimmed(line, " | "))
        {
            if (auto ok = check_field(problems, "requirements",
                                      [&] { return unguard_formula(parse_text(item, 1000)); }))
            {
                items.push_back(*ok);
            }
        }
    }
    return items;
}

std::string change_detail(const std::optional<Service>& before, const Service& after)
{
    return mpp::change_detail(
        service_fields(), before ? std::optional<RawRecord>(service_to_raw(*before)) : std::nullopt,
        service_to_raw(after));
}

} // namespace

const std::vector<FieldSpec>& service_fields()
{
    static const std::vector<FieldSpec> k_fields = {
        {"code", true, {"kode", "kode_layanan"}},
        {"agency", true, {"instansi", "kode_instansi"}},
        {"name", true, {"nama", "nama_layanan", "jenis_layanan"}},
        {"category", true, {"kategori"}},
        {"sla_days", true, {"jangka_waktu", "waktu_penyelesaian"}},
        {"fee", false, {"biaya", "tarif", "retribusi"}},
        {"product", false, {"produk", "produk_pelayanan"}},
        {"requirements", false, {"persyaratan"}},
        {"procedure", false, {"prosedur", "sistem_mekanisme_dan_prosedur"}},
        {"legal_basis", false, {"dasar_hukum"}},
        {"complaint_channel", false, {"pengaduan", "penanganan_pengaduan"}},
        {"retired_on", false, {"tanggal_dihentikan"}}};
    return k_fields;
}

std::optional<Service> parse_service(const RawRecord& raw, UtcOffset offset,
                                     FieldProblems& problems)
{
    const std::size_t before = problems.size();
    Service s;
    for (const char* field : {"code", "agency", "name", "category", "sla_days"})
    {
        if (!raw.get(field))
        {
            problems.push_back({field, "is required"});
        }
    }
    if (auto text = raw.get("code"))
    {
        s.code = check_field(problems, "code", [&] { return parse_code(*text, 2, 40, true); })
                     .value_or("");
    }
    if (auto text = raw.get("agency"))
    {
        s.agency =
            check_field(problems, "agency", [&] { return parse_code(*text, 2, 20); }).value_or("");
    }
    if (auto text = raw.get("name"))
    {
        s.name = check_field(problems, "name", [&] { return parse_text(*text, 200); }).value_or("");
    }
    if (auto text = raw.get("category"))
    {
        s.category =
            check_field(problems, "category",
                        [&] { return parse_choice(*text, category_choices(), k_categories); })
                .value_or("");
    }
    if (auto text = raw.get("sla_days"))
    {
        s.sla_days = check_field(problems, "sla_days", [&] { return parse_working_days(*text); })
                         .value_or(0);
    }
    if (auto text = raw.get("fee"))
    {
        const Fee fee =
            check_field(problems, "fee", [&] { return parse_fee(*text); }).value_or(Fee{});
        s.fee = fee.amount;
        s.fee_text = fee.text;
    }
    s.product = optional_text(raw, "product", 500, problems, true);
    if (auto text = raw.get("requirements"))
    {
        s.requirements = parse_requirements(*text, problems);
    }
    s.procedure = optional_text(raw, "procedure", 10000, problems, true);
    s.legal_basis = optional_text(raw, "legal_basis", 10000, problems, true);
    s.complaint_channel = optional_text(raw, "complaint_channel", 2000, problems, true);
    if (auto text = raw.get("retired_on"))
    {
        s.retired_on =
            check_field(problems, "retired_on", [&] { return parse_date(*text, offset); });
    }
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return s;
}

RawRecord service_to_raw(const Service& s)
{
    RawRecord raw;
    raw.set("code", s.code);
    raw.set("agency", s.agency);
    raw.set("name", s.name);
    raw.set("category", s.category);
    raw.set("sla_days", std::to_string(s.sla_days));
    raw.set("fee", s.fee_text.value_or(std::to_string(s.fee)));
    raw.set("product", s.product.value_or(""));
    raw.set("requirements", join(s.requirements, " | "));
    raw.set("procedure", s.procedure.value_or(""));
    raw.set("legal_basis", s.legal_basis.value_or(""));
    raw.set("complaint_channel", s.complaint_channel.value_or(""));
    raw.set("retired_on", s.retired_on ? format_date(*s.retired_on) : "");
    return raw;
}

std::vector<std::string> ServiceStore::requirements_of(long long service_id)
{
    SQLite::Statement& st = cached_statement(
        m_requirements, m_db,
        "SELECT text FROM service_requirement WHERE service_id = ? ORDER BY position");
    st.bind(1, static_cast<std::int64_t>(service_id));
    std::vector<std::string> out;
    while (st.executeStep())
    {
        out.push_back(st.getColumn(0).getString());
    }
    return out;
}

Service ServiceStore::read(SQLite::Statement& st)
{
    Service s;
    const long long id = st.getColumn(0).getInt64();
    s.code = st.getColumn(1).getString();
    s.agency = st.getColumn(2).getString();
    s.name = st.getColumn(3).getString();
    s.category = st.getColumn(4).getString();
    s.sla_days = st.getColumn(5).getInt();
    s.fee = st.getColumn(6).getInt64();
    s.product = column_text(st, 7);
    s.procedure = column_text(st, 8);
    s.legal_basis = column_text(st, 9);
    s.complaint_channel = column_text(st, 10);
    if (auto retired = column_text(st, 11))
    {
        s.retired_on = parse_date(*retired, UtcOffset{});
    }
    s.fee_text = column_text(st, 12);
    s.requirements = requirements_of(id);
    return s;
}

std::optional<Service> ServiceStore::find(const std::string& code)
{
    SQLite::Statement& st = cached_statement(m_find, m_db, MPP_SERVICE_SELECT "WHERE s.code = ?");
    st.bind(1, code);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return read(st);
}

Service ServiceStore::get(const std::string& code)
{
    auto s = find(to_upper(trim(code)));
    if (!s)
    {
        throw Error(ErrorKind::not_found,
                    fmt::format("service '{}' not found (see: mpp service list --all)",
                                escape_controls(code)));
    }
    return *s;
}

Agency ServiceStore::agency_of(const std::string& agency_code)
{
    auto a = m_agencies.find(to_upper(trim(agency_code)));
    if (!a)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("agency '{}' not found (see: mpp agency list --all)",
                                escape_controls(agency_code)));
    }
    return *a;
}

std::vector<Service> ServiceStore::list(const ServiceFilter& filter)
{
    if (filter.agency)
    {
        agency_of(*filter.agency);
    }
    SQLite::Statement st(m_db, MPP_SERVICE_SELECT
                         "WHERE (?1 IS NULL OR a.code = ?1) AND (?2 OR ((s.retired_on IS NULL OR "
                         "s.retired_on > ?3) AND (a.left_on IS NULL OR a.left_on > ?3))) "
                         "ORDER BY s.code LIMIT ?4");
    if (filter.agency)
    {
        st.bind(1, to_upper(trim(*filter.agency)));
    }
    st.bind(2, filter.all ? 1 : 0);
    st.bind(3, format_date(filter.today));
    st.bind(4, static_cast<std::int64_t>(filter.limit.value_or(-1)));
    std::vector<Service> out;
    while (st.executeStep())
    {
        out.push_back(read(st));
    }
    return out;
}

void ServiceStore::write(const Service& s, bool exists, const Actor& actor,
                         std::optional<long long> batch_id)
{
    SQLite::Statement st(
        m_db, exists ? "UPDATE service SET agency_id = (SELECT id FROM agency WHERE code = ?2), "
                       "name = ?3, category = ?4, sla_days = ?5, fee = ?6, product = ?7, "
                       "procedure = ?8, legal_basis = ?9, complaint_channel = ?10, "
                       "retired_on = ?11, updated_at = ?12, batch_id = coalesce(?13, batch_id), "
                       "fee_text = ?14 WHERE code = ?1 RETURNING id"
                     : "INSERT INTO service (code, agency_id, name, category, sla_days, fee, "
                       "product, procedure, legal_basis, complaint_channel, retired_on, "
                       "created_at, updated_at, batch_id, fee_text) VALUES (?1, (SELECT id FROM "
                       "agency WHERE code = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, "
                       "?13, ?14) RETURNING id");
    st.bind(1, s.code);
    st.bind(2, s.agency);
    st.bind(3, s.name);
    st.bind(4, s.category);
    st.bind(5, s.sla_days);
    st.bind(6, static_cast<std::int64_t>(s.fee));
    bind_text(st, 7, s.product);
    bind_text(st, 8, s.procedure);
    bind_text(st, 9, s.legal_basis);
    bind_text(st, 10, s.complaint_channel);
    bind_text(st, 11,
              s.retired_on ? std::optional<std::string>(format_date(*s.retired_on)) : std::nullopt);
    st.bind(12, format_utc(actor.now));
    if (batch_id)
    {
        st.bind(13, static_cast<std::int64_t>(*batch_id));
    }
    bind_text(st, 14, s.fee_text);
    st.executeStep();
    const std::int64_t id = st.getColumn(0).getInt64();
    st.reset();
    SQLite::Statement del(m_db, "DELETE FROM service_requirement WHERE service_id = ?");
    del.bind(1, id);
    del.exec();
    SQLite::Statement ins(m_db, "INSERT INTO service_requirement (service_id, position, text) "
                                "VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < s.requirements.size(); ++i)
    {
        ins.reset();
        ins.bind(1, id);
        ins.bind(2, static_cast<std::int64_t>(i + 1));
        ins.bind(3, s.requirements[i]);
        ins.exec();
    }
}

WriteOutcome ServiceStore::add(const Service& s, bool upsert, const Actor& actor)
{
    agency_of(s.agency);
    const auto existing = find(s.code);
    if (existing && !upsert)
    {
        throw Error(ErrorKind::invalid_data, fmt::format("service '{}' already exists", s.code),
                    "use `mpp service update` or `--upsert`");
    }
    if (existing)
    {
        return update(s, actor);
    }
    write(s, false, actor, std::nullopt);
    append_audit(
        m_db, actor,
        AuditEntry{"create", "service", s.code, change_detail(std::nullopt, s), std::nullopt});
    return WriteOutcome::created;
}

WriteOutcome ServiceStore::update(const Service& s, const Actor& actor)
{
    agency_of(s.agency);
    const Service before = get(s.code);
    if (before == s)
    {
        return WriteOutcome::unchanged;
    }
    write(s, true, actor, std::nullopt);
    append_audit(m_db, actor,
                 AuditEntry{"update", "service", s.code, change_detail(before, s), std::nullopt});
    return WriteOutcome::updated;
}

bool ServiceStore::retire(const std::string& code, Date retired_on, const Actor& actor)
{
    Service s = get(code);
    if (s.retired_on)
    {
        return false;
    }
    const Service before = s;
    s.retired_on = retired_on;
    write(s, true, actor, std::nullopt);
    append_audit(m_db, actor,
                 AuditEntry{"retire", "service", s.code, change_detail(before, s), std::nullopt});
    return true;
}

std::optional<std::string> fee_notice(const Service& s, std::optional<long long> given)
{
    if (s.fee_text && !given)
    {
        return fmt::format("service {} has a variable fee ({}): the application's fee is 0; give "
                           "its own with --fee",
                           s.code, escape_controls(*s.fee_text));
    }
    if (!s.fee_text && given && *given != s.fee)
    {
        return fmt::format("fee {} differs from the standard fee of service {} ({})",
                           format_rupiah(*given, "id"), s.code, format_rupiah(s.fee, "id"));
    }
    return std::nullopt;
}

Table service_table(const std::vector<Service>& services, Date today, bool with_status)
{
    Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"agency", "Instansi", "Agency", CellKind::code},
                 {"name", "Nama", "Name", CellKind::free_text},
                 {"category", "Kategori", "Category", CellKind::code, true, 0, "category"},
                 {"sla_days", "Hari kerja", "Working days", CellKind::integer},
                 {"fee", "Biaya", "Fee", CellKind::money},
                 {"product", "Produk", "Product", CellKind::free_text, false},
                 {"requirements", "Persyaratan", "Requirements", CellKind::list, false},
                 {"procedure", "Prosedur", "Procedure", CellKind::free_text, false},
                 {"legal_basis", "Dasar hukum", "Legal basis", CellKind::free_text, false},
                 {"complaint_channel", "Pengaduan", "Complaints", CellKind::free_text, false},
                 {"retired_on", "Dihentikan", "Retired", CellKind::code}};
    if (with_status)
    {
        t.columns.push_back({"active", "Aktif", "Active", CellKind::boolean});
    }
    for (const Service& s : services)
    {
        const RawRecord raw = service_to_raw(s);
        std::vector<Cell> row;
        for (std::size_t i = 0; i < service_fields().size(); ++i)
        {
            row.push_back(t.columns[i].key == "requirements"
                              ? std::optional<std::string>(join(s.requirements, "\n"))
                              : raw.get(t.columns[i].key));
        }
        if (with_status)
        {
            row.emplace_back(s.active_on(today) ? "true" : "false");
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::string service_card(const Service& s, const Agency& agency, Date today,
                         const std::string& lang)
{
    const bool en = lang == "en";
    std::vector<std::pair<std::string, std::string>> lines;
    std::string where = fmt::format("{} ({})", agency.name, agency.code);
    if (agency.counter)
    {
        where += ", " + *agency.counter;
    }
    lines.emplace_back(en ? "Agency" : "Instansi", where);
    lines.emplace_back(en ? "Category" : "Kategori", code_label("category", s.category, lang));
    std::string reqs;
    for (std::size_t i = 0; i < s.requirements.size(); ++i)
    {
        reqs += fmt::format("{}{}. {}", i > 0 ? "\n" : "", i + 1, s.requirements[i]);
    }
    lines.emplace_back(en ? "Requirements" : "Persyaratan", reqs.empty() ? "-" : reqs);
    lines.emplace_back(en ? "Procedure" : "Sistem, mekanisme dan prosedur",
                       s.procedure.value_or("-"));
    const std::string days =
        s.sla_days == 0
            ? (en ? "the same working day" : "selesai pada hari kerja yang sama")
            : fmt::format("{} {}", s.sla_days,
                          en ? (s.sla_days == 1 ? "working day" : "working days") : "hari kerja");
    lines.emplace_back(en ? "Time limit" : "Jangka waktu penyelesaian", days);
    lines.emplace_back(en ? "Fee" : "Biaya/tarif", s.fee_text.value_or(format_rupiah(s.fee, lang)));
    lines.emplace_back(en ? "Product" : "Produk pelayanan", s.product.value_or("-"));
    lines.emplace_back(en ? "Legal basis" : "Dasar hukum", s.legal_basis.value_or("-"));
    lines.emplace_back(en ? "Complaints" : "Penanganan pengaduan",
                       s.complaint_channel.value_or("-"));
    std::string status = en ? "open" : "dibuka";
    if (s.retired_on)
    {
        const std::string day = format_date(*s.retired_on);
        if (s.active_on(today))
        {
            status = en ? "open until " + day + " (retired from that day)"
                        : "dibuka sampai sebelum " + day + " (dihentikan)";
        }
        else
        {
            status = en ? "retired on " + day : "dihentikan sejak " + day;
        }
    }
    else if (!agency.active_on(today))
    {
        status =
            en ? "closed: the agency has left the MPP" : "ditutup: instansi telah keluar dari MPP";
    }
    lines.emplace_back(en ? "Status" : "Status", status);

    std::size_t width = 0;
    for (const auto& [label, value] : lines)
    {
        width = std::max(width, display_width(label));
    }
    std::string out = fmt::format("{}: {} ({})\n", en ? "Service standard" : "Standar Pelayanan",
                                  escape_controls(s.name), s.code);
    for (const auto& [label, value] : lines)
    {
        const std::string pad(width - display_width(label), ' ');
        const std::string indent(width + 3, ' ');
        std::string text;
        for (const std::string& line : split_trimmed(value, "\n"))
        {
            text += (text.empty() ? "" : "\n" + indent) + escape_controls(line);
        }
        out += fmt::format("{}{} : {}\n", label, pad, text.empty() ? "-" : text);
    }
    return out;
}

void ServiceImport::begin(SQLite::Database& db)
{
    m_offset = load_office_settings(db).offset;
}

RowOutcome ServiceImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                                OnConflict on_conflict, FieldProblems& problems)
{
    const KeyedImport<Service> io{
        "code",
        [&](const RawRecord& raw, FieldProblems& p) -> std::optional<Service>
        {
            auto service = parse_service(raw, m_offset, p);
            if (!service ||
                !check_field(p, "agency", [&] { return m_store.agency_of(service->agency); }))
            {
                return std::nullopt;
            }
            return service;
        },
        [](const Service& s) { return s.code; },
        [](const Service& s) { return fmt::format("service '{}'", s.code); },
        [&](const Service& s) { return m_store.find(s.code); },
        service_to_raw,
        [&](const Service& s, bool exists) { m_store.write(s, exists, m_actor, batch_id); }};
    return import_keyed_row(io, record, line, m_keys, on_conflict, problems, change());
}

} // namespace mpp
