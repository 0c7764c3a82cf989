#include "mpp/csv.hpp"

#include "mpp/text.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <iconv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mpp
{
namespace
{
constexpr std::size_t k_chunk = std::size_t{64} * 1024;
} // namespace

const std::vector<std::string>& csv_encodings()
{
    static const std::vector<std::string> k_names = {"utf-8", "cp1252", "latin1"};
    return k_names;
}

// Turns raw bytes into UTF-8: pass-through, or iconv from cp1252, latin1 or UTF-16.
struct CsvReader::Decoder
{
    iconv_t cd = reinterpret_cast<iconv_t>(-1); // NOLINT(performance-no-int-to-ptr)
    std::string from;
    std::string pending; // bytes of an incomplete sequence carried to the next chunk

    explicit Decoder(const std::string& source) : from(source)
    {
        cd = ::iconv_open("UTF-8", source.c_str());
    }
    ~Decoder()
    {
        if (cd != reinterpret_cast<iconv_t>(-1)) // NOLINT(performance-no-int-to-ptr)
        {
            ::iconv_close(cd);
        }
    }
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    // Appends the decoded text of in to out; returns false on an undecodable byte.
    bool decode(const char* data, std::size_t size, std::string& out, unsigned char& bad)
    {
        pending.append(data, size);
        char* in = pending.data();
        std::size_t in_left = pending.size();
        char buffer[4 * k_chunk];
        while (in_left > 0)
        {
            char* o = buffer;
            std::size_t o_left = sizeof(buffer);
            const std::size_t rc = ::iconv(cd, &in, &in_left, &o, &o_left);
            out.append(buffer, static_cast<std::size_t>(o - buffer));
            if (rc == static_cast<std::size_t>(-1))
            {
                if (errno == E2BIG)
                {
                    continue;
                }
                if (errno == EINVAL)
                {
                    break; // incomplete sequence: wait for more bytes
                }
                bad = static_cast<unsigned char>(*in);
                return false;
            }
        }
        pending.erase(0, pending.size() - in_left);
        return true;
    }
};

bool CsvRecord::blank() const
{
    for (const auto& f : fields)
    {
        if (!trim(f).empty())
        {
            return false;
        }
    }
    return true;
}

CsvReader::CsvReader(const std::string& path, CsvOptions options)
    : m_name(path == "-" ? "<stdin>" : path), m_options(std::move(options))
{
    if (path == "-")
    {
        m_fd = 0;
    }
    else
    {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
        {
            throw Error(ErrorKind::not_found,
                        fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
        }
        m_owns_fd = true;
    }
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) == 0)
    {
        if (S_ISDIR(st.st_mode))
        {
            throw Error(ErrorKind::not_found,
                        fmt::format("cannot read '{}': it is a folder", path));
        }
        m_total_bytes = S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
        if (S_ISREG(st.st_mode))
        {
            m_identity = FileIdentity{st.st_dev, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                                      m_total_bytes};
            m_path = path == "-" ? std::string() : path;
        }
    }
}

namespace
{
// What a regular file is now, by descriptor or (when fd < 0) by name.
std::optional<CsvReader::FileIdentity> identity_now(int fd, const std::string& path)
{
    struct stat st
    {
    };
    if ((fd >= 0 ? ::fstat(fd, &st) : ::stat(path.c_str(), &st)) != 0)
    {
        return std::nullopt;
    }
    return CsvReader::FileIdentity{st.st_dev, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                                   static_cast<std::uint64_t>(st.st_size)};
}
} // namespace

void CsvReader::check_unchanged() const
{
    if (!m_identity)
    {
        return; // a pipe or stdin from a terminal: nothing to compare
    }
    const bool same = identity_now(m_fd, {}) == m_identity && m_bytes_read == m_identity->size &&
                      (m_path.empty() || identity_now(-1, m_path) == m_identity);
    if (!same)
    {
        throw Error(ErrorKind::not_found,
                    fmt::format("'{}' changed while it was read (truncated, grown or replaced); "
                                "nothing was imported",
                                m_name),
                    "import it again once it is complete");
    }
}

