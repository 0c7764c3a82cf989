#pragma once
// The application's status vocabulary: the lifecycle of data.md, its labels, and the channels.
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// The statuses of data.md, in lifecycle order.
const std::vector<std::string>& application_statuses();
// An English or Indonesian status name (`diterima`, `selesai`, …); throws Error(invalid_data).
std::string parse_status(std::string_view text);
// The statuses a status may move to (empty for final ones).
const std::vector<std::string>& allowed_moves(const std::string& from);
// Whether the status ends the application (completed, rejected, cancelled).
bool is_final_status(const std::string& status);
// The Indonesian (or English) label of a status: `Berkas Lengkap`.
std::string status_label(const std::string& status, const std::string& lang);
// The channels of an application: counter, online, outreach.
const std::vector<std::string>& application_channels();
// `counter`, `online` or `outreach` (also loket, daring, jemput_bola).
std::string parse_channel(std::string_view text);

} // namespace mpp
