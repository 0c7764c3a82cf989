// The import target for application files: validation of every field, references kept or
// generated, --on-conflict update for cumulative exports, the Excel-rounded NIK check.
#include "mpp/applicant.hpp"
#include "mpp/application.hpp"
#include "mpp/application_table.hpp"
#include "mpp/correction.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

// An integer column that may be NULL.
std::optional<long long> column_int(SQLite::Statement& st, int index)
{
    if (st.getColumn(index).isNull())
    {
        return std::nullopt;
    }
    return st.getColumn(index).getInt64();
}

// The changes of a status move: the status and the times the move set.
void status_changes(FieldChanges& changes, const Application& was, const Application& now,
                    UtcOffset offset)
{
    auto at = [&](const std::optional<Instant>& t)
    { return t ? std::optional<std::string>(format_local(*t, offset)) : std::nullopt; };
    compare_field(changes, "status", was.status, now.status,
                  [](const std::string& s) { return std::optional<std::string>(s); });
    compare_field(changes, "status_at", std::optional<Instant>(was.status_at),
                  std::optional<Instant>(now.status_at), at);
    compare_field(changes, "decided_at", was.decided_at, now.decided_at, at);
}

// The changes of the fields an import updates besides the status (phone masked).
void detail_changes(FieldChanges& changes, const Application& was, const Application& now)
{
    applicant_changes(changes, was, now);
    compare_field(changes, "note", was.note, now.note,
                  [](const std::optional<std::string>& n) { return n; });
}

} // namespace

ApplicationImport::ApplicationImport(SQLite::Database& db, Actor actor)
    : m_db(db), m_actor(std::move(actor))
{
}

ApplicationImport::~ApplicationImport() = default;

void ApplicationImport::begin(SQLite::Database& db)
{
    m_office = load_office_settings(db);
    m_offset = m_office->offset;
    m_calendar = std::make_unique<WorkCalendar>(load_work_calendar(db, *m_office));
    m_store = std::make_unique<ApplicationStore>(db, *m_office, *m_calendar);
    m_store->defer_tallies(); // a few thousand tally rows for any number of applications
    m_store->defer_events();
}

void ApplicationImport::before_commit()
{
    m_store->flush_events();
    m_store->flush_tallies();
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
    m_by_filing = std::find(fields.begin(), fields.end(), "reference") == fields.end();
    if (options.force && m_by_filing)
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
        a.reference = check_field(problems, "reference", [&] { return parse_external_key(*text); });
    }
    if (auto text = raw.get("service"))
    {
        a.service = check_field(problems, "service", [&] { return m_store->service(*text).code; })
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
    check_new_application(a, m_store->service(a.service), m_offset, m_actor.now, problems);
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
    const std::optional<Match> match =
        row->reference ? by_reference(*row->reference) : by_filing(*row);
    if (match)
    {
        return conflict(*match, *row, record, batch_id, line, on_conflict, problems);
    }
    insert(*row, batch_id, line);
    return RowOutcome::inserted;
}

std::optional<ApplicationImport::Match>
ApplicationImport::by_reference(const std::string& reference)
{
    SQLite::Statement& st = cached_statement(m_touched, m_db,
                                             "SELECT reference, touched_batch, touched_line FROM "
                                             "application WHERE reference = ?");
    st.bind(1, reference);
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return Match{st.getColumn(0).getString(), column_int(st, 1), st.getColumn(2).getInt64()};
}

// import.md "Files without a reference column": the same service, NIK and submitted_at (to the
// minute) as a stored application is the same filing.
std::optional<ApplicationImport::Match> ApplicationImport::by_filing(const NewApplication& row)
{
    auto id = m_service_ids.find(row.service);
    if (id == m_service_ids.end())
    {
        SQLite::Statement st(m_db, "SELECT id FROM service WHERE code = ?");
        st.bind(1, row.service);
        st.executeStep();
        id = m_service_ids.emplace(row.service, st.getColumn(0).getInt64()).first;
    }
    const Instant minute = row.submitted_at - (row.submitted_at % 60 + 60) % 60;
    SQLite::Statement& st = cached_statement(
        m_filing, m_db,
        "SELECT reference, touched_batch, touched_line FROM application INDEXED BY "
        "application_by_filing WHERE nik = ? AND service_id = ? AND submitted_at >= ? AND "
        "submitted_at < ? ORDER BY voided_at IS NOT NULL, id LIMIT 1");
    st.bind(1, row.nik);
    st.bind(2, static_cast<std::int64_t>(id->second));
    st.bind(3, format_utc(minute));
    st.bind(4, format_utc(minute + 60));
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return Match{st.getColumn(0).getString(), column_int(st, 1), st.getColumn(2).getInt64()};
}