CsvReader::CsvReader(int fd, std::string name, CsvOptions options, bool owns_fd)
    : m_fd(fd), m_owns_fd(owns_fd), m_name(std::move(name)), m_options(std::move(options))
{
}

std::unique_ptr<CsvReader> csv_reader_for_text(const std::string& text, const std::string& name,
                                               CsvOptions options)
{
    const int fd = ::memfd_create(name.c_str(), MFD_CLOEXEC);
    if (fd < 0)
    {
        throw Error(ErrorKind::io,
                    fmt::format("cannot hold '{}' in memory: {}", name, std::strerror(errno)));
    }
    std::size_t done = 0;
    while (done < text.size())
    {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
        {
            ::close(fd);
            throw Error(ErrorKind::io, fmt::format("cannot hold '{}' in memory", name));
        }
        done += static_cast<std::size_t>(n);
    }
    ::lseek(fd, 0, SEEK_SET);
    return std::make_unique<CsvReader>(fd, name, std::move(options), true);
}

CsvReader::~CsvReader()
{
    if (m_owns_fd)
    {
        ::close(m_fd);
    }
}

void CsvReader::fail(std::size_t line, std::size_t column, const std::string& message,
                     const std::string& hint)
{
    throw Error(ErrorKind::invalid_data, Place{m_name, line, column}, message, hint);
}

