// The CSV reader: RFC 4180, Excel's habits, encodings, limits and error places.
#include "helpers.hpp"
#include "mpp/csv.hpp"

#include <doctest/doctest.h>

using mpp::CsvOptions;
using mpp::CsvReader;
using mpp::CsvRecord;

namespace
{

std::vector<CsvRecord> read_all(const std::string& bytes, CsvOptions options = {})
{
    mpp::test::TempDir dir;
    CsvReader reader(dir.write("in.csv", bytes), options);
    std::vector<CsvRecord> out;
    CsvRecord rec;
    while (reader.next(rec))
    {
        out.push_back(rec);
    }
    return out;
}

mpp::Error read_error(const std::string& bytes, CsvOptions options = {})
{
    try
    {
        read_all(bytes, options);
    }
    catch (const mpp::Error& e)
    {
        return e;
    }
    FAIL("no error");
    return mpp::Error(mpp::ErrorKind::internal, "");
}

} // namespace

TEST_CASE("plain comma file with LF")
{
    const auto recs = read_all("a,b,c\n1,2,3\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].fields == std::vector<std::string>{"1", "2", "3"});
    CHECK(recs[1].line == 2);
}

TEST_CASE("Excel Indonesian export: BOM, semicolons, CRLF")
{
    mpp::test::TempDir dir;
    CsvReader reader(dir.write("x.csv", "\xEF\xBB\xBFkode;nama\r\nA;Budi\r\nB;Siti\r\n"), {});
    CsvRecord rec;
    REQUIRE(reader.next(rec));
    CHECK(reader.delimiter() == ';');
    CHECK(rec.fields == std::vector<std::string>{"kode", "nama"});
    REQUIRE(reader.next(rec));
    CHECK(rec.fields == std::vector<std::string>{"A", "Budi"});
    REQUIRE(reader.next(rec));
    CHECK(rec.line == 3);
    CHECK_FALSE(reader.next(rec));
}

TEST_CASE("delimiter detection ignores delimiters inside quotes")
{
    mpp::test::TempDir dir;
    CsvReader reader(dir.write("x.csv", "\"a,b,c\";d\n1;2\n"), {});
    CsvRecord rec;
    REQUIRE(reader.next(rec));
    CHECK(reader.delimiter() == ';');
    CHECK(rec.fields == std::vector<std::string>{"a,b,c", "d"});
}

TEST_CASE("tab and pipe delimiters are detected; an explicit one wins")
{
    CHECK(read_all("a\tb\n1\t2\n")[1].fields.size() == 2);
    CHECK(read_all("a|b\n1|2\n")[1].fields.size() == 2);
    CsvOptions o;
    o.delimiter = ';';
    CHECK(read_all("a,b;c\n", o)[0].fields == std::vector<std::string>{"a,b", "c"});
}

TEST_CASE("Excel's sep= line names the delimiter")
{
    const auto recs = read_all("sep=;\r\na;b\r\n1;2\r\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].fields == std::vector<std::string>{"a", "b"});
    CHECK(recs[0].line == 2);
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and newlines; lines stay physical")
{
    const auto recs = read_all("a,b\r\n\"x, \"\"y\"\"\",\"line1\r\nline2\nline3\"\r\nnext,row\r\n");
    REQUIRE(recs.size() == 3);
    CHECK(recs[1].fields[0] == "x, \"y\"");
    CHECK(recs[1].fields[1] == "line1\nline2\nline3");
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 5);
}

TEST_CASE("unterminated quote is an error at the line where it opened")
{
    const auto e = read_error("a,b\n1,2\n3,\"open\nmore\nstill\n");
    REQUIRE(e.place());
    CHECK(e.place()->line == 3);
    CHECK(e.place()->column == 2);
    CHECK(std::string(e.what()).find("unterminated") != std::string::npos);
}

TEST_CASE("text after a closing quote is an error")
{
    const auto e = read_error("a,b\n\"x\"y,2\n");
    REQUIRE(e.place());
    CHECK(e.place()->line == 2);
    CHECK(e.place()->column == 1);
}

TEST_CASE("invalid UTF-8 is a problem of its record, at its physical line and field")
{
    const auto recs = read_all("a,b\n1,\"ok\nJos\xE9\"\n2,3\n");
    REQUIRE(recs.size() == 3);
    REQUIRE(recs[1].problem);
    CHECK(recs[1].problem->place.line == 3);
    CHECK(recs[1].problem->place.column == 2);
    CHECK(recs[1].problem->message.find("--encoding cp1252") != std::string::npos);
    CHECK_FALSE(recs[2].problem);
}

TEST_CASE("cp1252 and latin1 are converted to UTF-8")
{
    CsvOptions o;
    o.encoding = "cp1252";
    const auto recs = read_all("nama\nJos\xE9 \x93Ucok\x94\n", o);
    CHECK(recs[1].fields[0] == "Jos\xC3\xA9 \xE2\x80\x9CUcok\xE2\x80\x9D");
    o.encoding = "latin1";
    CHECK(read_all("nama\nJos\xE9\n", o)[1].fields[0] == "Jos\xC3\xA9");
}

TEST_CASE("a byte that cp1252 does not define is an error with its line")
{
    CsvOptions o;
    o.encoding = "cp1252";
    const auto e = read_error("nama\nok\nbad\x81\n", o);
    REQUIRE(e.place());
    CHECK(e.place()->line == 3);
}

TEST_CASE("UTF-16 with a BOM (Excel's Unicode Text) is recognised")
{
    const std::string text = "kode\tnama\r\nA\tJos\xC3\xA9\r\n";
    std::string utf16 = "\xFF\xFE";
    // ASCII and U+00E9 only: little-endian code units.
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (static_cast<unsigned char>(text[i]) == 0xC3)
        {
            utf16 += '\xE9';
            utf16 += '\0';
            ++i;
            continue;
        }
        utf16 += text[i];
        utf16 += '\0';
    }
    const auto recs = read_all(utf16);
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].fields == std::vector<std::string>{"A", "Jos\xC3\xA9"});
}

