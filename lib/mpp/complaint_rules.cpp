// The vocabulary of complaints (channels, statuses and their moves), the masks of the
// complainant's data and the working-day time limit.
#include "mpp/applicant.hpp"
#include "mpp/complaint.hpp"
#include "mpp/error.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <fmt/format.h>

namespace mpp
{

const std::vector<std::string>& complaint_channels()
{
    static const std::vector<std::string> k_channels = {"lapor",    "counter", "box",   "phone",
                                                        "whatsapp", "email",   "social"};
    return k_channels;
}

std::string parse_complaint_channel(std::string_view text)
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"lapor", "lapor"},       {"sp4n_lapor", "lapor"},   {"sp4n", "lapor"},
        {"counter", "counter"},   {"langsung", "counter"},   {"loket", "counter"},
        {"box", "box"},           {"kotak_saran", "box"},    {"kotak_pengaduan", "box"},
        {"phone", "phone"},       {"telepon", "phone"},      {"telp", "phone"},
        {"whatsapp", "whatsapp"}, {"wa", "whatsapp"},        {"email", "email"},
        {"surel", "email"},       {"social", "social"},      {"media_sosial", "social"},
        {"medsos", "social"},     {"social_media", "social"}};
    return parse_choice(text, k_choices, complaint_channels());
}

std::string parse_complaint_status(std::string_view text)
{
    // SP4N-LAPOR! and office sheets: a closed (ditutup) complaint is a settled one.
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"received", "received"},
        {"diterima", "received"},
        {"baru", "received"},
        {"menunggu", "received"},
        {"in_progress", "in_progress"},
        {"diproses", "in_progress"},
        {"proses", "in_progress"},
        {"dalam_proses", "in_progress"},
        {"ditindaklanjuti", "in_progress"},
        {"tindak_lanjut", "in_progress"},
        {"resolved", "resolved"},
        {"selesai", "resolved"},
        {"tuntas", "resolved"},
        {"ditutup", "resolved"},
        {"rejected", "rejected"},
        {"ditolak", "rejected"},
        {"tidak_valid", "rejected"}};
    static const std::vector<std::string> k_names = {
        "received (diterima, baru, menunggu)",
        "in_progress (diproses, proses, dalam proses, ditindaklanjuti, tindak lanjut)",
        "resolved (selesai, tuntas, ditutup)", "rejected (ditolak, tidak valid)"};
    return parse_choice(text, k_choices, k_names);
}

bool complaint_move_allowed(const std::string& from, const std::string& to)
{
    if (from == "received")
    {
        return to == "in_progress" || to == "resolved" || to == "rejected";
    }
    if (from == "in_progress")
    {
        return to == "resolved" || to == "rejected";
    }
    return false;
}

std::string parse_complaint_contact(std::string_view text)
{
    // The messages name the problem, never the value: a contact is personal data, and a
    // mistyped one may be a NIK (cli.md: masked in every error message).
    const bool email = text.find('@') != std::string_view::npos;
    try
    {
        return email ? parse_email(text) : parse_any_phone(text);
    }
    catch (const Error& e)
    {
        std::size_t digits = 0;
        for (const char c : text)
        {
            digits += c >= '0' && c <= '9' ? 1 : 0;
        }
        throw Error(ErrorKind::invalid_data,
                    email ? std::string("is not an e-mail address (name@domain)")
                          : fmt::format("is not an Indonesian telephone number ({} digits)",
                                        digits),
                    email ? std::string() : e.hint());
    }
}

ComplaintSla complaint_sla(const Complaint& c, const WorkCalendar& calendar, int sla_days,
                           Date as_of)
{
    ComplaintSla v;
    const Date start = calendar.start_day(c.received_on);
    v.due_on = calendar.due_on(start, sla_days, 0);
    if (c.closed_on)
    {
        v.elapsed = calendar.elapsed(start, *c.closed_on, 0);
        if (c.status == "resolved")
        {
            v.on_time = *c.closed_on <= v.due_on;
        }
        return v;
    }
    v.elapsed = calendar.elapsed(start, as_of, 0);
    v.overdue = as_of > v.due_on;
    return v;
}

} // namespace mpp
