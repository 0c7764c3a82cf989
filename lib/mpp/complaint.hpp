#pragma once
// Complaints (pengaduan, measures.md "Complaints"): the record, its lifecycle and history, the
// working-day time limit, the masks of the complainant's data, and the import of LAPOR! exports.
#include "mpp/applicant.hpp"
#include "mpp/audit.hpp"
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/measures.hpp"
#include "mpp/output.hpp"
#include "mpp/settings.hpp"
#include "mpp/workdays.hpp"

#include <SQLiteCpp/Database.h>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// The channels of a complaint, in display order.
const std::vector<std::string>& complaint_channels();
// `lapor`, `counter`, `box`, `phone`, `whatsapp`, `email`, `social` or an Indonesian alias
// (`langsung`, `kotak_saran`, `wa`, `medsos`, …); throws Error(invalid_data).
std::string parse_complaint_channel(std::string_view text);
// `received`, `in_progress`, `resolved`, `rejected` or an Indonesian alias (`diterima`,
// `ditindaklanjuti`, `selesai`, `ditutup`, `ditolak`, …); throws Error(invalid_data) listing them.
std::string parse_complaint_status(std::string_view text);
// Whether a complaint may move from one status to another: received → in_progress, resolved
// (settled on the spot) or rejected; in_progress → resolved or rejected; final ones nowhere.
bool complaint_move_allowed(const std::string& from, const std::string& to);
// Whether the status closes the complaint (resolved, rejected).
inline bool complaint_closed(const std::string& status)
{
    return status == "resolved" || status == "rejected";
}
// A complaint's contact: a mobile or landline number (E.164) or an e-mail address.
std::string parse_complaint_contact(std::string_view text);

// One complaint as stored.
struct Complaint
{
    long long id = 0;
    std::string code; // the source's tracking number, else ADU-{yyyy}{mm}-{seq:04}
    Instant received_at = 0;
    Date received_on;
    std::string channel;
    std::optional<std::string> agency;  // code; none: the MPP itself
    std::optional<std::string> service; // code
    std::string subject;
    std::string status;
    Instant status_at = 0;
    std::optional<Date> closed_on;
    std::optional<std::string> complainant;
    std::optional<std::string> contact;
};

// A complaint to record, validated (check_new_complaint) but not yet stored.
struct NewComplaint
{
    std::optional<std::string> code; // generated when absent
    Instant received_at = 0;
    std::string channel;
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::string subject;
    std::string status = "received";
    std::optional<Instant> status_at; // received_at when absent
    std::optional<std::string> complainant;
    std::optional<std::string> contact;
    std::optional<std::string> note;
};

// The time limit of a complaint judged on a date: due after complaint.sla_days working days
// from the start day of received_at (data.md "SLA", without pauses).
struct ComplaintSla
{
    Date due_on;
    int elapsed = 0;             // working days, up to closed_on when closed
    std::optional<bool> on_time; // resolved ones
    bool overdue = false;        // open and past its due date on the date
};

// The time limit of a complaint as of a date.
ComplaintSla complaint_sla(const Complaint& c, const WorkCalendar& calendar, int sla_days,
                           Date as_of);

// Filters of `complaint list`.
struct ComplaintFilter
{
    std::optional<Date> from; // received_on
    std::optional<Date> to;
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::optional<std::string> status; // a status, or `open` (received or in_progress)
    std::optional<std::string> channel;
    bool overdue = false; // only open ones past their due date (list_complaints)
    std::optional<long long> limit;
};

// The filter as the operator typed it, in stored form: codes upper-cased, status (or `open`)
// and channel by their canonical names (Error(invalid_data) naming the option otherwise).
ComplaintFilter resolve_complaint_filter(ComplaintFilter filter);
// The rules of `complaint list`: `--by` needs the period --from/--to and takes no filter (its
// figures are of every agency and channel); --overdue goes with no status but `open`.
// Throws Error(usage).
void check_complaint_list(const ComplaintFilter& filter, const std::optional<std::string>& by);

// One event of a complaint's history.
struct ComplaintEvent
{
    int seq = 0;
    Instant at = 0;
    std::optional<std::string> from;
    std::string to;
    std::string operator_name;
    std::optional<std::string> note;
};

// Reads and writes complaints; every write appends its events and an audit row in the
// caller's transaction.
class ComplaintStore
{
  public:
    ComplaintStore(SQLite::Database& db, const OfficeSettings& office);
    ~ComplaintStore();
    ComplaintStore(const ComplaintStore&) = delete;
    ComplaintStore& operator=(const ComplaintStore&) = delete;

