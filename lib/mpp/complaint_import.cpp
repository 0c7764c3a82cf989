// The import target for complaint files (a SP4N-LAPOR! export, the complaint box's sheet):
// validation of every field, ids kept or generated, --on-conflict update moving the status of a
// cumulative export.
#include "mpp/complaint.hpp"

#include "mpp/applicant.hpp"
#include "mpp/error.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

std::optional<std::string> shown(const std::optional<std::string>& value,
                                 std::string (*mask)(const std::string&))
{
    return value ? std::optional<std::string>(mask(*value)) : std::nullopt;
}

// The descriptive fields that differ, personal data masked.
FieldChanges detail_changes(const Complaint& was, const Complaint& now)
{
    FieldChanges changes;
    const auto same = [](const std::optional<std::string>& v) { return v; };
    const auto text = [](const std::string& v) { return std::optional<std::string>(v); };
    compare_field(changes, "channel", was.channel, now.channel, text);
    compare_field(changes, "agency", was.agency, now.agency, same);
    compare_field(changes, "service", was.service, now.service, same);
    compare_field(changes, "subject", was.subject, now.subject, text);
    compare_field(changes, "complainant", was.complainant, now.complainant,
                  [](const std::optional<std::string>& v) { return shown(v, mask_name); });
    compare_field(changes, "contact", was.contact, now.contact,
                  [](const std::optional<std::string>& v) { return shown(v, mask_contact); });
    return changes;
}

} // namespace

ComplaintImport::ComplaintImport(SQLite::Database& db, Actor actor)
    : m_db(db), m_actor(std::move(actor))
{
}

ComplaintImport::~ComplaintImport() = default;

const std::vector<FieldSpec>& ComplaintImport::fields() const
{
    static const std::vector<FieldSpec> k_fields = {
        {"id",
         false,
         {"code", "nomor_tiket", "no_tiket", "nomor_laporan", "no_laporan", "nomor_pengaduan",
          "no_pengaduan", "kode_laporan"}},
        {"received_at",
         true,
         {"tanggal_diterima", "tgl_diterima", "waktu", "waktu_diterima", "tanggal_laporan",
          "tanggal_pengaduan", "tanggal"}},
        {"channel", true, {"kanal", "saluran", "sumber"}},
        {"agency", false, {"instansi", "kode_instansi", "opd"}},
        {"service", false, {"layanan", "kode_layanan"}},
        {"subject", true, {"perihal", "isi", "judul", "isi_pengaduan", "isi_laporan", "ringkasan"}},
        {"status", true, {"status_pengaduan", "status_laporan"}},
        {"status_at", false, {"tanggal_status", "tgl_status", "waktu_status"}},
        {"complainant", false, {"pelapor", "nama_pelapor", "pengadu", "nama_pengadu", "nama"}},
        {"contact", false, {"kontak", "no_hp", "hp", "telepon", "no_telp", "email"}}};
    return k_fields;
}

void ComplaintImport::begin(SQLite::Database& db)
{
    m_office = load_office_settings(db);
    m_store = std::make_unique<ComplaintStore>(db, *m_office);
}

void ComplaintImport::on_header(const std::vector<std::string>& fields,
                                const ImportOptions& options)
{
    if (options.force && std::find(fields.begin(), fields.end(), "id") == fields.end())
    {
        throw Error(ErrorKind::usage, "--force is refused for a file without an id column: every "
                                      "row would be imported again under a new id");
    }
}

std::optional<NewComplaint> ComplaintImport::parse(const RawRecord& raw, FieldProblems& problems)
{
    const std::size_t before = problems.size();
    for (const char* field : {"received_at", "channel", "subject", "status"})
    {
        if (!raw.get(field))
        {
            problems.push_back({field, "is required"});
        }
    }
    NewComplaint c;
    const UtcOffset offset = m_office->offset;
    auto field = [&](const char* name, auto parse)
    {
        const auto text = raw.get(name);
        return text ? check_field(problems, name, [&] { return parse(*text); }) : std::nullopt;
    };
    c.code = field("id", [](const std::string& t) { return parse_external_key(t); });
    c.received_at =
        field("received_at", [&](const std::string& t) { return parse_when(t, offset).instant; })
            .value_or(0);
    c.status_at =
        field("status_at", [&](const std::string& t) { return parse_when(t, offset).instant; });
    c.channel = field("channel", [](const std::string& t) { return parse_complaint_channel(t); })
                    .value_or("");
    c.status = field("status", [](const std::string& t) { return parse_complaint_status(t); })
                   .value_or("");
    c.subject = field("subject", [](const std::string& t) { return parse_text(t, 500, true); })
                    .value_or("");
    c.agency = field("agency", [](const std::string& t) { return parse_code(t, 1, 32); });
    c.service = field("service", [](const std::string& t) { return parse_code(t, 1, 64); });
    c.complainant = field("complainant", [](const std::string& t) { return parse_text(t, 200); });
    c.contact = field("contact", [](const std::string& t) { return parse_complaint_contact(t); });
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    m_store->check(c, m_actor.now, problems);
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return c;
}

