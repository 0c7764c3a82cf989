// The import driver on agency files: mapping, all-or-nothing, skip-invalid, dry run, guard.
#include "helpers.hpp"
#include "mpp/agency.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_today;
using mpp::test::k_wita;

struct Fixture : mpp::test::TestDatabase
{
    Fixture() {}
    mpp::ImportResult import(const std::string& csv, mpp::ImportOptions o = {})
    {
        mpp::AgencyImport target(db->sql(), k_actor);
        return mpp::run_import(*db, k_actor, dir.write("in.csv", csv), target, o);
    }
    mpp::Error import_error(const std::string& csv, mpp::ImportOptions o = {})
    {
        try
        {
            import(csv, o);
        }
        catch (const mpp::Error& e)
        {
            return e;
        }
        FAIL("no error");
        return mpp::Error(mpp::ErrorKind::internal, "");
    }
    long long agencies() { return db->sql().execAndGet("SELECT count(*) FROM agency").getInt64(); }
};

const std::string k_good = "Kode;Nama Instansi;Jenis;Loket\r\n"
                           "DUKCAPIL;Dinas Dukcapil;Perangkat Daerah;Loket 9\r\n"
                           "PLN-KUPANG;PT PLN UP3 Kupang;BUMN;Loket 4\r\n";
} // namespace

TEST_CASE("a clean file is committed with one batch and one audit row")
{
    Fixture f;
    const auto r = f.import(k_good);
    CHECK(r.counts.inserted == 2);
    CHECK(r.batch_id == 1);
    CHECK(r.sha256.size() == 64);
    CHECK(f.agencies() == 2);
    CHECK(f.db->sql().execAndGet("SELECT count(*) FROM audit WHERE action = 'import'").getInt() ==
          1);
    CHECK(f.db->sql().execAndGet("SELECT inserted FROM batch WHERE id = 1").getInt() == 2);
}

TEST_CASE("one invalid row: nothing is written, every problem has its line and column")
{
    Fixture f;
    const auto r = f.import("code,name,kind\nAA,Ok,bank\nB,Bad code,bank\nCC,,ngo\n");
    CHECK(r.counts.invalid == 2);
    CHECK(r.batch_id == 0);
    CHECK(f.agencies() == 0);
    REQUIRE(r.problems.size() == 3);
    CHECK(r.problems[0].place.line == 3);
    CHECK(r.problems[0].place.column == 1);
    CHECK(r.problems[0].message.rfind("code: ", 0) == 0);
    CHECK(r.problems[1].place.line == 4);
    CHECK(r.problems[1].place.column == 2);
    CHECK(r.problems[2].place.column == 3);
}

TEST_CASE("--max-errors limits the printed problems but the count stays exact")
{
    Fixture f;
    std::string csv = "code,name,kind\n";
    for (int i = 0; i < 50; ++i)
    {
        csv += "X" + std::to_string(i) + ",Name,nope\n";
    }
    mpp::ImportOptions o;
    o.max_errors = 5;
    const auto r = f.import(csv, o);
    CHECK(r.problems.size() == 5);
    CHECK(r.problem_count == 50);
    CHECK(r.counts.invalid == 50);
}

