// The import plan: each row's change collected by the comparison the update uses, rendered as
// plan lines and as the JSON outcome.
#include "helpers.hpp"
#include "mpp/agency.hpp"
#include "mpp/import_plan.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace
{
using mpp::test::k_actor;

struct Fixture : mpp::test::TestDatabase
{
    mpp::ImportResult import(const std::string& csv, mpp::ImportOptions o)
    {
        mpp::AgencyImport target(db->sql(), k_actor);
        return mpp::run_import(*db, k_actor, dir.write("in.csv", csv), target, o);
    }
};

const std::string k_first = "code,name,kind,counter,note\nAA,One,bank,Loket 1,catatan\n"
                            "BB,Two,bank,,\n";

} // namespace

TEST_CASE("changes_to lists the fields whose texts differ, empty as nullopt")
{
    mpp::RawRecord before;
    before.set("code", "AA");
    before.set("name", "One");
    before.set("note", "catatan");
    mpp::RawRecord after = before;
    after.set("name", "Satu");
    after.set("note", "");
    after.set("counter", "Loket 2");
    const mpp::FieldChanges c = before.changes_to(after);
    REQUIRE(c.size() == 3);
    CHECK(c[0].field == "name");
    CHECK(c[0].from == std::optional<std::string>("One"));
    CHECK(c[0].to == std::optional<std::string>("Satu"));
    CHECK(c[1].field == "note");
    CHECK_FALSE(c[1].to);
    CHECK(c[2].field == "counter");
    CHECK_FALSE(c[2].from);
    CHECK(before.changes_to(before).empty());
}

TEST_CASE("a dry run collects the rows it would insert or update, not the unchanged ones")
{
    Fixture f;
    f.import(k_first, {});
    mpp::ImportOptions o;
    o.dry_run = true;
    o.collect_changes = true;
    o.on_conflict = mpp::OnConflict::update;
    const auto r =
        f.import("code,name,kind,note\nAA,Satu,bank,\nBB,Two,bank,\nCC,Three,soe,x\n", o);
    CHECK(r.counts.updated == 1);
    CHECK(r.counts.unchanged == 1);
    REQUIRE(r.changes.size() == 2);
    CHECK(r.changes[0].line == 2);
    CHECK(r.changes[0].key == "AA");
    CHECK(mpp::plan_line(r.changes[0], "agency") == "~ AA name One → Satu; note catatan → (empty)");
    CHECK(mpp::plan_line(r.changes[1], "agency") == "+ CC new (Three, soe)");
    o.collect_changes = false;
    CHECK(f.import("code,name,kind\nAA,Satu,bank\n", o).changes.empty());
}

TEST_CASE("the JSON outcome: every key, and nothing written means inserted 0 and no changes")
{
    Fixture f;
    mpp::ImportOptions o;
    o.dry_run = true;
    o.collect_changes = true;
    auto r = f.import("code,name,kind\nAA,One,bank\nBB,Two,nope\n", o);
    CHECK(r.counts.inserted == 1);
    CHECK(r.changes.empty());
    std::ostringstream out;
    mpp::write_import_json(out, r);
    CHECK(out.str().find("\"batch\":null,") != std::string::npos);
    CHECK(out.str().find("\"inserted\":0,\"updated\":0,\"unchanged\":0,\"skipped\":0,"
                         "\"invalid\":1,") != std::string::npos);
    CHECK(out.str().find("\"previous_batch\":null,\"error\":null,\"changes\":[]}\n") != std::string::npos);
    r = f.import("code,name,kind\nAA,One,bank\n", o);
    out.str("");
    mpp::write_import_json(out, r);
    CHECK(out.str().find("\"changes\":[{\"line\":2,\"key\":\"AA\",\"action\":\"insert\","
                         "\"fields\":{\"code\":[null,\"AA\"],\"name\":[null,\"One\"],") !=
          std::string::npos);
    o.dry_run = false;
    r = f.import("code,name,kind\nAA,One,bank\n", o);
    out.str("");
    mpp::write_import_json(out, r);
    CHECK(out.str().find("{\"batch\":1,") == 0);
    CHECK(out.str().find("changes") == std::string::npos);
}

TEST_CASE("changed fields in JSON: fees and day counts are numbers, a fee written as text is text")
{
    const mpp::FieldChanges c = {{"fee", "5000", "0"},
                                 {"sla_days", std::nullopt, "3"},
                                 {"note", "12", "13"},
                                 {"fee", "0", "Sesuai Perda No. 5"}};
    CHECK(mpp::field_changes_json(c) ==
          R"({"fee":[5000,0],"sla_days":[null,3],"note":["12","13"],"fee":[0,"Sesuai Perda No. 5"]})");
}
