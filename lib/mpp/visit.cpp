// Visit rows: their columns, validation (measures.md "Visits"), keys and storage.
#include "mpp/visit.hpp"

#include "mpp/error.hpp"
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

const std::vector<std::pair<std::string, std::string>> k_outcomes = {
    {"served", "served"},    {"dilayani", "served"}, {"selesai", "served"},
    {"terlayani", "served"}, {"no_show", "no_show"}, {"tidak_hadir", "no_show"},
    {"batal", "no_show"},    {"dilewati", "no_show"}};

const std::vector<std::pair<std::string, std::string>> k_channels = {
    {"counter", "counter"},   {"loket", "counter"},        {"mpp", "counter"},
    {"outreach", "outreach"}, {"jemput_bola", "outreach"}, {"gerai", "outreach"},
    {"keliling", "outreach"}, {"car_free_day", "outreach"}};

std::string parse_agency_code(const VisitCatalogue& catalogue, const std::string& text)
{
    const std::string code = to_upper(trim(text));
    if (!catalogue.agencies.count(code))
    {
        throw code_not_found("agency", code);
    }
    return code;
}

// `8:02`, `08.02`, `08:02:30`: seconds after local midnight, or none when `text` is not a bare
// time of day.
std::optional<Instant> time_of_day(const std::string& text)
{
    const std::string t = trim(text);
    const std::size_t hour_digits = t.size() > 1 && (t[1] == ':' || t[1] == '.') ? 1 : 2;
    if (t.size() != hour_digits + 3 && t.size() != hour_digits + 6)
    {
        return std::nullopt;
    }
    const char sep = t[hour_digits];
    long long seconds = 0;
    for (std::size_t i = 0, unit = 3600; i < t.size(); i += (i == 0 ? hour_digits : 2) + 1)
    {
        const std::size_t width = i == 0 ? hour_digits : 2;
        const std::string part = t.substr(i, width);
        if ((i > 0 && t[i - 1] != sep) || (sep != ':' && sep != '.') ||
            !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
        {
            return std::nullopt;
        }
        const int value = std::stoi(part);
        if (value > (unit == 3600 ? 23 : 59))
        {
            return std::nullopt;
        }
        seconds += value * static_cast<long long>(unit);
        unit /= 60;
    }
    return Instant{seconds};
}

// A time of a ticket: a full date and time, or a bare time on the row's `date` (import.md
// forms); a bare time without a date column is an error with a hint.
Instant ticket_time(const std::string& text, const std::optional<Date>& date, UtcOffset offset)
{
    const auto seconds = time_of_day(text);
    if (!seconds)
    {
        return parse_when(text, offset).instant;
    }
    if (!date)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' is a time without a date", escape_controls(text)),
                    "add the date column (date, tanggal) or give the date in the value: "
                    "2022-10-24 08:02");
    }
    return local_midnight(*date, offset) + *seconds;
}

// measures.md: called_at not before taken_at, finished_at not before called_at and only with
// it, all three on the same local date.
void check_order(const RawRecord& raw, const Visit& v, UtcOffset offset, FieldProblems& problems)
{
    if (v.called_at && *v.called_at < *v.taken_at)
    {
        problems.push_back({"called_at", fmt::format("{} is before taken_at {}",
                                                     format_local(*v.called_at, offset),
                                                     format_local(*v.taken_at, offset))});
    }
    if (v.finished_at && !v.called_at && !raw.get("called_at"))
    {
        problems.push_back({"finished_at", "needs called_at (a ticket is called before it is "
                                           "served)"});
    }
    if (v.finished_at && v.called_at && *v.finished_at < *v.called_at)
    {
        problems.push_back({"finished_at", fmt::format("{} is before called_at {}",
                                                       format_local(*v.finished_at, offset),
                                                       format_local(*v.called_at, offset))});
    }
    for (const auto& [field, at] :
         {std::pair{"called_at", v.called_at}, std::pair{"finished_at", v.finished_at}})
    {
        if (at && local_date(*at, offset) != v.day)
        {
            problems.push_back({field, fmt::format("{} is not on the day of taken_at ({})",
                                                   format_local(*at, offset), format_date(v.day))});
        }
    }
}

