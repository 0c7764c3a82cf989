// The vocabulary of complaints (channels, statuses and their moves), the masks of the
// complainant's data and the working-day time limit.
#include "mpp/applicant.hpp"
#include "mpp/complaint.hpp"
#include "mpp/error.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

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
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"received", "received"},       {"diterima", "received"},    {"baru", "received"},
        {"in_progress", "in_progress"}, {"diproses", "in_progress"}, {"proses", "in_progress"},
        {"resolved", "resolved"},       {"selesai", "resolved"},     {"rejected", "rejected"},
        {"ditolak", "rejected"},        {"tidak_valid", "rejected"}};
    return parse_choice(text, k_choices, {"received", "in_progress", "resolved", "rejected"});
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
    if (text.find('@') != std::string_view::npos)
    {
        return parse_email(text);
    }
    return parse_any_phone(text);
}

std::string mask_name(const std::string& name)
{
    std::string out;
    bool word_start = true;
    std::size_t i = 0;
    while (i < name.size())
    {
        // One code point: its lead byte and the continuation bytes after it.
        std::size_t n = 1;
        while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80)
        {
            ++n;
        }
        if (name[i] == ' ')
        {
            out += ' ';
            word_start = true;
        }
        else
        {
            out += word_start ? name.substr(i, n) : std::string("*");
            word_start = false;
        }
        i += n;
    }
    return out;
}

std::string mask_contact(const std::string& contact)
{
    const std::size_t at = contact.find('@');
    if (at == std::string::npos)
    {
        return mask_phone(contact);
    }
    return contact.substr(0, std::min<std::size_t>(at, 1)) + "***" + contact.substr(at);
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
