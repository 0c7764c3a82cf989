#pragma once
// Output of listing commands: one table model, rendered as table, csv, tsv, json or ndjson.
#include "mpp/csv_writer.hpp"
#include "mpp/output_file.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mpp
{

// How a column's values are typed in machine formats and guarded in CSV.
enum class CellKind
{
    code,      // identifiers mpp validated, dates, E.164 phones: never prefixed
    timestamp, // a local ISO 8601 time: never prefixed; tables show its date alone
    unchecked, // identifiers mpp did not validate into a safe shape (an imported reference, an
               // e-mail address): kept whole in tables, formula-guarded in CSV/TSV
    free_text, // names, notes: formula-guarded in CSV/TSV
    integer,   // a JSON number, right-aligned
    boolean,   // a JSON true/false
    list,      // items joined by '\n': a JSON array; ` | `-separated in CSV, TSV and tables
    money,     // whole Rupiah: a JSON number; `Rp 1.500.000` / `Gratis` in tables
    json,      // a JSON text: embedded as is in JSON, text elsewhere
};

// One column: a stable snake_case key and its human labels.
struct Column
{
    std::string key;
    std::string label_id;
    std::string label_en;
    CellKind kind = CellKind::code;
    bool in_table = true; // false: only in machine formats and record views (keeps tables narrow)
    int drop_rank = 0;    // > 0: left out of a table wider than the terminal, lowest rank first
    std::string_view vocabulary = {}; // non-empty: human formats show code_label()s of it
};

// A cell; absent values are nullopt (JSON null, empty in CSV).
using Cell = std::optional<std::string>;

// Rows of cells under columns.
struct Table
{
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
};

// Rendering choices.
struct RenderOptions
{
    std::string format = "table"; // table, csv, tsv, json, ndjson
    std::string lang = "id";
    bool bom = false;         // UTF-8 BOM for Excel (csv)
    char delimiter = ',';     // csv: `;` also writes decimals with a comma (`84,8`), for Excel
    std::size_t width = 0;    // terminal width for table (0: unlimited)
    bool upper_labels = true; // table headers in capitals
};

// Write every row of the table in the chosen format; returns the labels of the columns left out
// to fit the terminal (see Column::drop_rank).
std::vector<std::string> render_table(std::ostream& out, const Table& table,
                                      const RenderOptions& options);

// Writes the machine formats (csv, tsv, json, ndjson) row by row, so that listings of millions
// of rows need no more memory than one row.
class RowWriter
{
  public:
    RowWriter(std::ostream& out, std::vector<Column> columns, const RenderOptions& options);
    ~RowWriter();
    RowWriter(const RowWriter&) = delete;
    RowWriter& operator=(const RowWriter&) = delete;
    // Write one row (cells in column order).
    void row(const std::vector<Cell>& cells);
    // Close the output (the `]` of json; the header of an empty csv is already written).
    void finish();
    // Whether a format can be streamed (every format but the aligned `table`).
    static bool streams(const std::string& format) { return format != "table"; }

  private:
    std::ostream& m_out;
    Table m_header; // the columns, for the shared cell rendering
    std::string m_format;
    std::size_t m_rows = 0;
    std::unique_ptr<CsvWriter> m_csv; // csv only
};

// Write one record (the first row): a JSON object, or `label: value` lines for people.
void render_record(std::ostream& out, const Table& table, const RenderOptions& options);

// One row as a JSON object (for records with nested parts, such as a history).
std::string json_row(const Table& table, std::size_t row);

// A CSV/TSV text cell with mpp's formula-injection guard applied.
std::string guard_formula(const std::string& text);
// Undo guard_formula on import: drop a `'` before = + - @ TAB CR.
std::string unguard_formula(const std::string& text);

// The data output: stdout, or a file written atomically (AtomicFile: temporary file written
// through its descriptor, then renamed; mode 0600 unless `access` says otherwise).
class OutputSink
{
  public:
    // `path` empty or `-` means stdout.
    explicit OutputSink(const std::string& path, std::ostream& stdout_stream,
                        FileAccess access = {});
    ~OutputSink();
    OutputSink(const OutputSink&) = delete;
    OutputSink& operator=(const OutputSink&) = delete;
    // The stream to write to.
    std::ostream& stream();
    // Flush and, for a file, move it into place; throws Error(io) when writing failed.
    void commit();

  private:
    struct File;
    std::unique_ptr<File> m_file;
    std::ostream& m_stdout;
};

// Whether standard output is a pipe or socket whose reader has gone (`mpp … | head`).
bool stdout_reader_gone() noexcept;

} // namespace mpp
