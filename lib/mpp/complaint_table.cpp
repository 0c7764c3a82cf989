// Complaints as listings: the records (masked), their history, and the figures of a period per
// agency or channel.
#include "mpp/complaint.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

Cell text_or_none(const std::optional<std::string>& value, std::string (*mask)(const std::string&),
                  std::string (*whole)(const std::string&), bool unmasked)
{
    if (!value)
    {
        return std::nullopt;
    }
    return unmasked ? whole(*value) : mask(*value);
}

std::string as_is(const std::string& value)
{
    return value;
}

Cell decimal(const std::optional<double>& value)
{
    return value ? Cell(fmt::format("{:.1f}", *value)) : std::nullopt;
}

const std::vector<Column>& figure_columns()
{
    static const std::vector<Column> k_columns = {
        {"complaints_received", "Diterima", "Received", CellKind::integer},
        {"complaints_resolved", "Selesai", "Resolved", CellKind::integer},
        {"complaints_rejected", "Ditolak", "Rejected", CellKind::integer},
        {"complaints_open", "Terbuka", "Open", CellKind::integer},
        {"complaints_on_time_pct", "Tepat waktu %", "On time %", CellKind::integer},
        {"complaints_resolution_median", "Median hari", "Median days", CellKind::integer}};
    return k_columns;
}

std::vector<Cell> figure_cells(std::vector<Cell> row, const ComplaintSums& s)
{
    for (long long n : {s.received, s.resolved, s.rejected, s.open})
    {
        row.push_back(std::to_string(n));
    }
    row.push_back(decimal(s.on_time_pct()));
    row.push_back(decimal(s.resolution_median()));
    return row;
}

} // namespace

Table complaint_table(const std::vector<Complaint>& complaints, const WorkCalendar& calendar,
                      int sla_days, Date as_of, UtcOffset offset, bool unmasked)
{
    Table t;
    t.columns = {{"id", "Nomor", "Id", CellKind::unchecked},
                 {"received_at", "Diterima", "Received", CellKind::code},
                 {"channel", "Kanal", "Channel", CellKind::code, true, 0, "complaint_channel"},
                 {"agency", "Instansi", "Agency", CellKind::code},
                 {"service", "Layanan", "Service", CellKind::code, false},
                 {"subject", "Perihal", "Subject", CellKind::free_text, true, 2},
                 {"status", "Status", "Status", CellKind::code, true, 0, "complaint_status"},
                 {"status_at", "Waktu status", "Status at", CellKind::code, false},
                 {"due_on", "Batas waktu", "Due", CellKind::code},
                 // Open and past due today (none once closed) vs resolved within the limit
                 // (none while open): a complaint resolved late is "tepat waktu: tidak" only.
                 {"overdue", "Lewat tempo", "Past due", CellKind::boolean},
                 {"on_time", "Tepat waktu", "On time", CellKind::boolean},
                 {"elapsed_days", "Hari kerja", "Working days", CellKind::integer, false},
                 {"complainant", "Pelapor", "Complainant", CellKind::free_text, true, 1},
                 {"contact", "Kontak", "Contact", CellKind::unchecked, true, 1}};
    for (const Complaint& c : complaints)
    {
        const ComplaintSla sla = complaint_sla(c, calendar, sla_days, as_of);
        t.rows.push_back(
            {c.code, format_local(c.received_at, offset), c.channel, c.agency, c.service, c.subject,
             c.status, format_local(c.status_at, offset), format_date(sla.due_on),
             c.closed_on ? std::nullopt : Cell(sla.overdue ? "true" : "false"),
             sla.on_time ? Cell(*sla.on_time ? "true" : "false") : std::nullopt,
             std::to_string(sla.elapsed), text_or_none(c.complainant, mask_name, as_is, unmasked),
             text_or_none(c.contact, mask_contact, national_contact, unmasked)});
    }
    return t;
}

Table complaint_history_table(const std::vector<ComplaintEvent>& events, UtcOffset offset)
{
    Table t;
    t.columns = {{"at", "Waktu", "At", CellKind::code},
                 {"from", "Dari", "From", CellKind::code, true, 0, "complaint_status"},
                 {"to", "Ke", "To", CellKind::code, true, 0, "complaint_status"},
                 {"operator", "Operator", "Operator", CellKind::free_text},
                 {"note", "Catatan", "Note", CellKind::free_text}};
    for (const auto& e : events)
    {
        t.rows.push_back({format_local(e.at, offset), e.from, e.to, e.operator_name, e.note});
    }
    return t;
}

Table complaint_figures_table(SQLite::Database& db, const WorkCalendar& calendar, int sla_days,
                              Date from, Date to, const std::string& by)
{
    Table t;
    ComplaintSums total;
    if (by == "channel")
    {
        t.columns = {{"channel", "Kanal", "Channel", CellKind::code, true, 0, "complaint_channel"}};
        for (const auto& [channel, sums] :
             complaint_sums_by_channel(db, calendar, sla_days, from, to))
        {
            t.rows.push_back(figure_cells({channel}, sums));
            total.add(sums);
        }
    }
    else
    {
        t.columns = {{"level", "Tingkat", "Level", CellKind::code, true, 0, "level"},
                     {"agency_code", "Instansi", "Agency", CellKind::code}};
        std::map<std::string, ComplaintSums> agencies; // "": the MPP itself
        for (const auto& [group, sums] : complaint_sums(db, calendar, sla_days, from, to))
        {
            agencies[group.agency_code].add(sums);
        }
        for (const auto& [agency, sums] : agencies)
        {
            if (!agency.empty())
            {
                t.rows.push_back(figure_cells({"agency", agency}, sums));
            }
            total.add(sums);
        }
        if (agencies.count(""))
        {
            t.rows.push_back(figure_cells({"mpp", std::nullopt}, agencies[""]));
        }
    }
    std::vector<Cell> last(t.columns.size(), std::nullopt);
    last[0] = "total";
    t.rows.push_back(figure_cells(last, total));
    for (const Column& c : figure_columns())
    {
        t.columns.push_back(c);
    }
    return t;
}

} // namespace mpp