// The time fields of a ticket: parsed, not in the future, in order, on one local date.
void parse_times(const RawRecord& raw, Visit& v, UtcOffset offset, Instant now,
                 FieldProblems& problems)
{
    std::optional<Date> date;
    if (auto text = raw.get("date"))
    {
        date = check_field(problems, "date", [&] { return parse_date(*text, offset); });
        if (!date)
        {
            return;
        }
    }
    auto when = [&](const char* field) -> std::optional<Instant>
    {
        const auto text = raw.get(field);
        if (!text)
        {
            return std::nullopt;
        }
        return check_field(problems, field,
                           [&]
                           {
                               const Instant at = ticket_time(*text, date, offset);
                               check_not_future(at, now, offset);
                               return at;
                           });
    };
    v.taken_at = when("taken_at");
    v.called_at = when("called_at");
    v.finished_at = when("finished_at");
    if (!v.taken_at)
    {
        return;
    }
    v.day = local_date(*v.taken_at, offset);
    check_order(raw, v, offset, problems);
}

// The fields both shapes have: agency, service (of that agency), channel.
void parse_common(const RawRecord& raw, Visit& v, const VisitCatalogue& catalogue,
                  FieldProblems& problems)
{
    if (auto text = raw.get("agency"))
    {
        v.agency =
            check_field(problems, "agency", [&] { return parse_agency_code(catalogue, *text); })
                .value_or("");
        v.agency_id = v.agency.empty() ? 0 : catalogue.agencies.at(v.agency);
    }
    if (auto text = raw.get("service"))
    {
        const std::string code = to_upper(trim(*text));
        const auto it = catalogue.services.find(code);
        if (it == catalogue.services.end())
        {
            problems.push_back({"service", code_not_found("service", code).what()});
        }
        else if (!v.agency.empty() && it->second.second != v.agency)
        {
            problems.push_back({"service", fmt::format("service '{}' belongs to agency '{}', "
                                                       "not '{}'",
                                                       code, it->second.second, v.agency)});
        }
        else
        {
            v.service = code;
            v.service_id = it->second.first;
        }
    }
    if (auto text = raw.get("channel"))
    {
        v.channel = check_field(problems, "channel",
                                [&] {
                                    return parse_choice(*text, k_channels, {"counter", "outreach"});
                                })
                        .value_or("");
    }
}

// A date later than today (an hour of clock skew allowed), shown as a date.
void check_date_not_future(Date d, Instant now, UtcOffset offset)
{
    try
    {
        check_not_future(local_midnight(d, offset), now, offset);
    }
    catch (const Error&)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is in the future (today is {})", format_date(d),
                                format_date(local_date(now, offset))),
                    "check the date and the clock of this machine");
    }
}

// The fields of a tally-sheet row: a date not in the future, a whole count >= 0.
void parse_count(const RawRecord& raw, Visit& v, UtcOffset offset, Instant now,
                 FieldProblems& problems)
{
    if (auto text = raw.get("date"))
    {
        v.day = check_field(problems, "date",
                            [&]
                            {
                                const Date d = parse_date(*text, offset);
                                check_date_not_future(d, now, offset);
                                return d;
                            })
                    .value_or(Date{});
    }
    if (auto text = raw.get("count"))
    {
        v.count =
            check_field(problems, "count", [&] { return parse_integer(*text, 0, k_max_visit_count); })
                .value_or(0);
    }
}

} // namespace

Error code_not_found(const std::string& noun, const std::string& code)
{
    return Error(ErrorKind::invalid_data, fmt::format("{} '{}' not found (see: mpp {} list --all)",
                                                      noun, escape_controls(code), noun));
}

const std::vector<FieldSpec>& visit_fields()
{
    static const std::vector<FieldSpec> k_fields = {
        {"taken_at", false, {"waktu_ambil", "jam_ambil", "waktu_ambil_antrian", "tanggal_ambil"}},
        {"agency", true, {"instansi", "kode_instansi"}},
        {"ticket", false, {"no_antrian", "nomor_antrian", "no_antrean", "nomor_antrean", "tiket"}},
        {"service", false, {"layanan", "kode_layanan", "jenis_layanan"}},
        {"called_at", false, {"waktu_panggil", "jam_panggil"}},
        {"finished_at", false, {"waktu_selesai", "jam_selesai"}},
        {"outcome", false, {"status", "hasil"}},
        {"channel", false, {"kanal", "saluran"}},
        {"date", false, {"tanggal"}},
        {"count", false, {"jumlah", "jumlah_pengunjung", "jumlah_kunjungan"}}};
    return k_fields;
}

