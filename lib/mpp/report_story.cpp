#include "mpp/report_story.hpp"

#include "mpp/applicant.hpp"
#include "mpp/status.hpp"
#include "mpp/text.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>

namespace mpp
{
namespace
{

std::string count_text(long long value, const std::string& lang)
{
    return human_number(std::to_string(value), false, lang);
}

std::string decimal_text(double value, int places, const std::string& lang)
{
    return human_number(fmt::format("{:.{}f}", value, places), false, lang);
}

} // namespace

Date year_before(Date date)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    return *make_date(y - 1, m, 1);
}

namespace
{

Column text_column(const std::string& key, const std::string& id, const std::string& en)
{
    return {key, id, en, CellKind::free_text};
}

Column number_column(const std::string& key, const std::string& id, const std::string& en)
{
    return {key, id, en, CellKind::integer};
}

// A measure of an earlier month, absent when that month has no data (or not that measure).
template <typename T> std::optional<T> earlier(const std::optional<Headline>& h, T Headline::*field)
{
    return h ? std::optional<T>((*h).*field) : std::nullopt;
}

template <typename T>
std::optional<T> earlier(const std::optional<Headline>& h, std::optional<T> Headline::*field)
{
    return h ? (*h).*field : std::nullopt;
}

// The rows of the headline box: a measure this month and its changes from a month and a year
// earlier.
struct HeadlineRows
{
    const HeadlineBox& box;
    const std::string& lang;
    std::vector<std::vector<Cell>>& rows;

    void count(const char* id, const char* en, long long Headline::*field)
    {
        const long long now = box.current.*field;
        rows.push_back({lang == "en" ? en : id, count_text(now, lang),
                        count_change(now, earlier(box.previous_month, field), lang),
                        count_change(now, earlier(box.previous_year, field), lang)});
    }

    // A count the office may not record (visits, complaints): left out when it has none.
    void recorded(const char* id, const char* en, std::optional<long long> Headline::*field)
    {
        const auto now = box.current.*field;
        if (now)
        {
            rows.push_back({lang == "en" ? en : id, count_text(*now, lang),
                            count_change(*now, earlier(box.previous_month, field), lang),
                            count_change(*now, earlier(box.previous_year, field), lang)});
        }
    }

    // A decimal (`–` when absent this month), or left out when `recorded_only`.
    void decimal(const char* id, const char* en, std::optional<double> Headline::*field, int places,
                 bool recorded_only)
    {
        const auto now = box.current.*field;
        if (now || !recorded_only)
        {
            rows.push_back({lang == "en" ? en : id, now ? decimal_text(*now, places, lang) : "–",
                            decimal_change(now, earlier(box.previous_month, field), places, lang),
                            decimal_change(now, earlier(box.previous_year, field), places, lang)});
        }
    }
};

} // namespace

std::string count_change(long long now, const std::optional<long long>& before,
                         const std::string& lang)
{
    if (!before)
    {
        return {};
    }
    const long long diff = now - *before;
    if (diff == 0)
    {
        return "=";
    }
    const long long size = diff < 0 ? -diff : diff;
    std::string text = fmt::format("{} {}", diff > 0 ? "▲" : "▼", count_text(size, lang));
    if (*before > 0)
    {
        const double pct = round1(100.0 * static_cast<double>(size) / static_cast<double>(*before));
        text += fmt::format(fmt::runtime(lang == "en" ? " ({}{}%)" : " ({}{} %)"),
                            diff > 0 ? '+' : '-', decimal_text(pct, 1, lang));
    }
    return text;
}

std::string decimal_change(const std::optional<double>& now, const std::optional<double>& before,
                           int places, const std::string& lang)
{
    if (!now || !before)
    {
        return {};
    }
    const double scale = std::pow(10.0, places);
    const long long diff = std::llround(*now * scale) - std::llround(*before * scale);
    if (diff == 0)
    {
        return "=";
    }
    const long long size = diff < 0 ? -diff : diff;
    return fmt::format("{} {}", diff > 0 ? "▲" : "▼",
                       decimal_text(static_cast<double>(size) / scale, places, lang));
}

std::string short_month_name(Date date, const std::string& lang)
{
    const std::string full = month_name(date, lang);
    return full.substr(0, 3) + full.substr(full.find(' '));
}

std::string long_date(Date date, const std::string& lang)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    return fmt::format("{} {}", d, month_name(date, lang));
}

std::string report_title(const PeriodReport& r, const ReportStyle& s)
{
    const bool en = s.lang == "en";
    const std::string kind = en ? (s.monthly ? "Monthly service report" : "Service report")
                                : (s.monthly ? "Laporan bulanan pelayanan" : "Laporan pelayanan");
    const std::string office = fmt::format("{} ({})", r.office_name, r.office_code);
    for (const AgencyLine& a : r.agencies)
    {
        if (r.agency && a.code == *r.agency)
        {
            return fmt::format("{} — {} ({}) · {}", kind, a.name, a.code, office);
        }
    }
    return fmt::format("{} — {}", kind, office);
}

