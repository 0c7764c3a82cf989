// Corrections: the masked change, the order of a submission and its history, the stored dates
// and the report tallies after a correction, a void and an unvoid.
#include "helpers.hpp"
#include "mpp/correction.hpp"
#include "mpp/import_plan.hpp"
#include "mpp/tally.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_wita;
constexpr auto at = mpp::test::wita;

struct Fixture : mpp::test::KupangDatabase
{
    mpp::Application ktp(const char* when = "2022-10-24 09:15")
    {
        mpp::NewApplication a;
        a.service = "DUKCAPIL-KTP";
        a.applicant_name = "Maria Lay";
        a.nik = "5371014107900001";
        a.phone = "+6281234567890";
        a.submitted_at = at(when);
        return store->create(a, k_actor);
    }
    mpp::CorrectionRequest request(const std::string& reference)
    {
        mpp::CorrectionRequest r;
        r.reference = reference;
        r.reason = "salah ketik";
        return r;
    }
    long long received(const char* day)
    {
        SQLite::Statement st(db->sql(), "SELECT coalesce(sum(received), 0) FROM report_day WHERE "
                                        "day = ?");
        st.bind(1, day);
        st.executeStep();
        return st.getColumn(0).getInt64();
    }
};
} // namespace

TEST_CASE("a change lists the fields that differ, masked, in a fixed order")
{
    mpp::Application before;
    before.service = "A";
    before.nik = "5371014107900001";
    before.phone = "+6281234567890";
    before.fee = 5000;
    mpp::Application after = before;
    CHECK(mpp::changed_fields(before, after, mpp::UtcOffset{}).empty());
    after.nik = "5371014107900002";
    after.phone.reset();
    after.fee = 0;
    after.service = "B";
    const auto changes = mpp::changed_fields(before, after, mpp::UtcOffset{});
    REQUIRE(changes.size() == 4);
    CHECK(changes[0] == mpp::FieldChange{"service", "A", "B"});
    CHECK(changes[1] == mpp::FieldChange{"nik", "5371**********01", "5371**********02"});
    CHECK(changes[2] == mpp::FieldChange{"phone", "0812*****890", std::nullopt});
    CHECK(changes[3] == mpp::FieldChange{"fee", "5000", "0"});
    CHECK(mpp::field_changes_json(changes) ==
          R"({"service":["A","B"],"nik":["5371**********01","5371**********02"],)"
          R"("phone":["0812*****890",null],"fee":[5000,0]})");
}

TEST_CASE("a submission may not follow the first status change of its history")
{
    const mpp::Instant submitted = at("2022-10-24 09:00");
    const mpp::Instant verified = at("2022-10-25 10:00");
    std::vector<mpp::StatusEvent> history = {
        {submitted, std::nullopt, "submitted", "x", std::nullopt, "status", std::nullopt},
        {verified, std::string("submitted"), "verified", "x", std::nullopt, "status",
         std::nullopt}};
    CHECK_NOTHROW(mpp::check_submission_order(verified, history, k_wita));
    CHECK_THROWS_WITH(
        mpp::check_submission_order(verified + 60, history, k_wita),
        doctest::Contains("first status change (verified at 2022-10-25T10:00:00+08:00)"));
    // A correction is no status change: only the submission and the moves count.
    history.erase(history.begin() + 1);
    history.push_back({submitted, std::nullopt, "submitted", "x", std::nullopt, "corrected", "{}"});
    CHECK_NOTHROW(mpp::check_submission_order(verified + 60, history, k_wita));
}