VisitCatalogue load_visit_catalogue(SQLite::Database& db)
{
    VisitCatalogue c;
    SQLite::Statement agencies(db, "SELECT code, id FROM agency");
    while (agencies.executeStep())
    {
        c.agencies[agencies.getColumn(0).getString()] = agencies.getColumn(1).getInt64();
    }
    SQLite::Statement services(
        db, "SELECT s.code, s.id, a.code FROM service s JOIN agency a ON a.id = s.agency_id");
    while (services.executeStep())
    {
        c.services[services.getColumn(0).getString()] = {services.getColumn(1).getInt64(),
                                                         services.getColumn(2).getString()};
    }
    return c;
}

std::optional<Visit> parse_visit(const RawRecord& raw, bool ticket_row,
                                 const VisitCatalogue& catalogue, UtcOffset offset, Instant now,
                                 FieldProblems& problems)
{
    const std::size_t before = problems.size();
    Visit v;
    v.ticket_row = ticket_row;
    for (const char* field : ticket_row ? std::vector<const char*>{"taken_at", "agency"}
                                        : std::vector<const char*>{"date", "agency", "count"})
    {
        if (!raw.get(field))
        {
            problems.push_back({field, "is required"});
        }
    }
    parse_common(raw, v, catalogue, problems);
    if (ticket_row)
    {
        v.ticket = optional_text(raw, "ticket", 40, problems);
        if (auto text = raw.get("outcome"))
        {
            v.outcome =
                check_field(problems, "outcome",
                            [&] {
                                return parse_choice(*text, k_outcomes, {"served", "no_show"});
                            })
                    .value_or("");
        }
        parse_times(raw, v, offset, now, problems);
    }
    else
    {
        parse_count(raw, v, offset, now, problems);
    }
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    return v;
}

RawRecord visit_to_raw(const Visit& v, UtcOffset offset)
{
    RawRecord raw;
    auto time = [&](const char* field, const std::optional<Instant>& at)
    { raw.set(field, at ? format_local(*at, offset) : ""); };
    if (v.ticket_row)
    {
        time("taken_at", v.taken_at);
        raw.set("agency", v.agency);
        raw.set("ticket", v.ticket.value_or(""));
        raw.set("service", v.service.value_or(""));
        time("called_at", v.called_at);
        time("finished_at", v.finished_at);
        raw.set("outcome", v.outcome);
        raw.set("channel", v.channel);
        return raw;
    }
    raw.set("date", format_date(v.day));
    raw.set("agency", v.agency);
    raw.set("service", v.service.value_or(""));
    raw.set("channel", v.channel);
    raw.set("count", std::to_string(v.count));
    return raw;
}

std::optional<FieldProblem> visit_repeated(const Visit& v, std::size_t first)
{
    if (!v.ticket_row || v.ticket)
    {
        return std::nullopt;
    }
    return FieldProblem{"", fmt::format("the same as line {}: a file without ticket numbers is "
                                        "keyed by the whole row; export the queue number (ticket) "
                                        "so two visitors in the same minute stay apart",
                                        first)};
}

std::string visit_key(const Visit& v)
{
    auto utc = [](const std::optional<Instant>& at) { return at ? format_utc(*at) : ""; };
    if (!v.ticket_row)
    {
        return fmt::format("{} {} {} {}", format_date(v.day), v.agency, v.service.value_or("-"),
                           v.channel);
    }
    if (v.ticket)
    {
        return fmt::format("{} {} #{}", v.agency, format_date(v.day), *v.ticket);
    }
    return fmt::format("{} {} {} {} {} {} {}", v.agency, utc(v.taken_at), v.service.value_or("-"),
                       utc(v.called_at), utc(v.finished_at), v.outcome, v.channel);
}

} // namespace mpp
