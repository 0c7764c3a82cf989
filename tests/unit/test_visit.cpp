// Visits: the row rules, keys, tallies kept with every write, visit_sums over a period, and the
// day of a ticket following the office offset. Expected figures are worked out by hand.
#include "helpers.hpp"
#include "mpp/error.hpp"
#include "mpp/settings.hpp"
#include "mpp/visit.hpp"

#include <doctest/doctest.h>

namespace
{
using mpp::Date;
using mpp::FieldProblems;
using mpp::RawRecord;
using mpp::test::k_actor;
using mpp::test::k_wita;

RawRecord ticket(const char* taken, const char* called, const char* finished,
                 const char* service = "DUKCAPIL-KTP", const char* number = "A1")
{
    RawRecord r;
    r.set("ticket", number);
    r.set("agency", "DUKCAPIL");
    r.set("service", service);
    r.set("taken_at", taken);
    r.set("called_at", called);
    r.set("finished_at", finished);
    return r;
}

std::string problems_of(const RawRecord& raw, bool ticket_row, const mpp::VisitCatalogue& c)
{
    FieldProblems p;
    const auto v = mpp::parse_visit(raw, ticket_row, c, k_wita, k_actor.now, p);
    std::string out;
    for (const auto& problem : p)
    {
        out += problem.field + ": " + problem.message + "\n";
    }
    CHECK(v.has_value() == p.empty());
    return out;
}

Date day(int d)
{
    return *mpp::make_date(2022, 10, d);
}

} // namespace

TEST_CASE("visit rows: times in order, on one local date; a service of its agency")
{
    mpp::test::KupangDatabase k;
    const auto c = mpp::load_visit_catalogue(k.db->sql());
    CHECK(problems_of(ticket("2022-10-24 09:00", "2022-10-24 09:00", "2022-10-24 09:00"), true, c)
              .empty());
    CHECK(problems_of(ticket("2022-10-24 09:00", "2022-10-24 08:59:59", ""), true, c) ==
          "called_at: 2022-10-24T08:59:59+08:00 is before taken_at 2022-10-24T09:00:00+08:00\n");
    CHECK(problems_of(ticket("2022-10-24 09:00", "2022-10-24 09:10", "2022-10-24 09:09"), true, c)
              .find("finished_at: 2022-10-24T09:09:00+08:00 is before called_at") == 0);
    CHECK(problems_of(ticket("2022-10-24 09:00", "", "2022-10-24 09:09"), true, c) ==
          "finished_at: needs called_at (a ticket is called before it is served)\n");
    // 23:59 and 00:01 WITA are two local dates, whatever UTC says.
    CHECK(problems_of(ticket("2022-10-24 23:59", "2022-10-25 00:01", ""), true, c) ==
          "called_at: 2022-10-25T00:01:00+08:00 is not on the day of taken_at (2022-10-24)\n");
    CHECK(problems_of(ticket("2022-10-24 09:00", "", "", "PDAM-BARU"), true, c) ==
          "service: service 'PDAM-BARU' belongs to agency 'PDAM-KUPANG', not 'DUKCAPIL'\n");
    RawRecord count;
    count.set("date", "30/10/2022");
    count.set("agency", "PDAM-KUPANG");
    count.set("count", "0");
    count.set("channel", "Jemput Bola");
    FieldProblems p;
    const auto v = mpp::parse_visit(count, false, c, k_wita, k_actor.now, p);
    REQUIRE(v);
    CHECK(v->count == 0);
    CHECK(v->channel == "outreach");
    CHECK(mpp::visit_key(*v) == "2022-10-30 PDAM-KUPANG - outreach");
    count.set("count", "-1");
    CHECK(problems_of(count, false, c) == "count: -1 is out of range (0 to 1000000000)\n");
}

TEST_CASE("visit keys: a numbered ticket by agency, local day and number")
{
    mpp::test::KupangDatabase k;
    const auto c = mpp::load_visit_catalogue(k.db->sql());
    FieldProblems p;
    auto a = mpp::parse_visit(ticket("2022-10-24 09:00", "", ""), true, c, k_wita, k_actor.now, p);
    REQUIRE(a);
    CHECK(mpp::visit_key(*a) == "DUKCAPIL 2022-10-24 #A1");
    // 00:30 WITA on the 25th is 16:30Z on the 24th: the local day counts.
    a = mpp::parse_visit(ticket("2022-10-24T16:30:00Z", "", ""), true, c, k_wita, k_actor.now, p);
    CHECK(mpp::visit_key(*a) == "DUKCAPIL 2022-10-25 #A1");
    a = mpp::parse_visit(ticket("2022-10-24 09:00", "", "", "", ""), true, c, k_wita, k_actor.now,
                         p);
    CHECK(mpp::visit_key(*a) == "DUKCAPIL 2022-10-24T01:00:00Z - "
                                "  served counter");
}