TEST_CASE("a correction rewrites the stored dates and moves the tallies, in one go")
{
    Fixture f;
    const mpp::Application a = f.ktp("2022-10-24 09:15");
    CHECK(a.due_on == *mpp::make_date(2022, 10, 25));
    auto r = f.request(a.reference);
    r.service = "pdam-baru";
    r.submitted_at = "2022-10-26 08:00";
    r.dry_run = true;
    const mpp::CorrectionResult dry = mpp::correct_application(*f.db, r, k_actor);
    CHECK(dry.after.due_on == *mpp::make_date(2022, 11, 15));
    CHECK(f.store->get(a.reference).service == "DUKCAPIL-KTP"); // nothing written
    r.dry_run = false;
    const mpp::CorrectionResult done = mpp::correct_application(*f.db, r, k_actor);
    REQUIRE(done.changes.size() == 2);
    CHECK(done.fee_notice.has_value()); // PDAM-BARU charges Rp 1.500.000, the fee stays 0
    const mpp::Application stored = f.store->get(a.reference);
    CHECK(stored.service == "PDAM-BARU");
    CHECK(stored.sla_days == 14);
    CHECK(stored.fee == 0);
    CHECK(stored.submitted_on == *mpp::make_date(2022, 10, 26));
    CHECK(stored.due_on == *mpp::make_date(2022, 11, 15));
    CHECK(f.received("2022-10-24") == 0);
    CHECK(f.received("2022-10-26") == 1);
    CHECK(mpp::check_tallies(f.db->sql()).empty());
    // Nothing to change: nothing written.
    CHECK(mpp::correct_application(*f.db, r, k_actor).changes.empty());
    CHECK(f.store->history(a.id).size() == 2);
}

TEST_CASE("a correction of an application in `returned` leaves its pause alone")
{
    Fixture f;
    const mpp::Application a = f.ktp("2022-10-24 09:15");
    f.store->set_status(a.reference, "returned", at("2022-10-24 11:00"), std::nullopt, k_actor);
    auto r = f.request(a.reference);
    r.name = "Maria Goreti Lay";
    mpp::correct_application(*f.db, r, k_actor);
    const auto stays = f.store->stays(a.id);
    REQUIRE(stays.size() == 1);
    CHECK_FALSE(stays[0].left.has_value());
    CHECK(f.store->get(a.reference).paused_since == *mpp::make_date(2022, 10, 24));
    // The stay still ends when the application leaves `returned`.
    f.store->set_status(a.reference, "processing", at("2022-10-27 09:00"), std::nullopt, k_actor);
    CHECK(f.store->stays(a.id)[0].left == *mpp::make_date(2022, 10, 27));
    CHECK(mpp::returned_stays(f.db->sql(), k_wita).at(a.id).size() == 1);
    CHECK(mpp::check_tallies(f.db->sql()).empty());
}

TEST_CASE("a void application counts nowhere until it is restored")
{
    Fixture f;
    const mpp::Application a = f.ktp("2022-10-24 09:15");
    f.ktp("2022-10-24 10:00");
    CHECK(f.received("2022-10-24") == 2);
    mpp::set_void(*f.db, a.reference, "dientri dua kali", true, k_actor);
    CHECK(f.received("2022-10-24") == 1);
    CHECK(mpp::check_tallies(f.db->sql()).empty());
    CHECK(f.store->list({}).size() == 1);
    mpp::ApplicationFilter all;
    all.include_void = true;
    CHECK(f.store->list(all).size() == 2);
    CHECK_THROWS_WITH(mpp::set_void(*f.db, a.reference, "lagi", true, k_actor),
                      doctest::Contains("is already void"));
    CHECK_THROWS_WITH(
        f.store->set_status(a.reference, "verified", at("2022-10-25 09:00"), std::nullopt, k_actor),
        doctest::Contains("is void"));
    CHECK_THROWS_AS(mpp::set_void(*f.db, a.reference, std::nullopt, false, k_actor), mpp::Error);
    // A void record may be corrected; it still counts nowhere.
    auto r = f.request(a.reference);
    r.submitted_at = "2022-10-26 08:00";
    CHECK(mpp::correct_application(*f.db, r, k_actor).changes.size() == 1);
    CHECK(f.received("2022-10-26") == 0);
    CHECK(mpp::check_tallies(f.db->sql()).empty());
    mpp::set_void(*f.db, a.reference, "bukan duplikat", false, k_actor);
    CHECK(f.received("2022-10-24") == 1);
    CHECK(f.received("2022-10-26") == 1);
    CHECK(mpp::check_tallies(f.db->sql()).empty());
    const auto history = f.store->history(a.id);
    REQUIRE(history.size() == 4);
    CHECK(history[1].kind == "voided");
    CHECK(history[2].kind == "corrected");
    CHECK(history[3].kind == "unvoided");
    CHECK(history[3].note == "bukan duplikat");
}
