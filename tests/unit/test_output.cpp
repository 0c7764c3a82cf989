// Output writers: table, csv, tsv, json, ndjson; the formula guard; atomic files.
#include "helpers.hpp"
#include "mpp/error.hpp"
#include "mpp/output.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <sys/stat.h>

using mpp::CellKind;

namespace
{
mpp::Table sample()
{
    mpp::Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"name", "Nama", "Name", CellKind::free_text},
                 {"count", "Jumlah", "Count", CellKind::integer},
                 {"active", "Aktif", "Active", CellKind::boolean}};
    t.rows = {{"A", "=cmd|' /C calc'!A0", "12", "true"},
              {"B-2", "Jos\xC3\xA9, \"Ucok\"\nbaris", std::nullopt, "false"}};
    return t;
}

std::string render(const mpp::Table& t, const std::string& format, const std::string& lang = "id")
{
    std::ostringstream out;
    mpp::RenderOptions o;
    o.format = format;
    o.lang = lang;
    mpp::render_table(out, t, o);
    return out.str();
}
} // namespace

TEST_CASE("csv: RFC 4180, CRLF, header, formula guard on free text only")
{
    CHECK(render(sample(), "csv") == "code,name,count,active\r\n"
                                     "A,'=cmd|' /C calc'!A0,12,true\r\n"
                                     "B-2,\"Jos\xC3\xA9, \"\"Ucok\"\"\nbaris\",,false\r\n");
    mpp::Table empty = sample();
    empty.rows.clear();
    CHECK(render(empty, "csv") == "code,name,count,active\r\n");
}

TEST_CASE("csv for Excel: --delimiter ';' quotes for it and writes decimals with a comma")
{
    mpp::Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"name", "Nama", "Name", CellKind::free_text},
                 {"pct", "%", "%", CellKind::integer},
                 {"fee", "Biaya", "Fee", CellKind::money}};
    t.rows = {{"A.1", "Ucok; Jos\xC3\xA9 1.5", "84.8", "1500000"}, {"B", "x,y", std::nullopt, "0"}};
    std::ostringstream out;
    mpp::RenderOptions o;
    o.format = "csv";
    o.delimiter = ';';
    o.bom = true;
    mpp::render_table(out, t, o);
    // Only numbers change: a code or a name with a point keeps it.
    CHECK(out.str() == "\xEF\xBB\xBF"
                       "code;name;pct;fee\r\n"
                       "A.1;\"Ucok; Jos\xC3\xA9 1.5\";84,8;1500000\r\n"
                       "B;x,y;;0\r\n");
    for (const char d : {',', '\t', '|'})
    {
        std::ostringstream other;
        o.delimiter = d;
        o.bom = false;
        mpp::render_table(other, t, o);
        CHECK(other.str().find("84.8") != std::string::npos); // a point unless `;`
        CHECK(other.str().rfind("code", 0) == 0);             // no BOM unless asked
        CHECK(other.str().find(std::string("code") + d + "name") == 0);
    }
}

TEST_CASE("csv/tsv guard unchecked identifiers (imported references, e-mails), never codes")
{
    mpp::Table t;
    t.columns = {{"reference", "Nomor", "Reference", CellKind::unchecked},
                 {"email", "Surel", "Email", CellKind::unchecked},
                 {"phone", "No. HP", "Phone", CellKind::code},
                 {"fee", "Biaya", "Fee", CellKind::money}};
    t.rows = {{"=HYPERLINK(\"x\")", "@SUM(1)@x.id", "+6281234567890", "-5"},
              {"+1", "-a@x.id", "+62380821234", "0"},
              {"\tA", "\rb@x.id", std::nullopt, "7"},
              {"KPG-1", "a=b@x.id", std::nullopt, "1"}};
    CHECK(render(t, "csv") == "reference,email,phone,fee\r\n"
                              "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(1)@x.id,+6281234567890,-5\r\n"
                              "'+1,'-a@x.id,+62380821234,0\r\n"
                              "'\tA,\"'\rb@x.id\",,7\r\n"
                              "KPG-1,a=b@x.id,,1\r\n");
    CHECK(render(t, "tsv").find("'=HYPERLINK") != std::string::npos);
    // Tables and JSON show the value itself.
    CHECK(render(t, "ndjson").find("\"reference\":\"=HYPERLINK") != std::string::npos);
}

TEST_CASE("tsv escapes backslash, tab and newline")
{
    mpp::Table t;
    t.columns = {{"note", "Catatan", "Note", CellKind::free_text}};
    t.rows = {{"a\tb\\c\nd"}};
    CHECK(render(t, "tsv") == "note\na\\tb\\\\c\\nd\n");
}