Table headline_table(const PeriodReport& r, const std::string& lang)
{
    const std::string now = month_name(r.from, lang);
    const std::string month = month_name(Date{r.from.days - 1}, lang);
    const std::string year = month_name(year_before(r.from), lang);
    Table t;
    t.columns = {text_column("measure", "Ukuran", "Measure"), number_column("value", now, now),
                 number_column("vs_month", "dibanding " + month, "vs " + month),
                 number_column("vs_year", "dibanding " + year, "vs " + year)};
    HeadlineRows rows{*r.headline, lang, t.rows};
    rows.count("Diterima", "Received", &Headline::received);
    rows.count("Diputus", "Decided", &Headline::decided);
    rows.decimal("% tepat waktu", "On time %", &Headline::on_time_pct, 1, false);
    rows.count("Masih diproses di akhir bulan", "Open at the end of the month", &Headline::open);
    rows.count("Lewat tempo di akhir bulan", "Overdue at the end of the month", &Headline::overdue);
    rows.recorded("Kunjungan", "Visits", &Headline::visits);
    rows.decimal("Nilai IKM", "IKM score", &Headline::ikm_converted, 2, true);
    rows.recorded("Pengaduan terbuka", "Open complaints", &Headline::complaints_open);
    return t;
}

Table channel_table(const PeriodReport& r, const std::string& lang)
{
    Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 text_column("agency", "Instansi", "Agency"),
                 number_column("received_counter", "Loket", "Counter"),
                 number_column("received_online", "Daring", "Online"),
                 number_column("received_outreach", "Jemput bola", "Outreach"),
                 number_column("received", "Jumlah", "Total")};
    auto add = [&](const Cell& code, const std::string& name, const Figures& f)
    {
        t.rows.push_back({code, name, count_text(f.received_counter, lang),
                          count_text(f.received_online, lang),
                          count_text(f.received_outreach, lang), count_text(f.received, lang)});
    };
    for (const AgencyLine& a : r.agencies)
    {
        add(a.code, a.name, a.totals);
    }
    if (!r.agency)
    {
        add(std::nullopt, lang == "en" ? "TOTAL MPP" : "JUMLAH MPP", r.totals);
    }
    return t;
}

Table trend_table(const PeriodReport& r, const std::string& lang)
{
    Table t;
    t.columns = {text_column("month", "Bulan", "Month"),
                 number_column("received", "Diterima", "Received"),
                 number_column("decided", "Diputus", "Decided"),
                 number_column("on_time_pct", "% tepat waktu", "On time %")};
    for (const TrendMonth& m : r.trend)
    {
        t.rows.push_back({short_month_name(m.month, lang), count_text(m.received, lang),
                          count_text(m.decided, lang),
                          m.on_time_pct ? decimal_text(*m.on_time_pct, 1, lang) : ""});
    }
    return t;
}

Table overdue_people_table(const PeriodReport& r, const std::string& lang)
{
    std::map<std::string, std::string> names; // service code -> name
    for (const AgencyLine& a : r.agencies)
    {
        for (const ServiceLine& s : a.services)
        {
            names[s.code] = s.name;
        }
    }
    Table t;
    t.columns = {{"reference", "Nomor", "Reference", CellKind::code},
                 text_column("service", "Layanan", "Service"),
                 text_column("applicant", "Pemohon", "Applicant"),
                 {"nik", "NIK", "NIK", CellKind::code},
                 {"status", "Status", "Status", CellKind::code},
                 {"submitted", "Diterima", "Submitted", CellKind::code, true, 1},
                 {"due", "Jatuh tempo", "Due", CellKind::code},
                 number_column("days", "Hari lewat", "Days overdue")};
    for (const OverdueLine& l : r.overdue_list)
    {
        const Application& a = l.application;
        const auto name = names.find(a.service);
        t.rows.push_back({a.reference, name != names.end() ? name->second : a.service,
                          a.applicant_name, mask_nik(a.nik), status_label(a.status, lang),
                          format_date(a.submitted_on), format_date(l.due_on),
                          count_text(l.days_overdue, lang)});
    }
    return t;
}

std::string block_title(const PeriodReport& r, const std::string& block, const std::string& lang)
{
    const bool en = lang == "en";
    if (block == "headline")
    {
        return en ? "At a glance" : "Ringkasan";
    }
    if (block == "channels")
    {
        return en ? "Received by channel" : "Permohonan diterima menurut saluran";
    }
    if (block == "trend")
    {
        return en ? "Twelve months" : "Dua belas bulan terakhir";
    }
    const long long n = static_cast<long long>(r.overdue_list.size()) + r.overdue_more;
    return fmt::format(fmt::runtime(en ? "Overdue on {}: {}" : "Lewat tempo per {}: {}"),
                       long_date(r.to, lang), count_text(n, lang));
}

std::string overdue_more_line(const PeriodReport& r, const std::string& lang)
{
    if (r.overdue_more <= 0)
    {
        return {};
    }
    return fmt::format(fmt::runtime(lang == "en"
                                        ? "… and {} more: mpp report overdue --as-of {}"
                                        : "… dan {} lainnya: mpp report overdue --as-of {}"),
                       count_text(r.overdue_more, lang), format_date(r.to));
}

std::vector<std::string> signature_lines(const PeriodReport& r, const ReportStyle& s)
{
    const Signature& sig = r.signature;
    if (sig.name.empty())
    {
        return {};
    }
    std::vector<std::string> lines;
    const std::string day =
        s.generated_at ? long_date(local_date(*s.generated_at, s.offset), s.lang) : std::string();
    lines.push_back(sig.place.empty() || day.empty() ? sig.place + day : sig.place + ", " + day);
    lines.push_back(sig.title);
    lines.insert(lines.end(), 3, std::string());
    lines.push_back(sig.name);
    if (!sig.nip.empty())
    {
        lines.push_back("NIP " + sig.nip);
    }
    return lines;
}

} // namespace mpp
