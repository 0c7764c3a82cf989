#pragma once
// The SKM survey (measures.md "Satisfaction survey"): anonymous responses imported from the
// survey form's export, their tallies (schema 7) and the listing of `survey list`.
#include "mpp/db.hpp"
#include "mpp/import.hpp"
#include "mpp/measures.hpp"
#include "mpp/output.hpp"

#include <SQLiteCpp/Statement.h>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace mpp
{

// One respondent's answers (already validated).
struct SurveyResponse
{
    Date surveyed_on;
    long long agency_id = 0;
    std::optional<long long> service_id; // nullopt: the response names only the agency
    std::array<std::optional<int>, k_unsur> unsur{};
    std::optional<std::string> gender; // L or P
    std::optional<long long> age;
    std::optional<std::string> education;
    std::optional<std::string> occupation;
    std::optional<std::string> suggestion;
};

// The columns of a survey file (import.md "Columns", measures.md).
const std::vector<FieldSpec>& survey_fields();

// An answer: `1`–`4` or the form's letter `a`–`d` (a = 1); throws Error(invalid_data).
int parse_unsur_score(const std::string& text);

// The unsur a form's question heads (folded: `u1_bagaimana…`, `unsur_3_…`; u1 to u9, never
// u10), as `u1`; "" for any other header.
std::string unsur_of_header(const std::string& folded);

// The office's local date of a Google Forms timestamp `2022/10/24 10:01:02 AM GMT+8` (at the
// offset it names), or nullopt when the text has another shape.
std::optional<Date> parse_form_timestamp(const std::string& text, UtcOffset office);

// `L`/`P` (also `laki-laki`, `pria`, `perempuan`, `wanita`); throws Error(invalid_data).
std::string parse_gender(const std::string& text);

// Why a column (folded) may never be in a survey file: a personal field (nik, nama, no_hp…).
std::optional<std::string> personal_column(const std::string& folded);

// The import target for survey files: every row inserts; its tally is kept in the same
// transaction.
class SurveyImport : public ImportTarget
{
  public:
    SurveyImport(SQLite::Database& db, Actor actor);
    ~SurveyImport() override;
    std::string noun() const override { return "survey"; }
    const std::vector<FieldSpec>& fields() const override { return survey_fields(); }
    void begin(SQLite::Database& db) override;
    RowOutcome apply(const RawRecord& record, std::size_t line, long long batch_id,
                     OnConflict on_conflict, FieldProblems& problems) override;
    void on_header(const std::vector<std::string>& fields, const ImportOptions& options) override;
    std::optional<std::string> load_once_hint() const override;
    std::string field_of_header(const std::string& folded) const override
    {
        return unsur_of_header(folded);
    }
    std::optional<std::string> refused_column(const std::string& folded) const override
    {
        return personal_column(folded);
    }
    void before_commit() override;

  private:
    struct Owner; // the agency and service a response is about
    std::optional<SurveyResponse> parse(const RawRecord& raw, FieldProblems& problems);
    std::optional<Owner> owner_of(const RawRecord& raw, FieldProblems& problems);
    bool find_service(const std::string& code, Owner& owner, std::string& agency,
                      FieldProblems& problems);
    void insert(const SurveyResponse& r, long long batch_id, std::size_t line);

    SQLite::Database& m_db;
    Actor m_actor;
    UtcOffset m_offset;
    std::unique_ptr<SQLite::Statement> m_insert;
    std::unique_ptr<SQLite::Statement> m_service;
    std::unique_ptr<SQLite::Statement> m_agency;
    // (day, agency_id, service_id or 0) -> the sums added by this import
    std::map<std::tuple<int, long long, long long>, SurveySums> m_tally; // see SurveyTally
};

// Survey sums by (local day, agency id, service id or 0).
using SurveyTally = std::map<std::tuple<int, long long, long long>, SurveySums>;

// Add sums to survey_tally (in the caller's transaction).
void add_survey_tallies(SQLite::Database& db, const SurveyTally& tally);

// Filters of `survey list`.
struct SurveyFilter
{
    std::optional<Date> from;
    std::optional<Date> to;
    std::optional<std::string> agency;
    std::optional<std::string> service;
    std::optional<long long> limit;
};

// The responses a filter selects, by date then id, as a table (anonymous: nothing to mask).
Table survey_table(SQLite::Database& db, const SurveyFilter& filter);

// What `db check` finds wrong with survey_tally against the responses (empty when they agree).
std::vector<std::string> check_survey_tallies(SQLite::Database& db);

// Replace survey_tally with the sums of the stored responses (`db check --repair`).
void rebuild_survey_tallies(SQLite::Database& db);

} // namespace mpp