TEST_CASE("an oversized field is an error, not an allocation")
{
    CsvOptions o;
    o.max_field = 16;
    const auto e = read_error("a,b\n1,0123456789abcdefXYZ\n", o);
    REQUIRE(e.place());
    CHECK(e.place()->line == 2);
    CHECK(e.place()->column == 2);
    CHECK(std::string(e.what()).find("longer than") != std::string::npos);
}

TEST_CASE("an unterminated quote in a large file is reported at its opening line")
{
    std::string bytes = "a,b\n1,\"never closed\n";
    for (int i = 0; i < 20000; ++i)
    {
        bytes += "filler line number " + std::to_string(i) + "\n";
    }
    const auto e = read_error(bytes);
    REQUIRE(e.place());
    CHECK(e.place()->line == 2);
}

TEST_CASE("oversized record")
{
    CsvOptions o;
    o.max_record = 10;
    const auto e = read_error("a,b,c\n1234,5678,9abc\n", o);
    CHECK(e.place()->line == 2);
}

TEST_CASE("blank lines and Excel's ;;;; rows are blank records")
{
    const auto recs = read_all("a;b\n1;2\n\n;;\n ; \n");
    REQUIRE(recs.size() == 5);
    CHECK(recs[2].blank());
    CHECK(recs[3].blank());
    CHECK(recs[4].blank());
    CHECK_FALSE(recs[1].blank());
}

TEST_CASE("no final newline, empty fields, lone CR line ends")
{
    auto recs = read_all("a,b\n1,");
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].fields == std::vector<std::string>{"1", ""});
    recs = read_all("a,b\r1,2\r");
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].line == 2);
}

TEST_CASE("empty file gives no record")
{
    CHECK(read_all("").empty());
    CHECK(read_all("\xEF\xBB\xBF").empty());
}