RowOutcome ApplicationImport::conflict(const Match& match, NewApplication& row,
                                       const RawRecord& record, long long batch_id,
                                       std::size_t line, OnConflict on_conflict,
                                       FieldProblems& problems)
{
    const char* field = row.reference ? "reference" : "submitted_at";
    const std::string key = row.reference
                                ? fmt::format("'{}'", *row.reference)
                                : std::string("the same filing (service, NIK and submitted_at)");
    if (match.touched_batch == batch_id)
    {
        problems.push_back({field, fmt::format("{} appears twice in the file (first on line {})",
                                               key, match.touched_line)});
        return RowOutcome::skipped;
    }
    if (on_conflict == OnConflict::fail)
    {
        problems.push_back(
            {field, row.reference ? fmt::format("application '{}' already exists (use "
                                                "--on-conflict skip or update)",
                                                match.reference)
                                  : fmt::format("{} is already stored as application '{}' (use "
                                                "--on-conflict skip or update)",
                                                key, match.reference)});
        return RowOutcome::skipped;
    }
    if (on_conflict == OnConflict::skip)
    {
        return RowOutcome::skipped;
    }
    const Application stored = m_store->get(match.reference);
    if (!row.reference)
    {
        row.submitted_at = stored.submitted_at; // the same minute: the same filing
    }
    const RowOutcome outcome = update(stored, row, record, batch_id, line, problems);
    if (outcome == RowOutcome::updated)
    {
        remember_batch(stored.id, batch_id, line);
    }
    return outcome;
}

void ApplicationImport::insert(const NewApplication& row, long long batch_id, std::size_t line)
{
    NewApplication checked = row;
    checked.checked = true; // parse() ran the rules; the key was looked up
    const Application created = m_store->create(checked, m_actor, batch_id, line, false);
    remember_batch(created.id, batch_id, line);
    if (change())
    {
        // What the row inserts, as `export` would write it (NIK and phone masked).
        const std::vector<Column> columns = application_columns(true);
        const std::vector<Cell> cells =
            application_row(created, *m_calendar, Date{}, m_offset, false, true);
        RawRecord shown;
        for (std::size_t i = 0; i < columns.size(); ++i)
        {
            shown.set(columns[i].key, cells[i].value_or(""));
        }
        *change() = {line, created.reference, RowOutcome::inserted, RawRecord().changes_to(shown)};
    }
    if (m_defer_at < 0)
    {
        SQLite::Statement size(m_db, "SELECT coalesce(max(id), 0) FROM application");
        size.executeStep();
        m_defer_at = std::max<long long>(50000, size.getColumn(0).getInt64());
    }
    if (++m_inserted == m_defer_at)
    {
        // A file without references looks each row's filing up: that index stays.
        m_indexes.drop(m_db, "application",
                       m_by_filing ? std::vector<std::string>{"application_by_filing"}
                                   : std::vector<std::string>{});
    }
}

void ApplicationImport::remember_batch(long long application_id, long long batch_id,
                                       std::size_t line)
{
    SQLite::Statement& st = cached_statement(m_batches, m_db,
                                             "INSERT OR IGNORE INTO application_batch "
                                             "(application_id, batch_id, line) VALUES (?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(application_id));
    st.bind(2, static_cast<std::int64_t>(batch_id));
    st.bind(3, static_cast<std::int64_t>(line));
    st.exec();
}

RowOutcome ApplicationImport::update(const Application& stored, const NewApplication& row,
                                     const RawRecord& record, long long batch_id, std::size_t line,
                                     FieldProblems& problems)
{
    if (stored.voided_at)
    {
        return RowOutcome::skipped; // out of everything, though its source system exports it
    }
    // A value a correction replaced is the stored one as the source system still knows it.
    auto differs = [&](const char* field, const std::string& was, const std::string& now)
    { return was != now && !is_superseded(m_db, stored.id, field, now); };
    if (differs("service", stored.service, row.service))
    {
        problems.push_back({"service", fmt::format("differs from the stored {} (changing it needs "
                                                   "a person, not an import)",
                                                   stored.service)});
    }
    if (differs("nik", stored.nik, row.nik))
    {
        problems.push_back({"nik", "differs from the stored NIK (changing it needs a person, not "
                                   "an import)"});
    }
    if (row.submitted_at != stored.submitted_at &&
        !is_superseded(m_db, stored.id, "submitted_at", format_utc(row.submitted_at)))
    {
        problems.push_back({"submitted_at", "differs from the stored one (changing it needs a "
                                            "person, not an import)"});
    }
    if (!problems.empty())
    {
        return RowOutcome::skipped;
    }
    // The one comparison: the fields it finds are what the row updates and the plan shows.
    FieldChanges changes;
    if (row.status != stored.status)
    {
        const Instant at = is_final_status(row.status)
                               ? *row.decided_at
                               : row.status_at.value_or(std::max(stored.status_at, m_actor.now));
        try
        {
            const Application moved =
                m_store->set_status(stored.reference, row.status, at, std::nullopt, m_actor, false);
            status_changes(changes, stored, moved, m_offset);
        }
        catch (const Error& e)
        {
            problems.push_back({"status", e.what()});
            return RowOutcome::skipped;
        }
    }
    // import.md: a column that is not in the file is not a change. A fee or channel cell that
    // is empty keeps the stored value too: neither can be cleared.
    Application details = stored;
    details.applicant_name = row.applicant_name;
    details.phone = given_or(record, "phone", row.phone, stored.phone);
    details.channel = given_or(
        record, "channel", record.get("channel") ? row.channel : stored.channel, stored.channel);
    details.fee = given_or(record, "fee", row.fee.value_or(stored.fee), stored.fee);
    details.note = given_or(record, "note", row.note, stored.note);
    detail_changes(changes, stored, details);
    m_store->update_details(details, batch_id, line);
    if (changes.empty())
    {
        return RowOutcome::unchanged;
    }
    if (change())
    {
        *change() = {line, stored.reference, RowOutcome::updated, std::move(changes)};
    }
    return RowOutcome::updated;
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
