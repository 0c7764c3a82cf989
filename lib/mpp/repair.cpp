#include "mpp/repair.hpp"

#include "mpp/application.hpp"
#include "mpp/json.hpp"
#include "mpp/survey.hpp"
#include "mpp/tally.hpp"

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
        for (auto& f : check_survey_tallies(db.sql()))
        {
            r.findings.push_back(std::move(f));
        }
        r.repairable = !r.findings.empty();
        return r;
    }
    // Checked again inside the write transaction, so that what is rebuilt is what was wrong.
    WriteTransaction tx(db);
    std::vector<std::string> tallies = check_tallies(db.sql());
    const std::vector<std::string> survey = check_survey_tallies(db.sql());
    if (!survey.empty())
    {
        rebuild_survey_tallies(db.sql());
    }
    tallies.insert(tallies.end(), survey.begin(), survey.end());
    if (tallies.empty())
    {
        return r;
    }
    refresh_application_dates(db.sql());
    r.rebuilt = {"report tallies", "application dates"};
    append_audit(db.sql(), actor,
                 AuditEntry{"repair", "database", std::nullopt,
                            JsonObject()
                                .add_raw("rebuilt", "[\"report tallies\",\"application dates\"]")
                                .add("problems", static_cast<long long>(tallies.size()))
                                .add("first_problem", tallies.front().c_str())
                                .str(),
                            std::nullopt});
    tx.commit();
    return r;
}

} // namespace mpp
