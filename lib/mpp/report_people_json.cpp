#include "mpp/applicant.hpp"
#include "mpp/json.hpp"
#include "mpp/report_measures.hpp"
#include "mpp/report_people.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

std::string number_json(const std::optional<double>& value, int places)
{
    const Cell cell = decimal_cell(value, places);
    return cell ? *cell : "null";
}

std::string count_json(const std::optional<long long>& value)
{
    return value ? std::to_string(*value) : "null";
}

// `{received, decided, on_time_pct, open, overdue, visits, ikm_converted, complaints_open}`.
std::string headline_json(const Headline& h, const std::string& more)
{
    return fmt::format(
        "{{\"received\":{},\"decided\":{},\"on_time_pct\":{},\"open\":{},"
        "\"overdue\":{},\"visits\":{},\"ikm_converted\":{},\"complaints_open\":{}{}}}",
        h.received, h.decided, number_json(h.on_time_pct, 1), h.open, h.overdue,
        count_json(h.visits), number_json(h.ikm_converted, 2), count_json(h.complaints_open), more);
}

std::string earlier_json(const std::optional<Headline>& h)
{
    return h ? headline_json(*h, "") : "null";
}

std::string trend_json(const std::vector<TrendMonth>& trend)
{
    std::string out = "[";
    for (const TrendMonth& t : trend)
    {
        out +=
            fmt::format("{}{{\"month\":\"{}\",\"received\":{},\"decided\":{},\"on_time_pct\":{}}}",
                        out.size() > 1 ? "," : "", format_date(t.month).substr(0, 7), t.received,
                        t.decided, number_json(t.on_time_pct, 1));
    }
    return out + "]";
}

std::string overdue_json(const PeriodReport& r)
{
    if (!r.overdue_listed)
    {
        return ",\"overdue_list\":null,\"overdue_more\":null";
    }
    std::string out = ",\"overdue_list\":[";
    for (std::size_t i = 0; i < r.overdue_list.size(); ++i)
    {
        const OverdueLine& l = r.overdue_list[i];
        const Application& a = l.application;
        out += (i ? "," : "") +
               JsonObject()
                   .add("reference", a.reference.c_str())
                   .add("agency", a.agency.c_str())
                   .add("service", a.service.c_str())
                   .add("nik", mask_nik(a.nik).c_str())
                   .add("status", a.status.c_str())
                   .add("submitted_at", format_local(a.submitted_at, r.offset).c_str())
                   .add("due_on", format_date(l.due_on).c_str())
                   .add("days_overdue", static_cast<long long>(l.days_overdue))
                   .str();
    }
    return out + "],\"overdue_more\":" + std::to_string(r.overdue_more);
}

} // namespace

std::vector<Cell> channel_cells(const Figures& f)
{
    return {std::to_string(f.received_counter), std::to_string(f.received_online),
            std::to_string(f.received_outreach)};
}

std::string channels_json(const Figures& f)
{
    return fmt::format("\"received_counter\":{},\"received_online\":{},\"received_outreach\":{}",
                       f.received_counter, f.received_online, f.received_outreach);
}

std::string people_json(const PeriodReport& r)
{
    std::string out = r.agency ? ",\"agency\":" + json_quote(*r.agency) : "";
    if (!r.headline)
    {
        return out;
    }
    const HeadlineBox& box = *r.headline;
    out += ",\"headline\":" +
           headline_json(box.current, ",\"previous_month\":" + earlier_json(box.previous_month) +
                                          ",\"previous_year\":" + earlier_json(box.previous_year));
    return out + ",\"trend\":" + trend_json(r.trend) + overdue_json(r);
}

} // namespace mpp
