#include "mpp/repair.hpp"

#include "mpp/application.hpp"
#include "mpp/calendar_change.hpp"
#include "mpp/json.hpp"
#include "mpp/survey.hpp"
#include "mpp/tally.hpp"
#include "mpp/visit.hpp"

namespace mpp
{
namespace
{

// Each kind of stored tally: how `db check` recomputes it and how --repair rebuilds it.
struct TallyKind
{
    std::vector<std::string> names; // what the repair rebuilds, for the result and the audit
    std::vector<std::string> (*check)(SQLite::Database&);
    void (*rebuild)(SQLite::Database&);
};

const std::vector<TallyKind>& tally_kinds()
{
    static const std::vector<TallyKind> k_kinds = {
        // The application tallies are rebuilt with the stored dates they derive from.
        {{"report tallies", "application dates"}, check_dates_and_tallies,
         refresh_application_dates},
        {{"visit tallies"}, check_visit_tallies, rebuild_visit_tallies},
        {{"survey tallies"}, check_survey_tallies, rebuild_survey_tallies}};
    return k_kinds;
}

std::string names_json(const std::vector<std::string>& names)
{
    std::string out = "[";
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        out += (i ? "," : "") + json_quote(names[i]);
    }
    return out + "]";
}

} // namespace

CheckResult check_and_repair(Database& db, const Actor& actor, bool repair)
{
    CheckResult r;
    r.findings = check_database(db);
    if (!r.findings.empty())
    {
        return r;
    }
    if (!repair)
    {
        for (const TallyKind& kind : tally_kinds())
        {
            for (std::string& f : kind.check(db.sql()))
            {
                r.findings.push_back(std::move(f));
            }
        }
        r.repairable = !r.findings.empty();
        return r;
    }
    // Checked again inside the write transaction, so that what is rebuilt is what was wrong.
    WriteTransaction tx(db);
    std::vector<std::string> problems;
    for (const TallyKind& kind : tally_kinds())
    {
        const std::vector<std::string> found = kind.check(db.sql());
        if (found.empty())
        {
            continue;
        }
        kind.rebuild(db.sql());
        problems.insert(problems.end(), found.begin(), found.end());
        for (const std::string& name : kind.names)
        {
            r.rebuilt.push_back(name);
        }
    }
    if (problems.empty())
    {
        return r;
    }
    append_audit(db.sql(), actor,
                 AuditEntry{"repair", "database", std::nullopt,
                            JsonObject()
                                .add_raw("rebuilt", names_json(r.rebuilt))
                                .add("problems", static_cast<long long>(problems.size()))
                                .add("first_problem", problems.front().c_str())
                                .str(),
                            std::nullopt});
    tx.commit();
    return r;
}

} // namespace mpp