RowOutcome ComplaintImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                                  OnConflict on_conflict, FieldProblems& problems)
{
    const auto row = parse(record, problems);
    if (!row)
    {
        return RowOutcome::skipped;
    }
    // A row without an id is keyed by what a re-downloaded sheet or log keeps: when it was
    // received (to the minute), its channel and its subject.
    const std::string key = row->code ? to_upper(*row->code)
                                      : fmt::format("\x1f{}\x1f{}\x1f{}", row->received_at / 60,
                                                    row->channel, row->subject);
    if (const auto first = m_keys.claim(key, line))
    {
        problems.push_back(
            row->code
                ? FieldProblem{"id",
                               fmt::format("'{}' appears twice in the file (first on line {})",
                                           *row->code, *first)}
                : FieldProblem{"received_at",
                               fmt::format("the same complaint (received_at, channel and "
                                           "subject) appears twice in the file (first on line {})",
                                           *first)});
        return RowOutcome::skipped;
    }
    if (const auto stored = row->code ? m_store->find(*row->code) : m_store->find_same(*row))
    {
        NewComplaint same = *row;
        return conflict(*stored, same, record, batch_id, line, on_conflict, problems);
    }
    const Complaint created = m_store->create(*row, m_actor, batch_id);
    if (change())
    {
        FieldChanges fields = detail_changes(Complaint{}, created);
        fields.insert(fields.begin(), {"received_at", std::nullopt,
                                       format_local(created.received_at, m_office->offset)});
        fields.push_back({"status", std::nullopt, created.status});
        *change() = {line, created.code, RowOutcome::inserted, std::move(fields)};
    }
    return RowOutcome::inserted;
}

RowOutcome ComplaintImport::conflict(const Complaint& stored, NewComplaint& row,
                                     const RawRecord& record, long long batch_id, std::size_t line,
                                     OnConflict on_conflict, FieldProblems& problems)
{
    if (on_conflict == OnConflict::fail)
    {
        problems.push_back(
            row.code ? FieldProblem{"id", fmt::format("complaint '{}' already exists (use "
                                                      "--on-conflict skip or update)",
                                                      stored.code)}
                     : FieldProblem{"received_at",
                                    fmt::format("the same complaint (received_at, channel and "
                                                "subject) is already stored as '{}' (use "
                                                "--on-conflict skip or update)",
                                                stored.code)});
        return RowOutcome::skipped;
    }
    if (on_conflict == OnConflict::skip)
    {
        return RowOutcome::skipped;
    }
    if (!row.code)
    {
        row.received_at = stored.received_at; // the same minute: the same complaint
    }
    return update(stored, row, record, batch_id, line, problems);
}

RowOutcome ComplaintImport::update(const Complaint& stored, const NewComplaint& row,
                                   const RawRecord& record, long long batch_id, std::size_t line,
                                   FieldProblems& problems)
{
    if (row.received_at != stored.received_at)
    {
        problems.push_back({"received_at", "differs from the stored one (changing it needs a "
                                           "person, not an import)"});
        return RowOutcome::skipped;
    }
    if (row.status == stored.status && row.status != "received" && row.status_at &&
        *row.status_at / 60 != stored.status_at / 60)
    {
        // The time of a status is part of the history; an import must not keep the stored one
        // silently (on-time and resolution days depend on it) nor rewrite the history.
        problems.push_back(
            {"status_at",
             fmt::format("{} differs from the stored time of this status ({}); the history is "
                         "not rewritten by an import: correct the row, or --skip-invalid",
                         format_local(*row.status_at, m_office->offset),
                         format_local(stored.status_at, m_office->offset))});
        return RowOutcome::skipped;
    }
    FieldChanges changes;
    if (row.status != stored.status)
    {
        try
        {
            const Complaint moved = m_store->set_status(stored.code, row.status, *row.status_at,
                                                        std::nullopt, m_actor, false);
            changes.push_back({"status", stored.status, moved.status});
            changes.push_back({"status_at", format_local(stored.status_at, m_office->offset),
                               format_local(moved.status_at, m_office->offset)});
        }
        catch (const Error& e)
        {
            // An export older than a manual set-status shows an earlier status: the row is
            // invalid like any illegal move, and the message says how to load the others.
            problems.push_back(
                {"status", fmt::format("{} (an export older than the stored status? fix the row, "
                                       "or --skip-invalid to load the other rows)",
                                       e.what())});
            return RowOutcome::skipped;
        }
    }
    // import.md: a column that is not in the file is not a change.
    Complaint details = stored;
    details.channel = row.channel;
    details.subject = row.subject;
    const bool placed = record.given("agency") || record.given("service");
    details.agency = placed ? row.agency : stored.agency;
    details.service = placed ? row.service : stored.service;
    details.complainant = given_or(record, "complainant", row.complainant, stored.complainant);
    details.contact = given_or(record, "contact", row.contact, stored.contact);
    for (FieldChange& f : detail_changes(stored, details))
    {
        changes.push_back(std::move(f));
    }
    if (changes.empty())
    {
        return RowOutcome::unchanged;
    }
    m_store->update_details(details, batch_id);
    if (change())
    {
        *change() = {line, stored.code, RowOutcome::updated, std::move(changes)};
    }
    return RowOutcome::updated;
}

} // namespace mpp
