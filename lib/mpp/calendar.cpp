#include "mpp/calendar.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar_change.hpp"

#include "mpp/json.hpp"
#include "mpp/schema.hpp"
#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>

namespace mpp
{
namespace
{

const std::vector<std::string> k_kinds = {"national", "collective_leave", "regional", "closure"};

const std::vector<std::pair<std::string, std::string>>& kind_choices()
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"national", "national"},
        {"libur_nasional", "national"},
        {"collective_leave", "collective_leave"},
        {"cuti_bersama", "collective_leave"},
        {"regional", "regional"},
        {"libur_daerah", "regional"},
        {"closure", "closure"},
        {"tutup", "closure"}};
    return k_choices;
}

std::string detail_of(const Holiday& h)
{
    return JsonObject()
        .add("date", format_date(h.date).c_str())
        .add("kind", h.kind.c_str())
        .add("name", h.name.c_str())
        .str();
}

} // namespace

const std::vector<std::string>& holiday_kinds()
{
    return k_kinds;
}

const std::vector<FieldSpec>& calendar_fields()
{
    static const std::vector<FieldSpec> k_fields = {{"date", true, {"tanggal", "tgl"}},
                                                    {"kind", true, {"jenis"}},
                                                    {"name", true, {"keterangan", "nama"}}};
    return k_fields;
}

std::optional<Holiday> parse_holiday(const RawRecord& raw, UtcOffset offset,
                                     FieldProblems& problems)
{
    const std::size_t before = problems.size();
    Holiday h;
    for (const char* field : {"date", "kind", "name"})
    {
        if (!raw.get(field))
        {
            problems.push_back({field, "is required"});
        }
    }
    if (auto text = raw.get("date"))
    {
        h.date = check_field(problems, "date", [&] { return parse_date(*text, offset); })
                     .value_or(Date{});
    }
    if (auto text = raw.get("kind"))
    {
        h.kind = check_field(problems, "kind",
                             [&] { return parse_choice(*text, kind_choices(), k_kinds); })
                     .value_or("");
    }
    if (auto text = raw.get("name"))
    {
        h.name = check_field(problems, "name", [&] { return parse_text(*text, 200); }).value_or("");
    }
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return h;
}

RawRecord holiday_to_raw(const Holiday& h)
{
    RawRecord raw;
    raw.set("date", format_date(h.date));
    raw.set("kind", h.kind);
    raw.set("name", h.name);
    return raw;
}

WorkCalendar load_work_calendar(SQLite::Database& db, const OfficeSettings& office)
{
    CalendarStore store(db);
    return WorkCalendar(office.workweek, office.collective_leave_is_holiday, store.list({}));
}

CalendarState calendar_state(SQLite::Database& db)
{
    const OfficeSettings office = load_office_settings(db);
    return {load_work_calendar(db, office), office.offset};
}

std::optional<Holiday> CalendarStore::find(Date date)
{
    SQLite::Statement st(m_db, "SELECT kind, name FROM calendar WHERE date = ?");
    st.bind(1, format_date(date));
    if (!st.executeStep())
    {
        return std::nullopt;
    }
    return Holiday{date, st.getColumn(0).getString(), st.getColumn(1).getString()};
}

std::vector<Holiday> CalendarStore::list(const CalendarFilter& filter)
{
    SQLite::Statement st(m_db, "SELECT date, kind, name FROM calendar WHERE ?1 IS NULL OR "
                               "substr(date, 1, 4) = ?1 ORDER BY date LIMIT ?2");
    if (filter.year)
    {
        st.bind(1, fmt::format("{:04}", *filter.year));
    }
    st.bind(2, static_cast<std::int64_t>(filter.limit.value_or(-1)));
    std::vector<Holiday> out;
    while (st.executeStep())
    {
        out.push_back(Holiday{parse_date(st.getColumn(0).getString(), UtcOffset{}),
                              st.getColumn(1).getString(), st.getColumn(2).getString()});
    }
    return out;
}

