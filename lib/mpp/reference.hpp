#pragma once
// Application references from `reference.template` (data.md "References").
#include "mpp/datetime.hpp"
#include "mpp/settings.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// Makes references from `reference.template`; the sequence runs per key (the template
// expanded without {seq}).
class ReferenceMaker
{
  public:
    ReferenceMaker(const OfficeSettings& office);
    // The key and the text around {seq} for an application submitted on a local date.
    struct Parts
    {
        std::string prefix;
        std::string suffix;
        int width = 1;
    };
    Parts parts(Date submitted_on, const std::string& agency, const std::string& service) const;

  private:
    std::string m_template;
    std::string m_office;
};

// The numbered sequences of `reference_seq` (application references, generated complaint ids):
// the next number of a key not already taken, and given numbers raising their key.
class Sequence
{
  public:
    // A number is taken when `SELECT 1 FROM {table} WHERE {column} = ?` finds its text.
    Sequence(SQLite::Database& db, std::string table, std::string column);
    // prefix + the next number of key (zero-padded to width) + suffix, skipping taken texts;
    // raises the key to that number.
    std::string next(const std::string& key, const std::string& prefix, int width,
                     const std::string& suffix);
    // Raise key to at least value (a given id of the generated form, so none collides).
    void raise(const std::string& key, long long value);

  private:
    SQLite::Database& m_db;
    std::string m_taken_sql;
    std::unique_ptr<SQLite::Statement> m_taken;
    std::unique_ptr<SQLite::Statement> m_get;
    std::unique_ptr<SQLite::Statement> m_set;
};

// Which of the stored spellings of a reference typed in any case (CaseWalk) is meant: the one given
// exactly, else the only one (nullopt when none); throws Error(invalid_data) when two stored
// references differ only in case and neither is the one given.
std::optional<std::size_t> pick_spelling(const std::vector<std::string>& found,
                                         std::string_view typed);

} // namespace mpp
