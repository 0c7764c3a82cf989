#pragma once
// Inside the import driver (not a public interface): the header mapped to fields, the rejects
// file, and one pass over the rows of a file.
#include "mpp/import.hpp"
#include "mpp/output.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mpp::detail
{

// Column index of each field, and the columns that are ignored.
struct HeaderMap
{
    std::vector<std::string> field_of_column; // empty: ignored column
    std::size_t width = 0;
    bool error_column = false; // the last column is the `error` column of an mpp rejects file
};

// Map the header's columns to the target's fields (aliases, --map; `--map SOURCE=` drops a
// column); throws Error for a missing, unknown, doubled or refused column.
HeaderMap map_header(const ImportTarget& target, const CsvRecord& header,
                     const ImportOptions& options, const std::string& file);

// Writes rejected rows as they were read, with their problem in an `error` column (mode 0600,
// atomic), in the input's dialect so that Excel opens it as it opened the input. A rejects file
// imported again keeps its one `error` column, holding the new problem.
class RejectsWriter
{
  public:
    RejectsWriter(const std::string& path, const CsvRecord& header, const CsvDialect& dialect,
                  bool error_column)
        : m_sink(path, m_unused), m_csv(m_sink.stream(), dialect), m_error_column(error_column)
    {
        write(header.fields, "error", header.fields.size());
    }
    // Write a row as read with its problem; `width` is the header's number of columns.
    void write(std::vector<std::string> fields, const std::string& error, std::size_t width)
    {
        if (m_error_column && fields.size() == width)
        {
            fields.pop_back(); // the problem found last time
        }
        fields.push_back(error);
        m_csv.write(fields);
    }
    void commit() { m_sink.commit(); }

  private:
    std::ostream m_unused{nullptr};
    OutputSink m_sink;
    CsvWriter m_csv;
    bool m_error_column;
};

// One import's pass over the rows of a file: each row validated and handed to the target, the
// problems kept and counted, rejected rows written out.
class ImportRun
{
  public:
    ImportRun(CsvReader& reader, ImportTarget& target, const ImportOptions& options)
        : m_reader(reader), m_target(target), m_options(options)
    {
        m_result.file = reader.name();
        m_result.dry_run = options.dry_run;
    }
    ~ImportRun() { m_target.describe_changes_in(nullptr); } // m_change goes with the run
    ImportRun(const ImportRun&) = delete;
    ImportRun& operator=(const ImportRun&) = delete;
    ImportResult& result() { return m_result; }
    void read_header();
    void read_rows(long long batch_id);
    void commit_rejects()
    {
        if (m_rejects)
        {
            m_rejects->commit();
        }
    }

  private:
    RowOutcome apply_row(const CsvRecord& rec, long long batch_id, std::vector<Diagnostic>& diags);
    void count(const CsvRecord& rec, RowOutcome outcome, std::vector<Diagnostic>& diags);
    void finish();

    CsvReader& m_reader;
    ImportTarget& m_target;
    const ImportOptions& m_options;
    ImportResult m_result;
    CsvRecord m_header;
    HeaderMap m_map;
    std::optional<RejectsWriter> m_rejects;
    RawRecord m_raw;
    FieldProblems m_problems;
    RowChange m_change; // the row's change, when collect_changes
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

} // namespace mpp::detail