TEST_CASE("json and ndjson: every key, nulls, typed numbers and booleans")
{
    CHECK(render(sample(), "ndjson") ==
          "{\"code\":\"A\",\"name\":\"=cmd|' /C calc'!A0\",\"count\":12,\"active\":true}\n"
          "{\"code\":\"B-2\",\"name\":\"Jos\xC3\xA9, \\\"Ucok\\\"\\nbaris\",\"count\":null,"
          "\"active\":false}\n");
    mpp::Table empty = sample();
    empty.rows.clear();
    CHECK(render(empty, "json") == "[]\n");
    CHECK(render(sample(), "json").rfind("[\n  {\"code\":\"A\"", 0) == 0);
}

TEST_CASE("table: aligned by display width, labels follow the language, controls escaped")
{
    const std::string id = render(sample(), "table", "id");
    CHECK(id.rfind("KODE  NAMA", 0) == 0);
    CHECK(id.find("\\n") != std::string::npos);
    CHECK(render(sample(), "table", "en").rfind("CODE", 0) == 0);
    mpp::Table empty = sample();
    empty.rows.clear();
    CHECK(render(empty, "table").empty());
    mpp::Table wide;
    wide.columns = {{"name", "Nama", "Name", CellKind::free_text},
                    {"code", "Kode", "Code", CellKind::code}};
    wide.rows = {{"\xE6\x9E\x97\xE6\x96\x87", "X"}, {"Abc", "Y"}};
    const std::string text = render(wide, "table");
    CHECK(text.find("\xE6\x9E\x97\xE6\x96\x87  X") != std::string::npos);
    CHECK(text.find("Abc   Y") != std::string::npos);
}

TEST_CASE("table fits the terminal width by cutting free text")
{
    mpp::Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"name", "Nama", "Name", CellKind::free_text}};
    t.rows = {{"DUKCAPIL", std::string(100, 'x')}};
    std::ostringstream out;
    mpp::RenderOptions o;
    o.width = 40;
    mpp::render_table(out, t, o);
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line))
    {
        CHECK(line.size() <= 42); // the ellipsis takes 3 bytes for 1 column
    }
}

TEST_CASE("table leaves out ranked columns, lowest rank first, until it fits, and names them")
{
    mpp::Table t;
    t.columns = {{"name", "Nama", "Name", CellKind::code},
                 {"a", "Satu", "One", CellKind::integer},
                 {"b", "Dua", "Two", CellKind::integer},
                 {"c", "Tiga", "Three", CellKind::integer}};
    t.columns[1].drop_rank = 2;
    t.columns[3].drop_rank = 1;
    t.rows = {{"KODE", "1", "22", "333"}};
    mpp::RenderOptions o;
    o.upper_labels = false;
    std::ostringstream all;
    CHECK(mpp::render_table(all, t, o).empty()); // no width: every column
    CHECK(all.str() == "Nama  Satu  Dua  Tiga\nKODE     1   22   333\n");
    o.width = 16; // without Tiga (rank 1) the table takes 15 columns
    std::ostringstream fitted;
    CHECK(mpp::render_table(fitted, t, o) == std::vector<std::string>{"Tiga"});
    CHECK(fitted.str() == "Nama  Satu  Dua\nKODE     1   22\n");
    o.width = 8; // 9 columns are left when nothing ranked is left to drop
    o.lang = "en";
    std::ostringstream narrow;
    CHECK(mpp::render_table(narrow, t, o) == std::vector<std::string>{"Three", "One"});
    CHECK(narrow.str() == "Name  Two\nKODE   22\n"); // unranked columns stay
}

TEST_CASE("guard and unguard round-trip")
{
    for (const std::string s : {"=1+1", "+62", "-x", "@SUM", "\tx", "plain", "'quoted"})
    {
        CHECK(mpp::unguard_formula(mpp::guard_formula(s)) == s);
    }
    CHECK(mpp::guard_formula("plain") == "plain");
}

TEST_CASE("OutputSink writes a file atomically with mode 0600")
{
    mpp::test::TempDir dir;
    const std::string path = dir.file("out.csv");
    std::ostringstream unused;
    {
        mpp::OutputSink sink(path, unused);
        sink.stream() << "partial";
        // not committed: no file
    }
    CHECK_FALSE(std::filesystem::exists(path));
    {
        mpp::OutputSink sink(path, unused);
        sink.stream() << "done\n";
        sink.commit();
    }
    struct stat st
    {
    };
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_THROWS_AS(mpp::OutputSink(dir.file("missing/dir/out.csv"), unused), mpp::Error);
}

TEST_CASE("columns marked not for tables appear only in machine formats")
{
    mpp::Table t;
    t.columns = {{"code", "Kode", "Code", CellKind::code},
                 {"note", "Catatan", "Note", CellKind::free_text, false}};
    t.rows = {{"A", "long note"}};
    CHECK(render(t, "table") == "KODE\nA\n");
    CHECK(render(t, "csv") == "code,note\r\nA,long note\r\n");
}
