// The import target for application files: validation of every field, references kept or
// generated, --on-conflict update for cumulative exports, the Excel-rounded NIK check.
#include "mpp/applicant.hpp"
#include "mpp/application.hpp"
#include "mpp/record.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

// The references of other systems: 1-64 printable characters.
std::string parse_reference(std::string_view text)
{
    const std::string r = trim(text);
    if (r.empty() || r.size() > 64 || has_control_chars(r) || invalid_utf8_at(r))
    {
        throw Error(ErrorKind::invalid_data, "must be 1-64 printable characters");
    }
    return r;
}

} // namespace

ApplicationImport::ApplicationImport(SQLite::Database& db, const OfficeSettings& office,
                                     const WorkCalendar& calendar, Actor actor)
    : m_store(db, office, calendar), m_db(db), m_offset(office.offset), m_actor(std::move(actor))
{
    m_store.defer_tallies(); // a few thousand tally rows for any number of applications
}

void ApplicationImport::before_commit()
{
    m_store.flush_tallies();
    m_indexes.restore(m_db);
}

const std::vector<FieldSpec>& ApplicationImport::fields() const
{
    static const std::vector<FieldSpec> k_fields = {
        {"reference",
         false,
         {"nomor_permohonan", "no_permohonan", "nomor_registrasi", "no_registrasi"}},
        {"service", true, {"layanan", "kode_layanan", "jenis_layanan"}},
        {"applicant_name", true, {"nama_pemohon", "pemohon", "nama"}},
        {"nik", true, {"no_ktp", "nomor_induk_kependudukan"}},
        {"phone", false, {"no_hp", "telepon", "no_telp", "hp"}},
        {"channel", false, {"kanal", "saluran"}},
        {"submitted_at",
         true,
         {"tanggal_permohonan", "tgl_permohonan", "tanggal_masuk", "tgl_masuk", "tanggal_daftar"}},
        {"status", true, {}},
        {"status_at", false, {"tanggal_status", "tgl_status"}},
        {"decided_at", false, {"tanggal_selesai", "tgl_selesai", "tanggal_terbit", "tgl_terbit"}},
        {"paused_days", false, {"hari_jeda"}},
        {"fee", false, {"biaya", "retribusi", "tarif"}},
        {"note", false, {"keterangan", "catatan"}}};
    return k_fields;
}

void ApplicationImport::on_header(const std::vector<std::string>& fields,
                                  const ImportOptions& options)
{
    m_accept_trailing_zeros = options.accept_trailing_zeros;
    if (options.force && std::find(fields.begin(), fields.end(), "reference") == fields.end())
    {
        throw Error(ErrorKind::usage,
                    "--force is refused for a file without a reference column: every row would "
                    "be imported again under a new reference");
    }
}

std::optional<NewApplication> ApplicationImport::parse(const RawRecord& raw,
                                                       FieldProblems& problems)
{
    const std::size_t before = problems.size();
    NewApplication a;
    for (const char* field : {"service", "applicant_name", "nik", "submitted_at", "status"})
    {
        if (!raw.get(field))
        {
            problems.push_back({field, "is required"});
        }
    }
    if (auto text = raw.get("reference"))
    {
        a.reference = check_field(problems, "reference", [&] { return parse_reference(*text); });
    }
    if (auto text = raw.get("service"))
    {
        a.service = check_field(problems, "service", [&] { return m_store.service(*text).code; })
                        .value_or("");
    }
    if (auto text = raw.get("applicant_name"))
    {
        a.applicant_name =
            check_field(problems, "applicant_name", [&] { return parse_text(*text, 200); })
                .value_or("");
    }
    if (auto text = raw.get("nik"))
    {
        if (auto nik = check_field(problems, "nik", [&] { return parse_nik(*text); }))
        {
            a.nik = *nik;
            ++m_niks;
            m_niks_ending_in_zero += nik_ends_in_zero(*nik) ? 1 : 0;
        }
    }
    if (auto text = raw.get("phone"))
    {
        a.phone = check_field(problems, "phone", [&] { return parse_mobile_phone(*text); });
    }
    if (auto text = raw.get("channel"))
    {
        a.channel =
            check_field(problems, "channel", [&] { return parse_channel(*text); }).value_or("");
    }
    auto when = [&](const char* field) -> std::optional<Instant>
    {
        auto text = raw.get(field);
        if (!text)
        {
            return std::nullopt;
        }
        return check_field(problems, field, [&] { return parse_when(*text, m_offset).instant; });
    };
    a.submitted_at = when("submitted_at").value_or(0);
    a.status_at = when("status_at");
    a.decided_at = when("decided_at");
    if (auto text = raw.get("status"))
    {
        a.status =
            check_field(problems, "status", [&] { return parse_status(*text); }).value_or("");
    }
    if (auto text = raw.get("paused_days"))
    {
        a.imported_paused = static_cast<int>(
            check_field(problems, "paused_days", [&] { return parse_integer(*text, 0, 3650); })
                .value_or(0));
    }
    if (auto text = raw.get("fee"))
    {
        a.fee = check_field(problems, "fee", [&] { return parse_money(*text); });
    }
    a.note = optional_text(raw, "note", 2000, problems, true);
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    check_new_application(a, m_store.service(a.service), m_offset, m_actor.now, problems);
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return a;
}

