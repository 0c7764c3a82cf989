// Writing CSV in a dialect: the rejects file as its input was, and output for Excel.
#include "mpp/csv_writer.hpp"

#include "mpp/csv.hpp"
#include "mpp/error.hpp"
#include "mpp/text.hpp"

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <iconv.h>

namespace mpp
{
namespace
{

iconv_t as_iconv(void* cd)
{
    return static_cast<iconv_t>(cd);
}

// The byte order mark that starts a file in this dialect, if any.
std::string bom_bytes(const CsvDialect& d)
{
    if (d.encoding == "UTF-16LE")
    {
        return "\xFF\xFE";
    }
    if (d.encoding == "UTF-16BE")
    {
        return "\xFE\xFF";
    }
    return d.bom && d.encoding == "UTF-8" ? "\xEF\xBB\xBF" : "";
}

} // namespace

const std::vector<std::string>& delimiter_names()
{
    static const std::vector<std::string> k_names = {",", ";", "tab", "|"};
    return k_names;
}

char parse_delimiter(const std::string& text, const std::string& option)
{
    if (text.empty())
    {
        return 0;
    }
    if (text == "\\t" || text == "\t")
    {
        return '\t';
    }
    const auto& names = delimiter_names();
    if (std::find(names.begin(), names.end(), text) != names.end())
    {
        return text == "tab" ? '\t' : text[0];
    }
    throw Error(ErrorKind::usage,
                fmt::format("{} '{}': expected , ; tab or |", option, escape_controls(text)));
}

CsvWriter::CsvWriter(std::ostream& out, CsvDialect dialect)
    : m_out(out), m_dialect(std::move(dialect))
{
    if (m_dialect.encoding != "UTF-8")
    {
        // Text a legacy code page cannot hold (an arrow in a problem message) is transliterated.
        const std::string to = m_dialect.encoding + "//TRANSLIT";
        iconv_t cd = ::iconv_open(to.c_str(), "UTF-8");
        if (cd == reinterpret_cast<iconv_t>(-1)) // NOLINT(performance-no-int-to-ptr)
        {
            throw Error(ErrorKind::internal,
                        fmt::format("cannot write text as {}", m_dialect.encoding));
        }
        m_iconv = cd;
    }
}

CsvWriter::~CsvWriter()
{
    if (m_iconv != nullptr)
    {
        ::iconv_close(as_iconv(m_iconv));
    }
}

void CsvWriter::put(const std::string& text)
{
    if (m_iconv == nullptr)
    {
        m_out << text;
        return;
    }
    std::string in = text;
    char* src = in.data();
    std::size_t src_left = in.size();
    char buffer[4096];
    while (src_left > 0)
    {
        char* dst = buffer;
        std::size_t dst_left = sizeof(buffer);
        const std::size_t rc = ::iconv(as_iconv(m_iconv), &src, &src_left, &dst, &dst_left);
        m_out.write(buffer, static_cast<std::streamsize>(dst - buffer));
        if (rc == static_cast<std::size_t>(-1) && errno != E2BIG)
        {
            // A byte that is not UTF-8 (a rejected row's own bad byte): written as `?`.
            ++src;
            --src_left;
            put("?");
        }
    }
}

void CsvWriter::write(const std::vector<std::string>& fields)
{
    if (!m_started)
    {
        m_started = true;
        m_out << bom_bytes(m_dialect);
        if (m_dialect.sep_line)
        {
            put(fmt::format("sep={}\r\n", m_dialect.delimiter));
        }
    }
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i)
    {
        line += i > 0 ? std::string(1, m_dialect.delimiter) : std::string();
        line += csv_quote(fields[i], m_dialect.delimiter);
    }
    put(line + "\r\n");
}

} // namespace mpp
