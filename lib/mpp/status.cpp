#include "mpp/status.hpp"

#include "mpp/labels.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace mpp
{
namespace
{

const std::vector<std::pair<std::string, std::string>>& status_choices()
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"submitted", "submitted"},     {"diterima", "submitted"},     {"verified", "verified"},
        {"berkas_lengkap", "verified"}, {"terverifikasi", "verified"}, {"processing", "processing"},
        {"diproses", "processing"},     {"proses", "processing"},      {"returned", "returned"},
        {"dikembalikan", "returned"},   {"perbaikan", "returned"},     {"completed", "completed"},
        {"selesai", "completed"},       {"terbit", "completed"},       {"disetujui", "completed"},
        {"rejected", "rejected"},       {"ditolak", "rejected"},       {"cancelled", "cancelled"},
        {"canceled", "cancelled"},      {"dibatalkan", "cancelled"},   {"batal", "cancelled"}};
    return k_choices;
}

} // namespace

const std::vector<std::string>& application_statuses()
{
    static const std::vector<std::string> k_all = {
        "submitted", "verified", "processing", "returned", "completed", "rejected", "cancelled"};
    return k_all;
}

std::string parse_status(std::string_view text)
{
    return parse_choice(text, status_choices(), application_statuses());
}

const std::vector<std::string>& allowed_moves(const std::string& from)
{
    static const std::map<std::string, std::vector<std::string>> k_moves = {
        {"submitted", {"verified", "returned", "processing", "completed", "rejected", "cancelled"}},
        {"verified", {"processing", "returned", "completed", "rejected", "cancelled"}},
        {"processing", {"returned", "completed", "rejected", "cancelled"}},
        {"returned", {"submitted", "verified", "processing", "cancelled"}}};
    static const std::vector<std::string> k_none;
    const auto it = k_moves.find(from);
    return it == k_moves.end() ? k_none : it->second;
}

bool is_final_status(const std::string& status)
{
    return status == "completed" || status == "rejected" || status == "cancelled";
}

std::string status_label(const std::string& status, const std::string& lang)
{
    return code_label("status", status, lang);
}

std::string parse_channel(std::string_view text)
{
    static const std::vector<std::pair<std::string, std::string>> k_choices = {
        {"counter", "counter"}, {"loket", "counter"},     {"online", "online"},
        {"daring", "online"},   {"outreach", "outreach"}, {"jemput_bola", "outreach"}};
    return parse_choice(text, k_choices, application_channels());
}

const std::vector<std::string>& application_channels()
{
    static const std::vector<std::string> k_channels = {"counter", "online", "outreach"};
    return k_channels;
}

} // namespace mpp
