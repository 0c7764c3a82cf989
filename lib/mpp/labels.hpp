#pragma once
// The human labels of mpp's enumerated codes (statuses, kinds, categories, channels), in one
// table: human formats show them under --lang; machine formats keep the codes.
#include <string>
#include <string_view>

namespace mpp
{

// The label of `code` in a vocabulary (`status`, `agency_kind`, `category`, `channel`,
// `complaint_status`, `complaint_channel`, `calendar_kind`, `event`, `level`) in the language
// (`id`, `en`); the code itself when the vocabulary has no such code.
std::string code_label(std::string_view vocabulary, const std::string& code,
                       const std::string& lang);

} // namespace mpp
