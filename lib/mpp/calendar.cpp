#include "mpp/calendar.hpp"

#include "mpp/json.hpp"
#include "mpp/record.hpp"
#include "mpp/schema.hpp"
#include "mpp/settings.hpp"
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

// The precomputed range of the engine: other dates are computed day by day.
const Date k_table_first = *make_date(2000, 1, 1);
const Date k_table_last = *make_date(2100, 12, 31);

int year_of(Date date)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    return y;
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

WorkCalendar::WorkCalendar(const std::vector<int>& workweek, bool collective_leave_is_holiday,
                           const std::vector<Holiday>& holidays)
    : m_workweek(8, false), m_base(k_table_first)
{
    for (const int d : workweek)
    {
        m_workweek.at(static_cast<std::size_t>(d)) = true;
    }
    for (const Holiday& h : holidays)
    {
        if (h.kind != "collective_leave" || collective_leave_is_holiday)
        {
            m_holidays.push_back(h.date);
        }
        if (h.kind == "national")
        {
            m_years.push_back(year_of(h.date));
        }
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    std::sort(m_years.begin(), m_years.end());
    m_years.erase(std::unique(m_years.begin(), m_years.end()), m_years.end());
    const auto days = static_cast<std::size_t>(k_table_last.days - k_table_first.days + 1);
    m_cum.resize(days);
    std::int32_t count = 0;
    for (std::size_t i = 0; i < days; ++i)
    {
        count += compute_working(Date{m_base.days + static_cast<int>(i)}) ? 1 : 0;
        m_cum[i] = count;
    }
}

bool WorkCalendar::compute_working(Date date) const
{
    return m_workweek[static_cast<std::size_t>(iso_weekday(date))] &&
           !std::binary_search(m_holidays.begin(), m_holidays.end(), date);
}

bool WorkCalendar::in_table(Date date) const
{
    return date >= k_table_first && date <= k_table_last;
}

std::int64_t WorkCalendar::index(Date date) const
{
    return date.days - m_base.days;
}

bool WorkCalendar::is_working_day(Date date) const
{
    if (!in_table(date))
    {
        return compute_working(date);
    }
    const auto i = static_cast<std::size_t>(index(date));
    return m_cum[i] - (i == 0 ? 0 : m_cum[i - 1]) == 1;
}

int WorkCalendar::workdays(Date a, Date b) const
{
    if (b <= a)
    {
        return 0;
    }
    if (in_table(a) && in_table(b))
    {
        return m_cum[static_cast<std::size_t>(index(b))] -
               m_cum[static_cast<std::size_t>(index(a))];
    }
    int count = 0;
    for (Date d{a.days + 1}; d <= b; d.days++)
    {
        count += is_working_day(d) ? 1 : 0;
    }
    return count;
}

Date WorkCalendar::start_day(Date date) const
{
    if (m_cum.back() == 0 && in_table(date))
    {
        return date; // no working day at all: nothing sensible to move to
    }
    Date d = date;
    while (!is_working_day(d))
    {
        d.days++;
    }
    return d;
}

Date WorkCalendar::add_workdays(Date start, int n) const
{
    if (n <= 0)
    {
        return start;
    }
    if (in_table(start))
    {
        const std::int32_t target = m_cum[static_cast<std::size_t>(index(start))] + n;
        const auto from = m_cum.begin() + index(start) + 1;
        const auto it = std::lower_bound(from, m_cum.end(), target);
        if (it != m_cum.end())
        {
            return Date{m_base.days + static_cast<int>(it - m_cum.begin())};
        }
    }
    Date d = start;
    for (int left = n; left > 0;)
    {
        d.days++;
        left -= is_working_day(d) ? 1 : 0;
    }
    return d;
}

int WorkCalendar::paused(Date start, const std::vector<Pause>& pauses, Date as_of) const
{
    int total = 0;
    for (const Pause& p : pauses)
    {
        const Date from = std::max(p.entered, start);
        const Date to = p.left ? std::min(*p.left, as_of) : as_of;
        total += workdays(from, to);
    }
    return total;
}

Date WorkCalendar::due_on(Date start, int sla_days, int paused_days) const
{
    return add_workdays(start, sla_days + paused_days);
}

int WorkCalendar::elapsed(Date start, Date decision, int paused_days) const
{
    return std::max(0, workdays(start, decision) - paused_days);
}

bool WorkCalendar::covers(Date date) const
{
    return std::binary_search(m_years.begin(), m_years.end(), year_of(date));
}

WorkCalendar load_work_calendar(SQLite::Database& db, const OfficeSettings& office)
{
    CalendarStore store(db);
    return WorkCalendar(office.workweek, office.collective_leave_is_holiday, store.list({}));
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
    write(h, existing.has_value(), std::nullopt);
    append_audit(m_db, actor,
                 AuditEntry{existing ? "update" : "create", "calendar", format_date(h.date),
                            detail_of(h), std::nullopt});
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
    SQLite::Statement st(m_db, "DELETE FROM calendar WHERE date = ?");
    st.bind(1, format_date(date));
    st.exec();
    append_audit(
        m_db, actor,
        AuditEntry{"delete", "calendar", format_date(date), detail_of(*existing), std::nullopt});
}

void load_builtin_holidays(Database& db, const Actor& actor, UtcOffset offset)
{
    (void)offset; // the import reads the office's offset inside its transaction
    CalendarImport target(db.sql());
    ImportSource source = import_source_for_text(
        builtin_holidays_csv(), std::string("built-in ") + builtin_holidays_name(), {});
    run_import(db, actor, source, target, ImportOptions{});
}

Table calendar_table(const std::vector<Holiday>& holidays)
{
    Table t;
    t.columns = {{"date", "Tanggal", "Date", CellKind::code},
                 {"kind", "Jenis", "Kind", CellKind::code},
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
    return import_keyed_row(io, record, line, m_keys, on_conflict, problems);
}

} // namespace mpp