bool CsvReader::fill()
{
    if (m_eof)
    {
        return false;
    }
    if (m_pos > 0 && m_pos >= m_buf.size() / 2)
    {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    char chunk[k_chunk];
    ssize_t n = 0;
    do
    {
        n = ::read(m_fd, chunk, sizeof(chunk));
    } while (n < 0 && errno == EINTR);
    if (n < 0)
    {
        throw Error(ErrorKind::io,
                    fmt::format("cannot read '{}': {}", m_name, std::strerror(errno)));
    }
    if (n == 0)
    {
        m_eof = true;
        if (m_decoder && !m_decoder->pending.empty())
        {
            fail(m_line, 0, fmt::format("the file ends inside a {} character", m_decoder->from));
        }
        return false;
    }
    const auto size = static_cast<std::size_t>(n);
    m_sha.update(chunk, size);
    m_bytes_read += size;
    if (!m_decoder)
    {
        m_buf.append(chunk, size);
        return true;
    }
    const std::size_t before = m_buf.size();
    unsigned char bad = 0;
    if (!m_decoder->decode(chunk, size, m_buf, bad))
    {
        std::size_t line = m_line;
        for (std::size_t i = m_pos; i < m_buf.size(); ++i)
        {
            line += m_buf[i] == '\n' ? 1 : 0;
        }
        fail(line, 0, fmt::format("byte 0x{:02X} is not valid {}", bad, m_decoder->from),
             "check the file's encoding (--encoding utf-8|cp1252|latin1)");
    }
    return m_buf.size() > before || fill();
}

void CsvReader::start()
{
    m_started = true;
    // Read enough raw bytes to see a BOM before choosing the decoder.
    char head[4] = {};
    std::size_t got = 0;
    while (got < sizeof(head))
    {
        const ssize_t n = ::read(m_fd, head + got, sizeof(head) - got);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    m_sha.update(head, got);
    m_bytes_read += got;
    const std::string enc = to_lower(m_options.encoding);
    const std::string_view h(head, got);
    refuse_workbook(h);
    std::string_view rest = h;
    if (h.substr(0, 2) == "\xFF\xFE" || h.substr(0, 2) == "\xFE\xFF")
    {
        m_decoder = std::make_unique<Decoder>(h[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
        rest.remove_prefix(2);
    }
    else if (enc == "cp1252" || enc == "windows-1252")
    {
        m_decoder = std::make_unique<Decoder>("CP1252");
    }
    else if (enc == "latin1" || enc == "iso-8859-1")
    {
        m_decoder = std::make_unique<Decoder>("ISO-8859-1");
    }
    else if (enc != "utf-8" && enc != "utf8")
    {
        throw Error(ErrorKind::usage,
                    fmt::format("unknown encoding '{}' (expected {})",
                                escape_controls(m_options.encoding), join(csv_encodings(), ", ")));
    }
    if (!m_decoder && rest.substr(0, 3) == "\xEF\xBB\xBF")
    {
        rest.remove_prefix(3);
        m_bom = true;
    }
    if (m_decoder)
    {
        m_encoding = m_decoder->from;
        unsigned char bad = 0;
        if (!m_decoder->decode(rest.data(), rest.size(), m_buf, bad))
        {
            fail(1, 0, fmt::format("byte 0x{:02X} is not valid {}", bad, m_decoder->from));
        }
    }
    else
    {
        m_buf.append(rest);
    }
    if (m_buf.compare(0, 3, "\xEF\xBB\xBF") == 0)
    {
        m_buf.erase(0, 3);
    }
    detect_delimiter();
}

void CsvReader::detect_delimiter()
{
    // Make sure the whole header line is in the buffer.
    while (m_buf.find('\n') == std::string::npos && m_buf.size() < m_options.max_record && fill())
    {
    }
    if (m_buf.compare(0, 4, "sep=") == 0 && m_buf.size() >= 5 && m_buf[5 - 1] != '\n')
    {
        // Excel's "sep=;" first line names the delimiter.
        m_delimiter = m_buf[4];
        m_sep_line = true;
        const std::size_t eol = m_buf.find('\n');
        m_pos = eol == std::string::npos ? m_buf.size() : eol + 1;
        m_line = 2;
        return;
    }
    if (m_options.delimiter != 0)
    {
        m_delimiter = m_options.delimiter;
        return;
    }
    std::size_t counts[4] = {};
    const char candidates[4] = {',', ';', '\t', '|'};
    bool quoted = false;
    for (std::size_t i = 0; i < m_buf.size(); ++i)
    {
        const char c = m_buf[i];
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (!quoted && (c == '\n' || c == '\r'))
        {
            break;
        }
        for (std::size_t k = 0; k < 4 && !quoted; ++k)
        {
            counts[k] += c == candidates[k] ? 1 : 0;
        }
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < 4; ++k)
    {
        best = counts[k] > counts[best] ? k : best;
    }
    m_delimiter = candidates[best];
}

void CsvReader::refuse_workbook(std::string_view head) const
{
    const bool xlsx = head == std::string_view("PK\x03\x04", 4);
    if (xlsx || head == "\xD0\xCF\x11\xE0")
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} is an Excel workbook ({}), not CSV: in Excel use File → "
                                "Save As → CSV UTF-8 (Comma delimited) and import that file",
                                escape_controls(m_name), xlsx ? ".xlsx" : ".xls"));
    }
}

CsvDialect CsvReader::dialect() const
{
    return CsvDialect{m_delimiter, m_encoding, m_bom, m_sep_line};
}