TEST_CASE("visit tallies follow every write; visit_sums reads the period's days")
{
    mpp::test::KupangDatabase k;
    auto& db = k.db->sql();
    const auto c = mpp::load_visit_catalogue(db);
    mpp::VisitStore store(db, k_wita);
    auto put = [&](RawRecord raw, bool ticket_row)
    {
        FieldProblems p;
        const auto v = mpp::parse_visit(raw, ticket_row, c, k_wita, k_actor.now, p);
        REQUIRE(v);
        const bool exists = store.find(mpp::visit_key(*v)).has_value();
        store.write(*v, exists, k_actor, std::nullopt);
    };
    // 24 Oct: waits 10:59 -> 10 and 3:00 -> 3 minutes; one served 7:30 -> 7 minutes.
    put(ticket("2022-10-24 09:00:01", "2022-10-24 09:11:00", "2022-10-24 09:18:30"), true);
    RawRecord no_show = ticket("2022-10-24 10:00", "2022-10-24 10:03", "", "", "A2");
    no_show.set("outcome", "tidak hadir");
    put(no_show, true);
    // 25 Oct: a tally of 4 for DUKCAPIL-KTP, then corrected to 6 (an update, not an addition).
    RawRecord count;
    count.set("date", "2022-10-25");
    count.set("agency", "DUKCAPIL");
    count.set("service", "DUKCAPIL-KTP");
    count.set("count", "4");
    put(count, false);
    count.set("count", "6");
    put(count, false);
    // 26 Oct: outside the period asked below.
    put(ticket("2022-10-26 09:00", "", "", "DUKCAPIL-KTP", "A9"), true);
    store.flush();
    CHECK(mpp::check_visit_tallies(db).empty());

    const auto sums = mpp::visit_sums(db, day(24), day(25));
    REQUIRE(sums.size() == 2);
    const mpp::VisitSums& ktp = sums.at({"DUKCAPIL", "DUKCAPIL-KTP"});
    CHECK(ktp.visits == 7); // 1 ticket + 6 counted
    CHECK(ktp.served == 7);
    CHECK(ktp.records == 2);
    CHECK(ktp.wait_minutes == std::map<int, long long>{{10, 1}});
    CHECK(ktp.service_minutes == std::map<int, long long>{{7, 1}});
    CHECK(ktp.per_day == std::map<Date, long long>{{day(24), 1}, {day(25), 6}});
    const mpp::VisitSums& none = sums.at({"DUKCAPIL", ""});
    CHECK(none.visits == 1);
    CHECK(none.served == 0);
    CHECK(none.no_show == 1);
    CHECK(none.wait_minutes == std::map<int, long long>{{3, 1}});
    CHECK(mpp::visit_sums(db, day(26), day(26)).at({"DUKCAPIL", "DUKCAPIL-KTP"}).visits == 1);
    CHECK(mpp::visit_sums(db, day(27), day(31)).empty());

    db.exec("UPDATE visit_tally SET served = served + 1 WHERE day = '2022-10-25'");
    const auto findings = mpp::check_visit_tallies(db);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].find("visit tallies: 2022-10-25") == 0);
    mpp::rebuild_visit_tallies(db);
    CHECK(mpp::check_visit_tallies(db).empty());
}

TEST_CASE("a new office offset moves a ticket's day, its key and its tallies")
{
    mpp::test::KupangDatabase k;
    auto& db = k.db->sql();
    const auto c = mpp::load_visit_catalogue(db);
    FieldProblems p;
    auto put = [&](const char* at, mpp::UtcOffset offset)
    {
        mpp::VisitStore store(db, offset);
        const auto v = mpp::parse_visit(ticket(at, "", ""), true, c, offset, k_actor.now, p);
        store.write(*v, false, k_actor, std::nullopt);
        store.flush();
    };
    // A1 at 15:30Z: 23:30 on the 24th at +08:00, 00:30 on the 25th at +09:00.
    put("2022-10-24T15:30:00Z", k_wita);
    mpp::set_setting(db, k_actor, "office.utc_offset", "+09:00");
    SQLite::Statement st(db, "SELECT v.day, v.key, t.day FROM visit v, visit_tally t");
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getString() == "2022-10-25");
    CHECK(st.getColumn(1).getString() == "DUKCAPIL 2022-10-25 #A1");
    CHECK(st.getColumn(2).getString() == "2022-10-25");
    CHECK(mpp::check_visit_tallies(db).empty());
    // Another A1 at 10:00Z (19:00 on the 24th at +09:00): at +07:00 the first is back on the
    // 24th, where this one is: two tickets would share a key, so the change is refused.
    put("2022-10-24T10:00:00Z", mpp::UtcOffset{540});
    CHECK_THROWS_AS(mpp::set_setting(db, k_actor, "office.utc_offset", "+07:00"), mpp::Error);
}