TEST_CASE("records spanning the read buffer")
{
    std::string bytes = "a,b\n";
    for (int i = 0; i < 50000; ++i)
    {
        bytes += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\"q\"\r\n";
    }
    const auto recs = read_all(bytes);
    REQUIRE(recs.size() == 50001);
    CHECK(recs[50000].fields[1] == "v49999\"q");
    CHECK(recs[50000].line == 50001);
}

TEST_CASE("SHA-256 of the raw bytes")
{
    mpp::test::TempDir dir;
    CsvReader reader(dir.write("x.csv", "abc"), {});
    CsvRecord rec;
    while (reader.next(rec))
    {
    }
    CHECK(reader.sha256_hex() ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a missing file is not_found")
{
    try
    {
        CsvReader reader("/nonexistent/file.csv", {});
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::not_found);
    }
}

TEST_CASE("csv_quote quotes only when needed")
{
    CHECK(mpp::csv_quote("plain") == "plain");
    CHECK(mpp::csv_quote("a,b") == "\"a,b\"");
    CHECK(mpp::csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(mpp::csv_quote("two\nlines") == "\"two\nlines\"");
    CHECK(mpp::csv_quote("a;b", ';') == "\"a;b\"");
}

namespace
{
mpp::CsvDialect dialect_of(const std::string& bytes, CsvOptions options = {})
{
    mpp::test::TempDir dir;
    CsvReader reader(dir.write("in.csv", bytes), options);
    CsvRecord rec;
    REQUIRE(reader.next(rec));
    return reader.dialect();
}
} // namespace

TEST_CASE("the reader reports the file's dialect: delimiter, encoding, BOM, sep= line")
{
    auto d = dialect_of("a,b\r\n1,2\r\n");
    CHECK(d.delimiter == ',');
    CHECK(d.encoding == "UTF-8");
    CHECK_FALSE(d.bom);
    CHECK_FALSE(d.sep_line);
    d = dialect_of("\xEF\xBB\xBF"
                   "a;b\r\n1;2\r\n");
    CHECK(d.delimiter == ';');
    CHECK(d.encoding == "UTF-8");
    CHECK(d.bom);
    d = dialect_of("sep=|\r\na|b\r\n");
    CHECK(d.delimiter == '|');
    CHECK(d.sep_line);
    CsvOptions o;
    o.encoding = "cp1252";
    d = dialect_of("nama;kode\r\nJos\xE9;A\r\n", o);
    CHECK(d.encoding == "CP1252");
    CHECK(d.delimiter == ';');
    CHECK_FALSE(d.bom);
    o.encoding = "latin1";
    CHECK(dialect_of("nama\r\n", o).encoding == "ISO-8859-1");
    d = dialect_of(std::string("\xFF\xFE"
                               "a\0\t\0b\0\r\0\n\0",
                               12));
    CHECK(d.encoding == "UTF-16LE");
    CHECK(d.delimiter == '\t');
    CHECK_FALSE(d.bom); // UTF-16's BOM goes with the encoding
    CHECK(dialect_of(std::string("\xFE\xFF\0a\0,\0b\0\n", 10)).encoding == "UTF-16BE");
}

TEST_CASE("an Excel workbook is refused by its content, whatever its name, with what to do")
{
    const std::string xlsx("PK\x03\x04\x14\x00\x06\x00", 8);
    auto e = read_error(xlsx + "[Content_Types].xml");
    CHECK(e.kind() == mpp::ErrorKind::invalid_data);
    CHECK(std::string(e.what()).find("/in.csv is an Excel workbook (.xlsx), not CSV: in Excel use "
                                     "File → Save As → CSV UTF-8") != std::string::npos);
    e = read_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an OLE2 file");
    CHECK(e.kind() == mpp::ErrorKind::invalid_data);
    CHECK(std::string(e.what()).find("/in.csv is an Excel workbook (.xls), not CSV") !=
          std::string::npos);
    // A CSV whose first field merely starts with PK is read.
    CHECK(read_all("PK,x\r\n1,2\r\n").size() == 2);
}
