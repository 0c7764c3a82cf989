#pragma once
// The streaming CSV reader shared by every import (import.md, "Reading").
#include "mpp/csv_writer.hpp"
#include "mpp/error.hpp"
#include "mpp/sha256.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace mpp
{

// The encodings --encoding names: utf-8, cp1252, latin1.
const std::vector<std::string>& csv_encodings();

// How to read a CSV file.
struct CsvOptions
{
    char delimiter = 0;             // 0: detect from the header line
    std::string encoding = "utf-8"; // one of csv_encodings() (UTF-16 with a BOM is detected)
    std::size_t max_field = std::size_t{64} * 1024;
    std::size_t max_record = std::size_t{1024} * 1024;
};

// One record as read.
struct CsvRecord
{
    std::vector<std::string> fields;
    std::size_t line = 0;              // physical line where the record starts
    std::optional<Diagnostic> problem; // a problem confined to this record (invalid UTF-8)
    // Whether every field is empty (blank lines, Excel's trailing ;;;;).
    bool blank() const;
};

// Reads RFC 4180 records from a file or stdin with constant memory.
class CsvReader
{
  public:
    // Open a file by path (`-` is stdin). Throws Error(not_found) when it cannot be read.
    CsvReader(const std::string& path, CsvOptions options);
    // Read from an open descriptor (closed by the reader only when it owns it); `name` is used
    // in messages.
    CsvReader(int fd, std::string name, CsvOptions options, bool owns_fd = false);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Read the next record; false at the end. Throws Error(invalid_data) with a place for
    // problems that stop reading (unterminated quote, oversized field, undecodable byte).
    bool next(CsvRecord& record);
    // The delimiter in use (known after the first record).
    char delimiter() const { return m_delimiter; }
    // The file's delimiter, encoding, BOM and `sep=` line (known after the first record), so a
    // file written back opens as this one did.
    CsvDialect dialect() const;
    // The name used in messages.
    const std::string& name() const { return m_name; }
    // Bytes of the file read so far, and its size when known (0 otherwise).
    std::uint64_t bytes_read() const { return m_bytes_read; }
    std::uint64_t total_bytes() const { return m_total_bytes; }
    // SHA-256 of the raw bytes; call after next() returned false.
    std::string sha256_hex();
    // Throws Error(not_found, exit 66) when the file was truncated, grown or replaced while it
    // was read (compares device, inode, size and mtime at the start, through the descriptor
    // and by name, and the bytes read); call after next() returned false.
    void check_unchanged() const;

    // A regular file's identity and state.
    struct FileIdentity
    {
        dev_t dev = 0;
        ino_t ino = 0;
        std::int64_t mtime_sec = 0;
        std::int64_t mtime_nsec = 0;
        std::uint64_t size = 0;
        bool operator==(const FileIdentity&) const = default;
    };

  private:
    struct Decoder;
    bool fill();
    void start();
    void refuse_workbook(std::string_view head) const;
    void detect_delimiter();
    bool read_field(std::string& field, std::size_t column, std::size_t& record_size);
    [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& message,
                           const std::string& hint = {});

    int m_fd = -1;
    bool m_owns_fd = false;
    std::string m_name;
    CsvOptions m_options;
    std::unique_ptr<Decoder> m_decoder;
    Sha256 m_sha;
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    char m_delimiter = 0;
    std::string m_encoding = "UTF-8"; // of the raw bytes, as an iconv name
    bool m_bom = false;               // a UTF-8 BOM was removed
    bool m_sep_line = false;          // Excel's `sep=;` line named the delimiter
    std::size_t m_line = 1;
    std::uint64_t m_bytes_read = 0;
    std::uint64_t m_total_bytes = 0;
    std::optional<FileIdentity> m_identity; // regular files only
    std::string m_path;                     // the name it was opened by (not stdin)
};

// A reader over text held in memory (an in-memory file, so the reader works unchanged).
std::unique_ptr<CsvReader> csv_reader_for_text(const std::string& text, const std::string& name,
                                               CsvOptions options);

// Quote a field for CSV output when needed (RFC 4180).
std::string csv_quote(const std::string& field, char delimiter = ',');

} // namespace mpp
