// Applications: references, lifecycle, SLA clock with pauses, the import of application files.
#include "helpers.hpp"
#include "mpp/application.hpp"
#include "mpp/calendar_change.hpp"
#include "mpp/application_table.hpp"
#include "mpp/sla.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <doctest/doctest.h>
#include <map>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_wita;

mpp::Date d(int y, int m, int day)
{
    return *mpp::make_date(y, m, day);
}

mpp::Instant at(const char* text)
{
    return mpp::parse_when(text, k_wita).instant;
}

struct Fixture : mpp::test::KupangDatabase
{
    mpp::NewApplication ktp(const char* when = "2022-10-24 09:15")
    {
        mpp::NewApplication a;
        a.service = "DUKCAPIL-KTP";
        a.applicant_name = "Maria Lay";
        a.nik = "5371014107900001";
        a.submitted_at = at(when);
        return a;
    }
};
} // namespace

TEST_CASE("references follow the template and never repeat")
{
    Fixture f;
    CHECK(f.store->create(f.ktp(), k_actor).reference == "KPG-202210-000001");
    CHECK(f.store->create(f.ktp(), k_actor).reference == "KPG-202210-000002");
    CHECK(f.store->create(f.ktp("2022-11-01 08:00"), k_actor).reference == "KPG-202211-000001");
    // An imported reference that fits the template raises the sequence.
    auto given = f.ktp();
    given.reference = "KPG-202210-000040";
    f.store->create(given, k_actor);
    CHECK(f.store->create(f.ktp(), k_actor).reference == "KPG-202210-000041");
    CHECK_THROWS_AS(f.store->create(given, k_actor), mpp::Error); // taken
    // Other templates: per agency, Roman months, wider than the width.
    mpp::set_setting(f.db->sql(), k_actor, "reference.template",
                     "{agency}/{seq:2}/{mm_roman}/{yyyy}");
    f.reload();
    CHECK(f.store->create(f.ktp(), k_actor).reference == "DUKCAPIL/01/X/2022");
}

TEST_CASE("the lifecycle is enforced and recorded")
{
    Fixture f;
    const auto a = f.store->create(f.ktp(), k_actor);
    f.store->set_status(a.reference, "verified", at("2022-10-24 10:00"), std::nullopt, k_actor);
    CHECK_THROWS_AS(f.store->set_status(a.reference, "submitted", at("2022-10-24 11:00"),
                                        std::nullopt, k_actor),
                    mpp::Error); // verified may not go back to submitted
    CHECK_THROWS_AS(f.store->set_status(a.reference, "processing", at("2022-10-24 09:59"),
                                        std::nullopt, k_actor),
                    mpp::Error); // dated before the previous change
    f.store->set_status(a.reference, "completed", at("2022-10-25 10:00"), std::string("diserahkan"),
                        k_actor);
    try
    {
        f.store->set_status(a.reference, "processing", at("2022-10-26 10:00"), std::nullopt,
                            k_actor);
        FAIL("no error");
    }
    catch (const mpp::Error& e)
    {
        CHECK(std::string(e.what()).find("final") != std::string::npos);
    }
    const auto events = f.store->history(a.id);
    REQUIRE(events.size() == 3);
    CHECK(events[2].to == "completed");
    CHECK(events[2].note == std::optional<std::string>("diserahkan"));
    const auto done = f.store->get(a.reference);
    CHECK(done.decided_on == std::optional<mpp::Date>(d(2022, 10, 25)));
    const auto v = mpp::sla_as_of(done, *f.calendar, d(2022, 11, 30));
    CHECK(v.due_on == d(2022, 10, 25));
    CHECK(v.elapsed == 1);
    CHECK(v.on_time == std::optional<bool>(true));
}

TEST_CASE("a returned stay pauses the clock; an open stay counts up to the day judged")
{
    Fixture f;
    auto in = f.ktp();
    in.service = "PDAM-BARU"; // 14 working days
    const auto a = f.store->create(in, k_actor);
    CHECK(a.start_on == d(2022, 10, 24));
    CHECK(a.due_on == d(2022, 11, 11));
    f.store->set_status(a.reference, "returned", at("2022-10-25 10:00"), std::nullopt, k_actor);
    auto open = f.store->get(a.reference);
    CHECK(mpp::sla_as_of(open, *f.calendar, d(2022, 10, 28)).due_on == d(2022, 11, 16));
    CHECK(mpp::sla_as_of(open, *f.calendar, d(2022, 10, 28)).elapsed == 1);
    f.store->set_status(a.reference, "processing", at("2022-10-31 09:00"), std::nullopt, k_actor);
    const auto back = f.store->get(a.reference);
    CHECK(back.paused_days == 4); // 26, 27, 28, 31 October
    CHECK(back.due_on == d(2022, 11, 17));
    f.store->set_status(a.reference, "completed", at("2022-11-18 09:00"), std::nullopt, k_actor);
    const auto v = mpp::sla_as_of(f.store->get(a.reference), *f.calendar, d(2022, 12, 1));
    CHECK(v.on_time == std::optional<bool>(false));
    CHECK(v.elapsed == 15);
}

TEST_CASE("Saturday outreach starts the clock on Monday; the overdue flag")
{
    Fixture f;
    const auto a = f.store->create(f.ktp("2022-10-29 07:30"), k_actor);
    CHECK(a.start_on == d(2022, 10, 31));
    CHECK(a.due_on == d(2022, 11, 1));
    CHECK_FALSE(mpp::sla_as_of(a, *f.calendar, d(2022, 11, 1)).overdue);
    CHECK(mpp::sla_as_of(a, *f.calendar, d(2022, 11, 2)).overdue);
}

