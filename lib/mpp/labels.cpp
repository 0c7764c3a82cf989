#include "mpp/labels.hpp"

#include <array>

namespace mpp
{
namespace
{

struct Label
{
    std::string_view vocabulary;
    std::string_view code;
    std::string_view id;
    std::string_view en;
};

// data.md and measures.md name the codes; the Indonesian labels follow their wording.
constexpr std::array k_labels = {
    Label{"status", "submitted", "Diterima", "Submitted"},
    Label{"status", "verified", "Berkas Lengkap", "Verified"},
    Label{"status", "processing", "Diproses", "Processing"},
    Label{"status", "returned", "Dikembalikan (perbaikan)", "Returned for correction"},
    Label{"status", "completed", "Selesai", "Completed"},
    Label{"status", "rejected", "Ditolak", "Rejected"},
    Label{"status", "cancelled", "Dibatalkan", "Cancelled"},
    Label{"agency_kind", "regional", "Perangkat Daerah", "Regional government"},
    Label{"agency_kind", "vertical", "Instansi Vertikal", "Vertical agency"},
    Label{"agency_kind", "soe", "BUMN", "State-owned enterprise"},
    Label{"agency_kind", "rsoe", "BUMD", "Regional enterprise"},
    Label{"agency_kind", "bank", "Bank", "Bank"},
    Label{"agency_kind", "msme", "UMKM", "MSME"},
    Label{"agency_kind", "private", "Swasta", "Private"},
    Label{"category", "business_permit", "Perizinan berusaha", "Business permit"},
    Label{"category", "non_business_permit", "Perizinan non-berusaha", "Non-business permit"},
    Label{"category", "non_permit", "Non-perizinan", "Non-permit service"},
    Label{"category", "civil_registry", "Administrasi kependudukan", "Civil registry"},
    Label{"category", "payment", "Pembayaran", "Payment"},
    Label{"category", "information", "Informasi", "Information"},
    Label{"channel", "counter", "Loket", "Counter"},
    Label{"channel", "online", "Daring", "Online"},
    Label{"channel", "outreach", "Jemput bola", "Outreach"},
    Label{"complaint_status", "received", "Diterima", "Received"},
    Label{"complaint_status", "in_progress", "Diproses", "In progress"},
    Label{"complaint_status", "resolved", "Selesai", "Resolved"},
    Label{"complaint_status", "rejected", "Ditolak", "Rejected"},
    Label{"complaint_channel", "lapor", "SP4N-LAPOR!", "SP4N-LAPOR!"},
    Label{"complaint_channel", "counter", "Langsung", "In person"},
    Label{"complaint_channel", "box", "Kotak saran", "Suggestion box"},
    Label{"complaint_channel", "phone", "Telepon", "Phone"},
    Label{"complaint_channel", "whatsapp", "WhatsApp", "WhatsApp"},
    Label{"complaint_channel", "email", "Surel", "Email"},
    Label{"complaint_channel", "social", "Media sosial", "Social media"},
    Label{"calendar_kind", "national", "Libur nasional", "National holiday"},
    Label{"calendar_kind", "collective_leave", "Cuti bersama", "Collective leave"},
    Label{"calendar_kind", "regional", "Libur daerah", "Regional holiday"},
    Label{"calendar_kind", "closure", "Kantor tutup", "Office closed"},
    Label{"event", "status", "Perubahan status", "Status change"},
    Label{"event", "corrected", "Koreksi", "Correction"},
    Label{"event", "voided", "Dianulir", "Voided"},
    Label{"event", "unvoided", "Anulir dicabut", "Unvoided"},
    Label{"level", "service", "Layanan", "Service"},
    Label{"level", "agency", "Instansi", "Agency"},
    Label{"level", "mpp", "MPP", "MPP"},
    Label{"level", "total", "Jumlah", "Total"},
};

} // namespace

std::string code_label(std::string_view vocabulary, const std::string& code,
                       const std::string& lang)
{
    for (const Label& l : k_labels)
    {
        if (l.vocabulary == vocabulary && l.code == code)
        {
            return std::string(lang == "en" ? l.en : l.id);
        }
    }
    return code;
}

} // namespace mpp
