#include "mpp/repair.hpp"

#include "mpp/application.hpp"
#include "mpp/json.hpp"
#include "mpp/tally.hpp"
#include "mpp/visit.hpp"

namespace mpp
{

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
        r.findings = check_tallies(db.sql());
        for (std::string& f : check_visit_tallies(db.sql()))
        {
            r.findings.push_back(std::move(f));
        }
        r.repairable = !r.findings.empty();
        return r;
    }
    // Checked again inside the write transaction, so that what is rebuilt is what was wrong.
    WriteTransaction tx(db);
    std::vector<std::string> tallies = check_tallies(db.sql());
    const std::vector<std::string> visits = check_visit_tallies(db.sql());
    if (tallies.empty() && visits.empty())
    {
        return r;
    }
    std::string rebuilt = "[";
    if (!tallies.empty())
    {
        refresh_application_dates(db.sql());
        r.rebuilt = {"report tallies", "application dates"};
        rebuilt += "\"report tallies\",\"application dates\"";
    }
    if (!visits.empty())
    {
        rebuild_visit_tallies(db.sql());
        r.rebuilt.push_back("visit tallies");
        rebuilt += std::string(tallies.empty() ? "" : ",") + "\"visit tallies\"";
    }
    tallies.insert(tallies.end(), visits.begin(), visits.end());
    append_audit(db.sql(), actor,
                 AuditEntry{"repair", "database", std::nullopt,
                            JsonObject()
                                .add_raw("rebuilt", rebuilt + "]")
                                .add("problems", static_cast<long long>(tallies.size()))
                                .add("first_problem", tallies.front().c_str())
                                .str(),
                            std::nullopt});
    tx.commit();
    return r;
}

} // namespace mpp