void CalendarStore::write(const Holiday& h, bool exists, std::optional<long long> batch_id)
{
    SQLite::Statement st(m_db, exists ? "UPDATE calendar SET kind = ?2, name = ?3, batch_id = "
                                        "coalesce(?4, batch_id) WHERE date = ?1"
                                      : "INSERT INTO calendar (date, kind, name, batch_id) "
                                        "VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, format_date(h.date));
    st.bind(2, h.kind);
    st.bind(3, h.name);
    if (batch_id)
    {
        st.bind(4, static_cast<std::int64_t>(*batch_id));
    }
    st.exec();
}

WriteOutcome CalendarStore::add(const Holiday& h, bool upsert, const Actor& actor)
{
    const auto existing = find(h.date);
    if (existing && !upsert)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is already in the calendar ({}: {})", format_date(h.date),
                                existing->kind, existing->name),
                    "use --upsert to replace it");
    }
    if (existing && *existing == h)
    {
        return WriteOutcome::unchanged;
    }
    const CalendarState before = calendar_state(m_db);
    write(h, existing.has_value(), std::nullopt);
    append_audit(m_db, actor,
                 AuditEntry{existing ? "update" : "create", "calendar", format_date(h.date),
                            detail_of(h), std::nullopt});
    refresh_after_change(m_db, before); // the due dates and tallies that the new date moves
    return existing ? WriteOutcome::updated : WriteOutcome::created;
}

void CalendarStore::remove(Date date, const Actor& actor)
{
    const auto existing = find(date);
    if (!existing)
    {
        throw Error(
            ErrorKind::not_found,
            fmt::format("{} is not in the calendar (see: mpp calendar list)", format_date(date)));
    }
    const CalendarState before = calendar_state(m_db);
    SQLite::Statement st(m_db, "DELETE FROM calendar WHERE date = ?");
    st.bind(1, format_date(date));
    st.exec();
    append_audit(
        m_db, actor,
        AuditEntry{"delete", "calendar", format_date(date), detail_of(*existing), std::nullopt});
    refresh_after_change(m_db, before); // and those that the removed date moved
}

void load_builtin_holidays(Database& db, const Actor& actor)
{
    CalendarImport target(db.sql());
    ImportSource source = import_source_for_text(
        builtin_holidays_csv(), std::string("built-in ") + builtin_holidays_name(), {});
    run_import(db, actor, source, target, ImportOptions{});
}

Table calendar_table(const std::vector<Holiday>& holidays)
{
    Table t;
    t.columns = {{"date", "Tanggal", "Date", CellKind::code},
                 {"kind", "Jenis", "Kind", CellKind::code, true, 0, "calendar_kind"},
                 {"name", "Keterangan", "Name", CellKind::free_text}};
    for (const Holiday& h : holidays)
    {
        t.rows.push_back({format_date(h.date), h.kind, h.name});
    }
    return t;
}

void CalendarImport::begin(SQLite::Database& db)
{
    m_offset = load_office_settings(db).offset;
    m_before = calendar_state(db);
}

RowOutcome CalendarImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                                 OnConflict on_conflict, FieldProblems& problems)
{
    const KeyedImport<Holiday> io{
        "date",
        [&](const RawRecord& raw, FieldProblems& p) { return parse_holiday(raw, m_offset, p); },
        [](const Holiday& h) { return format_date(h.date); },
        [](const Holiday& h) { return format_date(h.date) + " (in the calendar)"; },
        [&](const Holiday& h) { return m_store.find(h.date); },
        [](const Holiday& h)
        {
            RawRecord raw;
            raw.set("date", format_date(h.date));
            raw.set("kind", h.kind);
            raw.set("name", h.name);
            return raw;
        },
        [&](const Holiday& h, bool exists) { m_store.write(h, exists, batch_id); }};
    return import_keyed_row(io, record, line, m_keys, on_conflict, problems, change());
}

void CalendarImport::before_commit()
{
    refresh_after_change(m_db, *m_before); // once for the whole file
}

} // namespace mpp
