#pragma once
// Writing CSV the way a reader found it (import.md "Applying": the rejects file keeps the input's
// delimiter, encoding and BOM) or as an output option asks (cli.md "Output": --delimiter, --bom).
#include <ostream>
#include <string>
#include <vector>

namespace mpp
{

// The shape of a CSV file: what the reader found in the input, or what an output asks for.
struct CsvDialect
{
    char delimiter = ',';
    std::string encoding = "UTF-8"; // an iconv name: UTF-8, CP1252, ISO-8859-1, UTF-16LE, UTF-16BE
    bool bom = false;               // UTF-8 only (UTF-16 always starts with its BOM)
    bool sep_line = false;          // Excel's `sep=;` first line
};

// The names of the delimiters an option may give: , ; tab |.
const std::vector<std::string>& delimiter_names();

// The delimiter named by an option: `,` `;` `|` or `tab` (also `\t` or a TAB); 0 for an empty
// text; throws Error(usage) for anything else.
char parse_delimiter(const std::string& text, const std::string& option = "--delimiter");

// Writes RFC 4180 records in a dialect: fields quoted for its delimiter, CRLF line ends, text
// converted from UTF-8 to its encoding, its BOM (and `sep=` line) before the first record.
class CsvWriter
{
  public:
    CsvWriter(std::ostream& out, CsvDialect dialect);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // Write one record (fields as UTF-8 text, unquoted).
    void write(const std::vector<std::string>& fields);
    // The dialect written.
    const CsvDialect& dialect() const { return m_dialect; }

  private:
    void put(const std::string& text);

    std::ostream& m_out;
    CsvDialect m_dialect;
    void* m_iconv = nullptr; // iconv_t when the encoding is not UTF-8
    bool m_started = false;
};

} // namespace mpp