// Reads one field at m_pos; returns true when the record goes on after it.
bool CsvReader::read_field(std::string& field, std::size_t column, std::size_t& record_size)
{
    field.clear();
    auto need = [&]() { return m_pos < m_buf.size() || fill(); };
    auto check_size = [&](std::size_t line)
    {
        if (field.size() > m_options.max_field)
        {
            fail(line, column,
                 fmt::format("field is longer than {} KiB", m_options.max_field / 1024),
                 "is a quote left open, or the wrong file?");
        }
        if (record_size + field.size() > m_options.max_record)
        {
            fail(line, column,
                 fmt::format("record is longer than {} KiB", m_options.max_record / 1024),
                 "is a quote left open, or the wrong file?");
        }
    };
    if (need() && m_buf[m_pos] == '"')
    {
        const std::size_t open_line = m_line;
        ++m_pos;
        while (true)
        {
            if (!need())
            {
                fail(open_line, column,
                     "unterminated quoted field: the quote opened here is never closed");
            }
            const std::size_t quote = m_buf.find('"', m_pos);
            const std::size_t end = quote == std::string::npos ? m_buf.size() : quote;
            for (std::size_t i = m_pos; i < end; ++i)
            {
                const char c = m_buf[i];
                if (c == '\n')
                {
                    ++m_line;
                    if (!field.empty() && field.back() == '\r')
                    {
                        field.back() = '\n';
                        continue;
                    }
                }
                field += c;
            }
            m_pos = end;
            check_size(open_line);
            if (quote == std::string::npos)
            {
                continue;
            }
            ++m_pos; // past the quote
            if (!need())
            {
                break;
            }
            if (m_buf[m_pos] == '"')
            {
                field += '"';
                ++m_pos;
                continue;
            }
            break;
        }
        while (need() && m_buf[m_pos] == ' ')
        {
            ++m_pos;
        }
        if (need() && m_buf[m_pos] != m_delimiter && m_buf[m_pos] != '\n' && m_buf[m_pos] != '\r')
        {
            fail(m_line, column,
                 fmt::format("unexpected '{}' after a closing quote",
                             escape_controls(std::string(1, m_buf[m_pos]))),
                 "a quote inside a quoted field must be doubled (\"\")");
        }
    }
    else
    {
        while (need())
        {
            std::size_t i = m_pos;
            const std::size_t n = m_buf.size();
            while (i < n && m_buf[i] != m_delimiter && m_buf[i] != '\n' && m_buf[i] != '\r')
            {
                ++i;
            }
            field.append(m_buf, m_pos, i - m_pos);
            m_pos = i;
            check_size(m_line);
            if (i < n)
            {
                break;
            }
        }
    }
    record_size += field.size() + 1; // and its delimiter: a line of commas is a long record
    if (!need())
    {
        return false;
    }
    const char c = m_buf[m_pos++];
    if (c == m_delimiter)
    {
        return true;
    }
    if (c == '\r' && need() && m_buf[m_pos] == '\n')
    {
        ++m_pos;
    }
    ++m_line;
    return false;
}

bool CsvReader::next(CsvRecord& record)
{
    if (!m_started)
    {
        start();
    }
    if (m_pos >= m_buf.size() && !fill())
    {
        return false;
    }
    record.line = m_line;
    record.problem.reset();
    std::size_t count = 0;
    std::size_t record_size = 0;
    bool more = true;
    while (more)
    {
        if (count == record.fields.size())
        {
            record.fields.emplace_back();
        }
        more = read_field(record.fields[count], count + 1, record_size);
        ++count;
    }
    record.fields.resize(count);
    std::size_t line = record.line;
    for (std::size_t k = 0; k < count && !record.problem; ++k)
    {
        const std::string& f = record.fields[k];
        if (const auto bad = invalid_utf8_at(f))
        {
            for (std::size_t i = 0; i < *bad; ++i)
            {
                line += f[i] == '\n' ? 1 : 0;
            }
            record.problem = Diagnostic{
                Place{m_name, line, k + 1},
                fmt::format("byte 0x{:02X} is not valid UTF-8 (the file may be Windows-1252: "
                            "try --encoding cp1252)",
                            static_cast<unsigned char>(f[*bad]))};
        }
        for (const char c : f)
        {
            line += c == '\n' ? 1 : 0;
        }
    }
    return true;
}

std::string CsvReader::sha256_hex()
{
    return m_sha.hex();
}

std::string csv_quote(const std::string& field, char delimiter)
{
    if (field.find_first_of(std::string("\"\r\n") + delimiter) == std::string::npos)
    {
        return field;
    }
    std::string out = "\"";
    for (const char c : field)
    {
        out += c;
        if (c == '"')
        {
            out += '"';
        }
    }
    out += '"';
    return out;
}

} // namespace mpp
