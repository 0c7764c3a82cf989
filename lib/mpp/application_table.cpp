#include "mpp/application_table.hpp"

#include "mpp/applicant.hpp"
#include "mpp/sla.hpp"

#include <fmt/format.h>

namespace mpp
{

std::vector<Column> application_columns(bool for_export, bool with_void)
{
    std::vector<Column> c = {{"reference", "Nomor", "Reference", CellKind::unchecked},
                             {"service", "Layanan", "Service", CellKind::code},
                             {"applicant_name", "Pemohon", "Applicant", CellKind::free_text},
                             {"nik", "NIK", "NIK", CellKind::code, true, 1},
                             {"phone", "No. HP", "Phone", CellKind::code, false},
                             {"channel", "Kanal", "Channel", CellKind::code, false, 0, "channel"},
                             {"submitted_at", "Diterima", "Submitted", CellKind::timestamp},
                             {"status", "Status", "Status", CellKind::code, true, 0, "status"},
                             {"status_at", "Tgl status", "Status at", CellKind::timestamp, false},
                             {"decided_at", "Tgl selesai", "Decided", CellKind::timestamp, false},
                             {"paused_days", "Hari jeda", "Paused days", CellKind::integer, false},
                             {"fee", "Biaya", "Fee", CellKind::money, false},
                             {"note", "Catatan", "Note", CellKind::free_text, false}};
    if (!for_export)
    {
        c.push_back({"agency", "Instansi", "Agency", CellKind::code, false});
        c.push_back({"due_on", "Jatuh tempo", "Due", CellKind::code});
        c.push_back({"elapsed", "Hari kerja", "Working days", CellKind::integer, true, 3});
        c.push_back({"on_time", "Tepat waktu", "On time", CellKind::boolean, true, 2});
        // Open past the due date: not `Terlambat`, which reports use for decided late.
        c.push_back({"overdue", "Lewat tempo", "Overdue", CellKind::boolean, true, 4});
    }
    if (with_void)
    {
        c.push_back({"voided_at", "Dianulir", "Void since", CellKind::code});
    }
    return c;
}

std::vector<Cell> application_row(const Application& a, const WorkCalendar& cal, Date as_of,
                                  UtcOffset offset, bool unmasked, bool for_export, bool with_void)
{
    std::vector<Cell> row = {
        a.reference,
        a.service,
        a.applicant_name,
        unmasked ? a.nik : mask_nik(a.nik),
        a.phone ? std::optional<std::string>(unmasked ? *a.phone : mask_phone(*a.phone))
                : std::nullopt,
        a.channel,
        format_local(a.submitted_at, offset),
        a.status,
        format_local(a.status_at, offset),
        a.decided_at ? std::optional<std::string>(format_local(*a.decided_at, offset))
                     : std::nullopt,
        std::to_string(a.paused_days),
        std::to_string(a.fee),
        a.note};
    if (!for_export)
    {
        const SlaView v = sla_as_of(a, cal, as_of);
        row.emplace_back(a.agency);
        row.emplace_back(format_date(v.due_on));
        row.emplace_back(std::to_string(v.elapsed));
        row.push_back(v.on_time ? std::optional<std::string>(*v.on_time ? "true" : "false")
                                : std::nullopt);
        row.emplace_back(v.overdue ? "true" : "false");
    }
    if (with_void)
    {
        row.push_back(a.voided_at ? std::optional(format_local(*a.voided_at, offset))
                                  : std::nullopt);
    }
    return row;
}

Table application_table(const std::vector<Application>& apps, const WorkCalendar& cal, Date as_of,
                        UtcOffset offset, bool unmasked, bool for_export, bool with_void)
{
    Table t;
    t.columns = application_columns(for_export, with_void);
    for (const Application& a : apps)
    {
        t.rows.push_back(application_row(a, cal, as_of, offset, unmasked, for_export, with_void));
    }
    return t;
}

Table history_table(const std::vector<StatusEvent>& events, UtcOffset offset)
{
    Table t;
    t.columns = {{"at", "Waktu", "At", CellKind::code},
                 {"event", "Peristiwa", "Event", CellKind::code, true, 0, "event"},
                 {"from", "Dari", "From", CellKind::code, true, 0, "status"},
                 {"to", "Ke", "To", CellKind::code, true, 0, "status"},
                 {"label", "Keterangan status", "Status", CellKind::free_text, false},
                 {"operator", "Operator", "Operator", CellKind::free_text},
                 {"note", "Catatan", "Note", CellKind::free_text},
                 {"detail", "Rincian", "Detail", CellKind::json}};
    for (const auto& e : events)
    {
        t.rows.push_back({format_local(e.at, offset), e.kind, e.from, e.to,
                          status_label(e.to, "id"), e.operator_name, e.note, e.detail});
    }
    return t;
}

} // namespace mpp