RowOutcome ApplicationImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                                    OnConflict on_conflict, FieldProblems& problems)
{
    auto row = parse(record, problems);
    if (!row)
    {
        return RowOutcome::skipped;
    }
    if (row->reference)
    {
        SQLite::Statement& st = cached_statement(m_touched, m_db,
                                                 "SELECT touched_batch, touched_line FROM "
                                                 "application WHERE reference = ?");
        st.bindNoCopy(1, *row->reference);
        if (st.executeStep())
        {
            if (!st.getColumn(0).isNull() && st.getColumn(0).getInt64() == batch_id)
            {
                problems.push_back(
                    {"reference", fmt::format("'{}' appears twice in the file (first on line {})",
                                              *row->reference, st.getColumn(1).getInt64())});
                return RowOutcome::skipped;
            }
            if (on_conflict == OnConflict::fail)
            {
                problems.push_back({"reference", fmt::format("application '{}' already exists "
                                                             "(use --on-conflict skip or update)",
                                                             *row->reference)});
                return RowOutcome::skipped;
            }
            if (on_conflict == OnConflict::skip)
            {
                return RowOutcome::skipped;
            }
            return update(m_store.get(*row->reference), *row, batch_id, line, problems);
        }
    }
    row->checked = true; // parse() ran the rules; the reference was looked up above
    m_store.create(*row, m_actor, batch_id, line, false);
    if (m_defer_at < 0)
    {
        SQLite::Statement size(m_db, "SELECT coalesce(max(id), 0) FROM application");
        size.executeStep();
        m_defer_at = std::max<long long>(50000, size.getColumn(0).getInt64());
    }
    if (++m_inserted == m_defer_at)
    {
        m_indexes.drop(m_db, "application");
    }
    return RowOutcome::inserted;
}

RowOutcome ApplicationImport::update(const Application& stored, const NewApplication& row,
                                     long long batch_id, std::size_t line, FieldProblems& problems)
{
    if (row.service != stored.service)
    {
        problems.push_back({"service", fmt::format("differs from the stored {} (changing it needs "
                                                   "a person, not an import)",
                                                   stored.service)});
    }
    if (row.nik != stored.nik)
    {
        problems.push_back({"nik", "differs from the stored NIK (changing it needs a person, not "
                                   "an import)"});
    }
    if (row.submitted_at != stored.submitted_at)
    {
        problems.push_back({"submitted_at", "differs from the stored one (changing it needs a "
                                            "person, not an import)"});
    }
    if (!problems.empty())
    {
        return RowOutcome::skipped;
    }
    bool changed = false;
    if (row.status != stored.status)
    {
        const Instant at = is_final_status(row.status)
                               ? *row.decided_at
                               : row.status_at.value_or(std::max(stored.status_at, m_actor.now));
        try
        {
            m_store.set_status(stored.reference, row.status, at, std::nullopt, m_actor, false);
        }
        catch (const Error& e)
        {
            problems.push_back({"status", e.what()});
            return RowOutcome::skipped;
        }
        changed = true;
    }
    Application details = stored;
    details.applicant_name = row.applicant_name;
    details.phone = row.phone;
    details.channel = row.channel;
    details.fee = row.fee.value_or(stored.fee);
    details.note = row.note;
    changed = changed || details.applicant_name != stored.applicant_name ||
              details.phone != stored.phone || details.channel != stored.channel ||
              details.fee != stored.fee || details.note != stored.note;
    m_store.update_details(details, batch_id, line);
    return changed ? RowOutcome::updated : RowOutcome::unchanged;
}

std::optional<std::string> ApplicationImport::file_problem()
{
    if (m_accept_trailing_zeros || m_niks < 20 || m_niks_ending_in_zero * 10 < m_niks * 9)
    {
        return std::nullopt;
    }
    return fmt::format("nik: {} of {} NIKs end in 0: Excel rounded them to 15 significant digits "
                       "(format the column as Text and export again, or give "
                       "--accept-trailing-zeros if they are right)",
                       m_niks_ending_in_zero, m_niks);
}

} // namespace mpp