    // The complaint with this id (case-insensitive), if any.
    std::optional<Complaint> find(const std::string& code);
    // The stored complaint received in the same minute on the same channel with the same subject
    // (a row without an id: a re-downloaded box sheet or WhatsApp log keeps these), if any.
    std::optional<Complaint> find_same(const NewComplaint& c);
    // The complaint with this id; throws Error(not_found).
    Complaint get(const std::string& code);
    // Check a new complaint's rules (agency, service of that agency, times); problems by field.
    void check(NewComplaint& c, Instant now, FieldProblems& problems);
    // Store a checked complaint with its history (and an audit row unless batch_id is set).
    Complaint create(const NewComplaint& c, const Actor& actor, std::optional<long long> batch_id);
    // Move a complaint to a status at a time (legal move, not before the last event, not in
    // the future); throws Error(invalid_data).
    Complaint set_status(const std::string& code, const std::string& status, Instant at,
                         const std::optional<std::string>& note, const Actor& actor,
                         bool audit = true);
    // Update the descriptive fields (subject, channel, agency, service, complainant, contact).
    void update_details(const Complaint& c, long long batch_id);
    // The complaints matching a filter, by received_at.
    std::vector<Complaint> list(const ComplaintFilter& filter);
    // The history of a complaint, oldest first.
    std::vector<ComplaintEvent> history(long long id);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// What `complaint add` is given, as the operator typed it.
struct ComplaintRequest
{
    std::optional<std::string> received_at; // now when absent
    std::string channel;
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::string subject;
    std::optional<std::string> complainant;
    std::optional<std::string> contact;
    std::optional<std::string> note;
};
// Validate and record a new complaint (status received) in one write transaction; `publish`
// gets it before the commit. Throws Error(invalid_data) naming a bad option.
Complaint add_complaint(Database& db, const ComplaintRequest& request, const Actor& actor,
                        const std::function<void(const Complaint&)>& publish);

// What `complaint set-status` is given.
struct ComplaintStatusRequest
{
    std::string code;
    std::string status;            // English or Indonesian
    std::optional<std::string> at; // now when absent; a date alone as for applications
    std::optional<std::string> note;
};
// Move a complaint to a status (audited) in one write transaction.
Complaint change_complaint_status(Database& db, const ComplaintStatusRequest& request,
                                  const Actor& actor);

// The complaints of a filter, by time received; with `overdue`, the open ones past their due
// date on `as_of` (the limit counts those).
std::vector<Complaint> list_complaints(SQLite::Database& db, const OfficeSettings& office,
                                       const WorkCalendar& calendar, ComplaintFilter filter,
                                       Date as_of);

// The local dates of every complaint recomputed at the office's current UTC offset (after
// `db set office.utc_offset`).
void refresh_complaint_dates(SQLite::Database& db);

// The sums per channel for F..L (the `complaint list --by channel` rows).
std::map<std::string, ComplaintSums> complaint_sums_by_channel(SQLite::Database& db,
                                                               const WorkCalendar& calendar,
                                                               int sla_days, Date from, Date to);

// The complaints as a listing (complainant and contact masked unless `unmasked`), with their
// due date and whether they are overdue on `as_of`.
Table complaint_table(const std::vector<Complaint>& complaints, const WorkCalendar& calendar,
                      int sla_days, Date as_of, UtcOffset offset, bool unmasked);
// A complaint's history as a listing.
Table complaint_history_table(const std::vector<ComplaintEvent>& events, UtcOffset offset);
// The figures of F..L per agency (a row per agency with complaints, one for the MPP itself and
// the total) or per channel (`by` = "agency" or "channel"); never any personal data.
Table complaint_figures_table(SQLite::Database& db, const WorkCalendar& calendar, int sla_days,
                              Date from, Date to, const std::string& by);

// The import target of complaint files (measures.md "Complaints", import.md).
class ComplaintImport : public ImportTarget
{
  public:
    ComplaintImport(SQLite::Database& db, Actor actor);
    ~ComplaintImport() override;
    std::string noun() const override { return "complaint"; }
    const std::vector<FieldSpec>& fields() const override;
    void begin(SQLite::Database& db) override;
    void on_header(const std::vector<std::string>& fields, const ImportOptions& options) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;

  private:
    std::optional<NewComplaint> parse(const RawRecord& raw, FieldProblems& problems);
    RowOutcome conflict(const Complaint& stored, NewComplaint& row, const RawRecord& record,
                        long long batch_id, std::size_t line, OnConflict on_conflict,
                        FieldProblems& problems);
    RowOutcome update(const Complaint& stored, const NewComplaint& row, const RawRecord& record,
                      long long batch_id, std::size_t line, FieldProblems& problems);

    SQLite::Database& m_db;
    Actor m_actor;
    std::optional<OfficeSettings> m_office;
    std::unique_ptr<ComplaintStore> m_store;
    KeyTracker m_keys;
};

} // namespace mpp