TEST_CASE("local-date bucketing near midnight follows the office offset")
{
    Fixture f;
    const auto a = f.store->create(f.ktp("2022-10-31T16:30:00Z"), k_actor); // 00:30 WITA 1 Nov
    CHECK(a.submitted_on == d(2022, 11, 1));
    CHECK(a.reference == "KPG-202211-000001");
}

TEST_CASE("new applications are checked against the service and the date order")
{
    Fixture f;
    auto retired = f.ktp();
    retired.service = "OLD";
    CHECK_THROWS_AS(f.store->create(retired, k_actor), mpp::Error);
    auto unknown = f.ktp();
    unknown.service = "NOPE";
    CHECK_THROWS_AS(f.store->create(unknown, k_actor), mpp::Error);
    auto final_without_date = f.ktp();
    final_without_date.status = "completed";
    CHECK_THROWS_AS(f.store->create(final_without_date, k_actor), mpp::Error);
    auto decided_before = f.ktp();
    decided_before.status = "completed";
    decided_before.decided_at = at("2022-10-23 12:00");
    CHECK_THROWS_AS(f.store->create(decided_before, k_actor), mpp::Error);
    // A date without a time on the submission day is not before it.
    auto same_day = f.ktp();
    same_day.status = "completed";
    same_day.decided_at = at("2022-10-24");
    const auto ok = f.store->create(same_day, k_actor);
    CHECK(ok.decided_on == std::optional<mpp::Date>(d(2022, 10, 24)));
    CHECK(f.store->history(ok.id).size() == 2);
}

TEST_CASE("changing the calendar moves stored due dates")
{
    Fixture f;
    const auto a = f.store->create(f.ktp(), k_actor);
    CHECK(a.due_on == d(2022, 10, 25));
    mpp::CalendarStore(f.db->sql())
        .add({d(2022, 10, 25), "regional", "Libur daerah"}, false, k_actor);
    mpp::refresh_application_dates(f.db->sql());
    f.reload();
    CHECK(f.store->get(a.reference).due_on == d(2022, 10, 26));
}

TEST_CASE("application_table masks personal data unless asked")
{
    Fixture f;
    auto in = f.ktp();
    in.phone = "+6281234567890";
    const auto a = f.store->create(in, k_actor);
    const auto masked =
        mpp::application_table({a}, *f.calendar, d(2022, 10, 24), k_wita, false, false);
    CHECK(masked.rows[0][3] == std::optional<std::string>("5371**********01"));
    CHECK(masked.rows[0][4] == std::optional<std::string>("0812*****890"));
    const auto full = mpp::application_table({a}, *f.calendar, d(2022, 10, 24), k_wita, true, true);
    CHECK(full.rows[0][3] == std::optional<std::string>("5371014107900001"));
    CHECK(full.columns.size() == 13);
}

TEST_CASE("import: Excel-rounded NIKs are refused unless accepted")
{
    Fixture f;
    std::string csv = "service,applicant_name,nik,submitted_at,status\n";
    for (int i = 1; i <= 25; ++i)
    {
        csv += "DUKCAPIL-KTP,Orang " + std::to_string(i) + ",53710101079" +
               std::to_string(10000 + i * 10) + ",24/10/2022 09:00,diterima\n";
    }
    mpp::ApplicationImport target(f.db->sql(), k_actor);
    const auto r = mpp::run_import(*f.db, k_actor, f.dir.write("a.csv", csv), target, {});
    CHECK(r.file_invalid);
    CHECK(r.batch_id == 0);
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems[0].message.find("Excel rounded") != std::string::npos);
    mpp::ImportOptions accept;
    accept.accept_trailing_zeros = true;
    mpp::ApplicationImport again(f.db->sql(), k_actor);
    CHECK(
        mpp::run_import(*f.db, k_actor, f.dir.write("b.csv", csv), again, accept).counts.inserted ==
        25);
}

TEST_CASE("the allowed moves are data.md's lifecycle table, exactly")
{
    using Moves = std::vector<std::string>;
    const std::map<std::string, Moves> table = {
        {"submitted", {"verified", "returned", "processing", "completed", "rejected", "cancelled"}},
        {"verified", {"processing", "returned", "completed", "rejected", "cancelled"}},
        {"processing", {"returned", "completed", "rejected", "cancelled"}},
        {"returned", {"submitted", "verified", "processing", "cancelled"}},
        {"completed", {}},
        {"rejected", {}},
        {"cancelled", {}}};
    for (const std::string& from : mpp::application_statuses())
    {
        CAPTURE(from);
        Moves got = mpp::allowed_moves(from);
        Moves want = table.at(from);
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        CHECK(got == want);
        CHECK(mpp::is_final_status(from) == want.empty());
    }
    // Through the store: a returned application comes back before it is decided.
    Fixture f;
    const auto a = f.store->create(f.ktp(), k_actor);
    f.store->set_status(a.reference, "processing", at("2022-10-24 10:00"), std::nullopt, k_actor);
    f.store->set_status(a.reference, "returned", at("2022-10-24 11:00"), std::nullopt, k_actor);
    CHECK_THROWS_AS(f.store->set_status(a.reference, "completed", at("2022-10-24 12:00"),
                                        std::nullopt, k_actor),
                    mpp::Error);
    CHECK(f.store->get(a.reference).status == "returned");
}

TEST_CASE("a cancellation is not a decision: no on-time figure, but it ends the clock")
{
    Fixture f;
    const auto a = f.store->create(f.ktp(), k_actor);
    f.store->set_status(a.reference, "cancelled", at("2022-10-24 10:00"), std::nullopt, k_actor);
    const auto v = mpp::sla_as_of(f.store->get(a.reference), *f.calendar, d(2022, 11, 30));
    CHECK_FALSE(v.on_time.has_value());
    CHECK_FALSE(v.overdue);
    CHECK(v.elapsed == 0);
}
