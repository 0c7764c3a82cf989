// Writing CSV in a dialect: the rejects file as its input was, and output for Excel.
#include "mpp/csv_writer.hpp"
#include "mpp/error.hpp"

#include <doctest/doctest.h>
#include <sstream>

using mpp::CsvDialect;
using mpp::CsvWriter;

namespace
{
std::string written(const CsvDialect& dialect, const std::vector<std::vector<std::string>>& rows)
{
    std::ostringstream out;
    CsvWriter writer(out, dialect);
    for (const auto& row : rows)
    {
        writer.write(row);
    }
    return out.str();
}
} // namespace

TEST_CASE("UTF-8 without BOM by default, CRLF, quoted for its own delimiter")
{
    CHECK(written({}, {{"a", "b;c"}, {"x,y", "\"q\""}}) == "a,b;c\r\n\"x,y\",\"\"\"q\"\"\"\r\n");
    CHECK(written({';', "UTF-8", false, false}, {{"a", "b;c"}, {"x,y", "z"}}) ==
          "a;\"b;c\"\r\nx,y;z\r\n");
    CHECK(written({'\t', "UTF-8", false, false}, {{"a b", "c\td"}}) == "a b\t\"c\td\"\r\n");
}

TEST_CASE("a UTF-8 BOM and a sep= line come once, before the first record")
{
    CHECK(written({';', "UTF-8", true, false}, {{"a", "b"}, {"1", "2"}}) == "\xEF\xBB\xBF"
                                                                            "a;b\r\n1;2\r\n");
    CHECK(written({'|', "UTF-8", false, true}, {{"a", "b"}}) == "sep=|\r\na|b\r\n");
    CHECK(written({';', "UTF-8", true, false}, {}).empty()); // nothing written, no BOM
}

TEST_CASE("text goes back to the input's encoding: cp1252, latin1, UTF-16 with its BOM")
{
    CHECK(written({';', "CP1252", false, false},
                  {{"Jos\xC3\xA9", "\xE2\x80\x9CUcok\xE2\x80\x9D"}}) == "Jos\xE9;\x93Ucok\x94\r\n");
    CHECK(written({',', "ISO-8859-1", false, false}, {{"Jos\xC3\xA9"}}) == "Jos\xE9\r\n");
    // A character the code page lacks is transliterated, never dropped silently.
    const std::string arrow = written({',', "ISO-8859-1", false, false}, {{"a \xE2\x86\x92 b"}});
    CHECK(arrow.find("a ") == 0);
    CHECK(arrow.size() > 6);
    CHECK(written({'\t', "UTF-16LE", false, false}, {{"A", "\xC3\xA9"}}) ==
          std::string("\xFF\xFE"
                      "A\0\t\0\xE9\0\r\0\n\0",
                      12));
    CHECK(written({',', "UTF-16BE", false, false}, {{"A"}}) ==
          std::string("\xFE\xFF\0A\0\r\0\n", 8));
}

TEST_CASE("a rejected UTF-8 row keeps its own bytes, even invalid ones")
{
    CHECK(written({}, {{"bad\xE9"}}) == "bad\xE9\r\n");
}

TEST_CASE("delimiter options: , ; tab | and nothing else")
{
    CHECK(mpp::parse_delimiter("") == 0);
    CHECK(mpp::parse_delimiter(",") == ',');
    CHECK(mpp::parse_delimiter(";") == ';');
    CHECK(mpp::parse_delimiter("|") == '|');
    CHECK(mpp::parse_delimiter("tab") == '\t');
    CHECK(mpp::parse_delimiter("\t") == '\t');
    CHECK(mpp::parse_delimiter("\\t") == '\t');
    for (const char* bad : {":", ";;", "x", " ", "TAB,"})
    {
        try
        {
            mpp::parse_delimiter(bad);
            FAIL("accepted: " << bad);
        }
        catch (const mpp::Error& e)
        {
            CHECK(e.kind() == mpp::ErrorKind::usage);
            CHECK(std::string(e.what()).find("expected , ; tab or |") != std::string::npos);
        }
    }
}
