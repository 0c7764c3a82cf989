#pragma once
// Report tallies (schema 4): per service and local day, the additive figures of reports.md,
// kept in the same transaction as every change to an application, so that a report over any
// period sums a few small rows instead of visiting millions of applications.
#include "mpp/application.hpp"
#include "mpp/calendar.hpp"

#include <SQLiteCpp/Database.h>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace mpp
{

// Days [from, until) on which an open application is overdue: every day, or only the days that
// are not working days (a stay in `returned` begun on the due date itself).
struct OverdueSpan
{
    Date from;
    std::optional<Date> until; // still overdue while open when absent
    bool off_days_only = false;

    bool operator==(const OverdueSpan&) const = default;
};

// The days on which an application is open and overdue (data.md: D > due_on, with an open
// stay in `returned` counted up to D), from its stays in `returned`, whichever day D is.
std::vector<OverdueSpan> overdue_spans(const Application& app, const std::vector<Pause>& stays,
                                       const WorkCalendar& calendar);

// Changes to the tallies, gathered in memory and written in one go (an import of a million
// rows touches a few thousand tally rows).
class Tally
{
  public:
    Tally() = default;
    // A copy has its own look-up index (the index points into the map it belongs to).
    Tally(const Tally& other) : m_days(other.m_days), m_elapsed(other.m_elapsed) {}
    Tally& operator=(const Tally& other);
    Tally(Tally&&) noexcept = default;
    Tally& operator=(Tally&&) noexcept = default;
    ~Tally() = default;
    // Add (sign +1) or take away (-1) what an application counts for, given its stays.
    void add(const Application& app, const std::vector<Pause>& stays, const WorkCalendar& calendar,
             int sign);
    // An application received on `day` moved from one channel to another (sign +1 for `to`).
    void add_channel(long long service_id, Date on, const std::string& channel, int sign);
    // A completed application's fee changed.
    void add_fee(long long service_id, Date decided_on, long long delta);
    // Add the gathered changes to the tables, then forget them.
    void flush(SQLite::Database& db);
    bool empty() const { return m_days.empty() && m_elapsed.empty(); }
    // The differences between these (complete) tallies and the stored ones, for `db check`.
    std::vector<std::string> compare(SQLite::Database& db) const;

  private:
    struct Day
    {
        long long received = 0;
        long long completed = 0;
        long long rejected = 0;
        long long cancelled = 0;
        long long on_time = 0;
        long long fees = 0;
        long long overdue = 0;
        long long overdue_off_days = 0;
        long long received_counter = 0; // received by channel (schema 8)
        long long received_online = 0;
        long long received_outreach = 0;

        bool operator==(const Day&) const = default;
    };
    std::map<std::pair<long long, int>, Day> m_days;                // (service, day)
    std::map<std::tuple<int, long long, int>, long long> m_elapsed; // (day, service, elapsed)
    // Where each (service, day) of m_days lives: one hashed look-up per row instead of a walk
    // down a tree of tens of thousands of days (a cache miss per level on a large import).
    struct KeyHash
    {
        std::size_t operator()(const std::pair<long long, int>& k) const noexcept
        {
            return std::hash<long long>()(k.first * 1000003 + k.second);
        }
    };
    std::unordered_map<std::pair<long long, int>, Day*, KeyHash> m_index;
    Day& day(long long service_id, Date date);
};

// The tallies of every application, computed from the stored applications and histories.
Tally compute_tallies(SQLite::Database& db, const WorkCalendar& calendar);

// Replace the stored tallies with freshly computed ones (after a calendar or setting change,
// on migration to schema 4, and for `db check --repair`).
void rebuild_tallies(SQLite::Database& db, const WorkCalendar& calendar);

// What `db check` finds wrong with the stored tallies (empty when they agree).
std::vector<std::string> check_tallies(SQLite::Database& db);

} // namespace mpp