TEST_CASE("--skip-invalid commits valid rows and writes rejects with an error column")
{
    Fixture f;
    mpp::ImportOptions o;
    o.skip_invalid = true;
    o.rejects_path = f.dir.file("rejects.csv");
    const auto r = f.import("code;name;kind\nAA;Ok;bank\nBB;\"Bad; kind\";ngo\n", o);
    CHECK(r.counts.inserted == 1);
    CHECK(r.counts.invalid == 1);
    CHECK(f.agencies() == 1);
    std::ifstream in(o.rejects_path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.rfind("code;name;kind;error\r\nBB;\"Bad; kind\";ngo;kind: 'ngo' is not one of", 0) ==
          0);
    struct stat st
    {
    };
    REQUIRE(::stat(o.rejects_path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a rejects file re-imports: its last `error` column is read past, never doubled")
{
    Fixture f;
    mpp::ImportOptions o;
    o.skip_invalid = true;
    o.rejects_path = f.dir.file("rejects.csv");
    // A file as mpp wrote it, one row still wrong: the new problem replaces the old one.
    auto r = f.import("code;name;kind;Error\r\nAA;Ok;bank;kind: 'x' is not one of …\r\n"
                      "BB;Bad;ngo;kind: 'ngo' is not one of …\r\n",
                      o);
    CHECK(r.counts.inserted == 1);
    CHECK(r.counts.invalid == 1);
    std::ifstream in(o.rejects_path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.rfind("code;name;kind;error\r\nBB;Bad;ngo;kind: 'ngo' is not one of", 0) == 0);
    CHECK(text.find("…") == std::string::npos);
    // An `error` column anywhere else is somebody's data: an unknown column as any other.
    const auto e = f.import_error("code,error,name,kind\nCC,x,Ok,bank\n");
    REQUIRE(e.place());
    CHECK(e.place()->column == 2);
    CHECK(std::string(e.what()) == "unknown column 'error'");
    // --map may still name it.
    mpp::ImportOptions m;
    m.maps = {"error=note"};
    r = f.import("code,name,kind,error\nDD,Ok,bank,kept\n", m);
    CHECK(r.counts.inserted == 1);
    CHECK(f.db->sql().execAndGet("SELECT note FROM agency WHERE code = 'DD'").getString() ==
          "kept");
}

TEST_CASE("--dry-run counts and writes nothing")
{
    Fixture f;
    mpp::ImportOptions o;
    o.dry_run = true;
    const auto r = f.import(k_good, o);
    CHECK(r.counts.inserted == 2);
    CHECK(r.batch_id == 0);
    CHECK(f.agencies() == 0);
    CHECK(f.db->sql().execAndGet("SELECT count(*) FROM batch").getInt() == 0);
}

TEST_CASE("the same file again is recognised by its SHA-256 unless --force")
{
    Fixture f;
    f.import(k_good);
    const auto again = f.import(k_good);
    REQUIRE(again.previous_batch);
    CHECK(*again.previous_batch == 1);
    CHECK(again.batch_id == 0);
    mpp::ImportOptions o;
    o.force = true;
    o.on_conflict = mpp::OnConflict::skip;
    const auto forced = f.import(k_good, o);
    CHECK(forced.counts.skipped == 2);
    CHECK(forced.batch_id == 2);
}

TEST_CASE("--on-conflict fail, skip and update")
{
    Fixture f;
    f.import(k_good);
    const std::string changed = "code,name,kind,counter\nDUKCAPIL,Dinas Dukcapil,regional,Loket 1\n"
                                "PLN-KUPANG,PT PLN UP3 Kupang,soe,Loket 4\nPOS,PT Pos,soe,\n";
    auto r = f.import(changed);
    CHECK(r.counts.invalid == 2);
    mpp::ImportOptions o;
    o.on_conflict = mpp::OnConflict::skip;
    r = f.import(changed, o);
    CHECK(r.counts.skipped == 2);
    CHECK(r.counts.inserted == 1);
    o.on_conflict = mpp::OnConflict::update;
    o.force = true;
    r = f.import(changed, o);
    CHECK(r.counts.updated == 1);
    CHECK(r.counts.unchanged == 2);
    mpp::AgencyStore store(f.db->sql());
    CHECK(store.get("DUKCAPIL").counter == std::optional<std::string>("Loket 1"));
}

TEST_CASE("header problems stop the import")
{
    Fixture f;
    auto e = f.import_error("code,name\nAA,x\n");
    CHECK(std::string(e.what()).find("missing required column kind") != std::string::npos);
    e = f.import_error("code,name,kind,colour\nAA,x,bank,red\n");
    CHECK(e.place()->column == 4);
    e = f.import_error("code,nama,name,kind\nAA,x,y,bank\n");
    CHECK(std::string(e.what()).find("both give 'name'") != std::string::npos);
    e = f.import_error("code name kind\nAA x bank\n");
    CHECK(std::string(e.what()).find("not split") != std::string::npos);
    e = f.import_error("");
    CHECK(std::string(e.what()).find("empty") != std::string::npos);
    e = f.import_error("code,name,kind\n\n,,\n");
    CHECK(std::string(e.what()) == "no data rows");
}

TEST_CASE("--map and --ignore-unknown")
{
    Fixture f;
    mpp::ImportOptions o;
    o.maps = {"Singkatan=code", "Tipe=kind"};
    o.ignore_unknown = true;
    const auto r = f.import("Singkatan,Nama,Tipe,Warna\nAA,Satu,bank,merah\n", o);
    CHECK(r.counts.inserted == 1);
}

TEST_CASE("a key repeated in the file is an error on its second line")
{
    Fixture f;
    const auto r = f.import("code,name,kind\nAA,One,bank\nBB,Two,bank\naa,Again,bank\n");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].place.line == 4);
    CHECK(r.problems[0].message.find("first on line 2") != std::string::npos);
}

TEST_CASE("export's formula guard is removed on import")
{
    Fixture f;
    f.import("code,name,kind,note\nAA,One,bank,'=1+1\n");
    mpp::AgencyStore store(f.db->sql());
    CHECK(store.get("AA").note == std::optional<std::string>("=1+1"));
}

namespace
{
// An agency import that counts the rows it is handed and remembers the offset it was given.
struct CountingImport : mpp::AgencyImport
{
    using mpp::AgencyImport::AgencyImport;
    int applied = 0;
    int begun = 0;
    void begin(SQLite::Database& db) override
    {
        ++begun;
        CHECK(sqlite3_get_autocommit(db.getHandle()) == 0); // inside the write transaction
        mpp::AgencyImport::begin(db);
    }
    mpp::RowOutcome apply(const mpp::RawRecord& record, std::size_t line, long long batch_id,
                          mpp::OnConflict on_conflict, mpp::FieldProblems& problems) override
    {
        ++applied;
        return mpp::AgencyImport::apply(record, line, batch_id, on_conflict, problems);
    }
};
} // namespace

TEST_CASE("the re-import guard is checked before any row is applied")
{
    Fixture f;
    f.import(k_good);
    CountingImport target(f.db->sql(), k_actor);
    const auto again = mpp::run_import(*f.db, k_actor, f.dir.write("in.csv", k_good), target, {});
    REQUIRE(again.previous_batch);
    CHECK(target.begun == 1);
    CHECK(target.applied == 0);
    CHECK(f.db->sql().execAndGet("SELECT count(*) FROM batch").getInt() == 1);
}

TEST_CASE("a batch that rejected rows does not block the same file")
{
    Fixture f;
    mpp::ImportOptions o;
    o.skip_invalid = true;
    o.rejects_path = f.dir.file("rejects.csv");
    const std::string csv = "code,name,kind\nAA,One,bank\nBB,Two,nope\n";
    const auto first = f.import(csv, o);
    CHECK(first.counts.invalid == 1);
    CHECK(first.batch_id == 1);
    mpp::ImportOptions skip;
    skip.on_conflict = mpp::OnConflict::skip;
    const auto again = f.import(csv, skip);
    CHECK_FALSE(again.previous_batch);
    CHECK(again.counts.skipped == 1);
    CHECK(again.counts.invalid == 1); // the cause is not fixed: still refused, nothing written
    CHECK(again.nothing_written);
}

TEST_CASE("a column that is not in the file is not a change; an empty cell clears")
{
    mpp::RawRecord stored;
    stored.set("code", "AA");
    stored.set("counter", "Loket 1");
    stored.set("note", "catatan");
    mpp::RawRecord file;
    file.set("code", "AA");
    file.set("note", "");
    const mpp::RawRecord m = stored.merged_with(file);
    CHECK(m.get("counter") == std::optional<std::string>("Loket 1"));
    CHECK_FALSE(m.get("note"));
    CHECK(m.given("note"));
    CHECK(mpp::given_or(file, "counter", std::string("new"), std::string("old")) == "old");
    CHECK(mpp::given_or(file, "note", std::string("new"), std::string("old")) == "new");
}

TEST_CASE("an agency update from a file without some columns keeps them")
{
    Fixture f;
    f.import("code,name,kind,counter,joined_on,left_on,note\n"
             "AA,One,bank,Loket 1,01/01/2022,31/12/2022,catatan\n");
    mpp::ImportOptions o;
    o.on_conflict = mpp::OnConflict::update;
    const auto r = f.import("code,name,kind\nAA,Satu,bank\n", o);
    CHECK(r.counts.updated == 1);
    mpp::AgencyStore store(f.db->sql());
    const auto a = store.get("AA");
    CHECK(a.name == "Satu");
    CHECK(a.counter == std::optional<std::string>("Loket 1"));
    CHECK(a.left_on == mpp::make_date(2022, 12, 31));
    CHECK(a.note == std::optional<std::string>("catatan"));
    f.import("code,name,kind,counter,left_on\nAA,Satu,bank,,\n", o);
    CHECK_FALSE(store.get("AA").counter);
    CHECK_FALSE(store.get("AA").left_on);
    CHECK(store.get("AA").note == std::optional<std::string>("catatan"));
}

TEST_CASE("the summary says exactly what was or would be written")
{
    Fixture f;
    mpp::ImportOptions o;
    o.dry_run = true;
    const std::string bad = "code,name,kind\nAA,One,bank\nBB,Two,nope\n";
    auto s = mpp::summarize_import(f.import(bad, o), o, k_wita);
    CHECK_FALSE(s.notice);
    REQUIRE(s.error);
    CHECK(s.error->kind() == mpp::ErrorKind::invalid_data);
    CHECK(std::string(s.error->what()) == "1 invalid row; nothing would be imported");
    CHECK(s.error->diagnostics().size() == 1);
    s = mpp::summarize_import(f.import(k_good, o), o, k_wita);
    REQUIRE(s.notice);
    CHECK(s.notice->rfind("dry run: would import 2 rows from ", 0) == 0);
    CHECK(s.notice->find("(inserted 2)") != std::string::npos);
    CHECK_FALSE(s.error);
    const mpp::ImportOptions real;
    s = mpp::summarize_import(f.import(bad, real), real, k_wita);
    CHECK_FALSE(s.notice);
    CHECK(std::string(s.error->what()) == "1 invalid row; nothing was imported");
    const auto done = f.import(k_good, real);
    s = mpp::summarize_import(done, real, k_wita);
    CHECK(s.notice->find("(inserted 2) as batch 1") != std::string::npos);
    s = mpp::summarize_import(f.import(k_good, real), real, k_wita);
    CHECK(s.notice->find("already imported as batch 1 on 2030-01-01; nothing written") !=
          std::string::npos);
    CHECK_FALSE(s.error);
}

TEST_CASE("a file whose bytes differ from the ones hashed first imports nothing")
{
    Fixture f;
    mpp::ImportSource source = mpp::import_source_for_text(k_good, "in.csv", {});
    source.sha256 = std::string(64, '0'); // as if the file changed after it was hashed
    mpp::AgencyImport target(f.db->sql(), k_actor);
    try
    {
        mpp::run_import(*f.db, k_actor, source, target, {});
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::not_found);
        CHECK(std::string(e.what()).find("changed while it was read") != std::string::npos);
    }
    CHECK(f.agencies() == 0);
    CHECK(f.db->sql().execAndGet("SELECT count(*) FROM batch").getInt() == 0);
}
