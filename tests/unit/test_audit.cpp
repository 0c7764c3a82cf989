// The audit trail: operator names, `audit list` filters, unmasked bulk reads and the
// subject-access answer (data.md "Audit trail").
#include "helpers.hpp"
#include "mpp/audit.hpp"
#include "mpp/privacy.hpp"
#include "mpp/sla.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

namespace
{
using mpp::test::k_actor;
using mpp::test::k_wita;

mpp::Instant at(const char* text)
{
    return mpp::parse_when(text, k_wita).instant;
}

mpp::Actor actor_at(const char* text)
{
    return mpp::Actor{"tester", "root", at(text)};
}

const std::string k_maria = "5371014107900001";
const std::string k_yohanes = "5371010107900002";

struct Fixture : mpp::test::KupangDatabase
{
    mpp::Application submit(const std::string& nik, const char* service, const char* when,
                            const char* recorded)
    {
        mpp::NewApplication a;
        a.service = service;
        a.applicant_name = "Pemohon";
        a.nik = nik;
        a.submitted_at = at(when);
        return store->create(a, actor_at(recorded));
    }

    // An unmasked bulk read recorded at `when`, labelled by its reason.
    long long read(const char* reason, const char* when, mpp::ApplicationFilter f)
    {
        if (!f.as_of)
        {
            f.as_of = mpp::local_date(at(when), k_wita);
        }
        return mpp::audit_bulk_read(*db, *store, actor_at(when), "application export", reason, f);
    }

    // What each listed row is (its key, or the reason of a bulk read), one per line.
    std::string labels(const std::vector<mpp::AuditRecord>& rows)
    {
        std::string out;
        for (const auto& r : rows)
        {
            if (r.key)
            {
                out += r.action + " " + *r.key + "\n";
                continue;
            }
            const std::string& d = r.detail.value_or("");
            const std::size_t from = d.find("\"reason\":\"") + 10;
            out += r.action + " " + d.substr(from, d.find('"', from) - from) + "\n";
        }
        return out;
    }

    // A batch (as an import records it) that touched the given applications.
    void batch(int id, const std::vector<long long>& applications)
    {
        SQLite::Statement st(db->sql(),
                             "INSERT INTO batch (id, noun, file_name, sha256, rows_read, inserted, "
                             "updated, unchanged, skipped, invalid, operator, started_at, "
                             "finished_at) VALUES (?, 'application', 'f.csv', 'x', 1, 0, 1, 0, 0, "
                             "0, 'tester', 'x', 'x')");
        st.bind(1, id);
        st.exec();
        mpp::append_audit(
            db->sql(), k_actor,
            {"import", "application", "batch" + std::to_string(id), std::nullopt, id});
        for (const long long app : applications)
        {
            SQLite::Statement link(db->sql(), "INSERT INTO application_batch (application_id, "
                                              "batch_id, line) VALUES (?, ?, 2)");
            link.bind(1, static_cast<std::int64_t>(app));
            link.bind(2, id);
            link.exec();
            SQLite::Statement touch(db->sql(),
                                    "UPDATE application SET touched_batch = ? WHERE id = ?");
            touch.bind(1, id);
            touch.bind(2, static_cast<std::int64_t>(app));
            touch.exec();
        }
    }
};

} // namespace

TEST_CASE("operator names: 1-100 characters of UTF-8, no controls or bidi overrides")
{
    CHECK(!mpp::operator_name_problem("Loket 3"));
    CHECK(!mpp::operator_name_problem("Yoséf Ndun"));
    CHECK(!mpp::operator_name_problem(std::string(100, 'a')));
    std::string accents;
    for (int i = 0; i < 100; ++i)
    {
        accents += "\xC3\xA9"; // é: 100 characters, 200 bytes
    }
    CHECK(!mpp::operator_name_problem(accents));
    CHECK(mpp::operator_name_problem(accents + "e") == "operator must be 1-100 characters");
    CHECK(mpp::operator_name_problem(std::string(101, 'a')) == "operator must be 1-100 characters");
    CHECK(mpp::operator_name_problem("") == "operator must be 1-100 characters");
    CHECK(mpp::operator_name_problem("   ") == "operator must not be only spaces");
    CHECK(mpp::operator_name_problem("bad \xE9") == "operator must be valid UTF-8");
    const std::string control =
        "operator must not hold control or bidirectional-override characters";
    for (const char* bad :
         {"a\tb", "a\rb", "a\x1b[31m", "a\x7f", "a\xC2\x85", "\xE2\x80\xAEz", "a\xE2\x80\xAA",
          "a\xE2\x81\xA6", "a\xE2\x81\xA9", "a\xE2\x80\x8E", "a\xE2\x80\x8F"})
    {
        CAPTURE(std::string(bad));
        CHECK(mpp::operator_name_problem(bad) == control);
    }
    // Neighbours of the forbidden ranges are ordinary text.
    CHECK(!mpp::operator_name_problem("a\xE2\x80\x90z")); // U+2010 hyphen
    CHECK(!mpp::operator_name_problem("a\xC2\xA0z"));     // U+00A0 no-break space
}

TEST_CASE("audit list filters by time, entity and key, oldest first; a limit keeps the newest")
{
    Fixture f;
    const auto base = mpp::list_audit(f.db->sql(), {}).size();
    mpp::append_audit(f.db->sql(), actor_at("2022-10-20 10:00"),
                      {"create", "agency", "A", std::nullopt, std::nullopt});
    mpp::append_audit(f.db->sql(), actor_at("2022-10-25 10:00"),
                      {"update", "agency", "B", std::nullopt, std::nullopt});
    mpp::append_audit(f.db->sql(), actor_at("2022-10-26 10:00"),
                      {"setting", "setting", "B", std::nullopt, std::nullopt});
    CHECK(mpp::list_audit(f.db->sql(), {}).size() == base + 3);
    mpp::AuditFilter since;
    since.since = at("2022-10-25 00:00");
    const auto late = mpp::list_audit(f.db->sql(), since);
    REQUIRE(late.size() == base + 2); // the fixture writes at k_actor.now, in 2030
    CHECK(late[base].action == "update");
    CHECK(late[base + 1].action == "setting");
    mpp::AuditFilter entity;
    entity.entity = "agency";
    entity.key = "B";
    const auto b = mpp::list_audit(f.db->sql(), entity);
    REQUIRE(b.size() == 1);
    CHECK(b[0].action == "update");
    CHECK(b[0].at == at("2022-10-25 10:00"));
    mpp::AuditFilter limited;
    limited.key = "B";
    limited.limit = 1;
    CHECK(mpp::list_audit(f.db->sql(), limited).at(0).action == "setting"); // the newest
    limited.key = std::nullopt;
    limited.limit = 2;
    const auto tail = mpp::list_audit(f.db->sql(), limited);
    REQUIRE(tail.size() == 2); // the newest two, still oldest first
    CHECK(tail[0].action == "update");
    CHECK(tail[1].action == "setting");
    mpp::AuditFilter window;
    window.since = at("2022-10-20 00:00");
    window.before = at("2022-10-26 00:00");
    const auto days = mpp::list_audit(f.db->sql(), window);
    REQUIRE(days.size() == 2);
    CHECK(days[0].action == "create");
    CHECK(days[1].action == "update");
}

TEST_CASE("a bulk read records its filter, row count and last row")
{
    Fixture f;
    f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 09:15", "2022-10-24 09:15");
    const auto second = f.submit(k_yohanes, "PDAM-BARU", "2022-10-24 09:30", "2022-10-24 09:30");
    f.submit(k_yohanes, "PDAM-BARU", "2022-10-25 08:00", "2022-10-25 08:00");
    mpp::ApplicationFilter filter;
    filter.to = *mpp::make_date(2022, 10, 24);
    CHECK(f.read("sengketa", "2022-10-26 10:00", filter) == 2);
    const auto rows = mpp::list_audit(f.db->sql(), {});
    const auto& r = rows.back();
    CHECK(r.action == "unmasked_read");
    CHECK(!r.key);
    CHECK(r.detail == "{\"what\":\"application export\",\"reason\":\"sengketa\",\"filter\":"
                      "{\"agency\":null,\"service\":null,\"status\":null,\"from\":null,\"to\":"
                      "\"2022-10-24\",\"overdue\":false,\"as_of\":\"2022-10-26\",\"limit\":null},"
                      "\"rows\":2,\"last\":{\"submitted_at\":\"2022-10-24T01:30:00Z\","
                      "\"reference\":\"" +
                          second.reference + "\"}}");
}

TEST_CASE("subject access lists every batch, not only the last one")
{
    Fixture f;
    const auto maria = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 09:15", "2022-10-24 09:15");
    const auto other = f.submit(k_yohanes, "PDAM-BARU", "2022-10-24 09:30", "2022-10-24 09:30");
    f.batch(101, {maria.id});
    f.batch(102, {maria.id, other.id});
    f.batch(103, {other.id});
    f.batch(104, {maria.id});
    mpp::append_audit(f.db->sql(), k_actor,
                      {"correct", "applicant", maria.reference, std::nullopt, std::nullopt});
    mpp::append_audit(f.db->sql(), k_actor,
                      {"correct", "applicant", other.reference, std::nullopt, std::nullopt});
    const auto rows = mpp::subject_access(*f.db, *f.store, k_actor, k_maria, "surat 12/X");
    CHECK(f.labels(rows) == "create " + maria.reference +
                                "\nimport batch101\nimport batch102\nimport batch104\ncorrect " +
                                maria.reference + "\n");
    // The request itself is audited, with the NIK masked.
    const auto last = mpp::list_audit(f.db->sql(), {}).back();
    CHECK(last.action == "subject_access");
    CHECK(last.key == "5371**********01");
    CHECK(last.detail == "{\"reason\":\"surat 12/X\",\"rows\":5}");
}

TEST_CASE("subject access matches the person's applications against recorded bulk reads")
{
    Fixture f;
    f.submit(k_yohanes, "PDAM-BARU", "2022-10-24 08:00", "2022-10-24 08:00");
    f.read("before she came", "2022-10-24 08:30", {});
    // Maria: KTP submitted Monday 24 October (starts Tuesday, due Wednesday 26).
    const auto maria = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 09:15", "2022-10-24 09:15");
    f.read("all", "2022-10-24 10:00", {});
    mpp::ApplicationFilter dukcapil;
    dukcapil.agency = "DUKCAPIL";
    f.read("her agency", "2022-10-24 10:00", dukcapil);
    mpp::ApplicationFilter pdam;
    pdam.agency = "PDAM-KUPANG";
    f.read("another agency", "2022-10-24 10:00", pdam);
    mpp::ApplicationFilter ktp;
    ktp.service = "DUKCAPIL-KTP";
    f.read("her service", "2022-10-24 10:00", ktp);
    mpp::ApplicationFilter later;
    later.from = *mpp::make_date(2022, 10, 25);
    f.read("from the 25th", "2022-10-26 10:00", later);
    mpp::ApplicationFilter until_23;
    until_23.to = *mpp::make_date(2022, 10, 23);
    f.read("to the 23rd", "2022-10-26 10:00", until_23);
    mpp::ApplicationFilter first;
    first.limit = 1;
    f.read("first row only", "2022-10-26 10:00", first);
    mpp::ApplicationFilter two;
    two.limit = 2;
    f.read("first two rows", "2022-10-26 10:00", two);
    mpp::ApplicationFilter submitted;
    submitted.status = "submitted";
    f.read("submitted then", "2022-10-26 10:00", submitted);
    mpp::ApplicationFilter overdue;
    overdue.overdue = true;
    f.read("overdue on the 27th", "2022-10-27 10:00", overdue);
    overdue.as_of = *mpp::make_date(2022, 10, 25);
    f.read("due, not overdue, on the 25th", "2022-10-27 10:00", overdue);
    f.store->set_status(maria.reference, "completed", at("2022-10-28 10:00"), std::nullopt,
                        actor_at("2022-10-28 10:00"));
    f.read("submitted now", "2022-10-28 11:00", submitted);
    mpp::ApplicationFilter completed;
    completed.status = "completed";
    f.read("completed now", "2022-10-28 11:00", completed);
    overdue.as_of.reset();
    f.read("overdue after the decision", "2022-10-28 11:00", overdue);
    // A bulk read recorded before filters were recorded may have held anyone.
    mpp::append_audit(f.db->sql(), k_actor,
                      {"unmasked_read", "application", std::nullopt,
                       "{\"what\":\"application export\",\"reason\":\"old\",\"rows\":null}",
                       std::nullopt});
    mpp::audit_unmasked_record(*f.db, k_actor, "application show", "one record", maria.reference);
    const auto rows = mpp::subject_access(*f.db, *f.store, k_actor, k_maria, "surat 12/X");
    CHECK(f.labels(rows) == "create " + maria.reference +
                                "\n"
                                "unmasked_read all\n"
                                "unmasked_read her agency\n"
                                "unmasked_read her service\n"
                                "unmasked_read first two rows\n"
                                "unmasked_read submitted then\n"
                                "unmasked_read overdue on the 27th\n"
                                "status " +
                                maria.reference +
                                "\n"
                                "unmasked_read completed now\n"
                                "unmasked_read old\n"
                                "unmasked_read " +
                                maria.reference + "\n");
    // Yohanes was in the first read, but not in the reads about the DUKCAPIL agency.
    const auto his = f.labels(mpp::subject_access(*f.db, *f.store, k_actor, k_yohanes, "13/X"));
    CHECK(his.find("unmasked_read before she came\n") != std::string::npos);
    CHECK(his.find("unmasked_read first row only\n") != std::string::npos);
    CHECK(his.find("unmasked_read another agency\n") != std::string::npos);
    CHECK(his.find("unmasked_read her agency\n") == std::string::npos);
    CHECK(his.find("unmasked_read her service\n") == std::string::npos);
}

TEST_CASE("--overdue is judged in the core and the limit counts what passes")
{
    Fixture f;
    // KTP: submitted Monday 24 October, due Tuesday 25; PDAM (14 days) is due in November.
    const auto a = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 09:15", "2022-10-24 09:15");
    f.submit(k_yohanes, "PDAM-BARU", "2022-10-24 09:00", "2022-10-24 09:00"); // listed first
    const auto b = f.submit(k_yohanes, "DUKCAPIL-KTP", "2022-10-24 09:30", "2022-10-24 09:30");
    const auto c = f.submit(k_yohanes, "DUKCAPIL-KTP", "2022-10-24 09:40", "2022-10-24 09:40");
    f.store->set_status(c.reference, "completed", at("2022-10-26 08:00"), std::nullopt, k_actor);
    mpp::ApplicationFilter filter;
    filter.overdue = true;
    auto refs = [&](int day)
    {
        filter.as_of = *mpp::make_date(2022, 10, day);
        std::string out;
        for (const auto& x : f.store->list(filter))
        {
            out += x.reference + " ";
        }
        return out;
    };
    CHECK(refs(26) == a.reference + " " + b.reference + " "); // c was decided that day
    CHECK(refs(25) == "");                                    // the due day is not overdue
    CHECK(refs(24) == "");
    filter.limit = 1;
    CHECK(refs(26) == a.reference + " ");
    filter.limit.reset();
    // A stay in `returned` from the due day on: not overdue on working days, but on the
    // weekend in between (data.md: D > due_on with the stay counted up to D).
    f.store->set_status(a.reference, "returned", at("2022-10-25 08:00"), std::nullopt, k_actor);
    CHECK(refs(26) == b.reference + " ");
    CHECK(refs(29) == a.reference + " " + b.reference + " "); // Saturday
    CHECK(refs(31) == b.reference + " ");                     // Monday
}

TEST_CASE("the overdue rule: open at the end of the day, and the day after its due date")
{
    Fixture f;
    // Submitted Monday 24 October; one working day: due Tuesday 25.
    mpp::Application a = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 09:15", "2022-10-24 09:15");
    const mpp::WorkCalendar& cal = *f.calendar;
    auto day = [](int d) { return *mpp::make_date(2022, 10, d); };
    CHECK(mpp::due_on_day(a, {}, cal, day(26)) == day(25));
    CHECK(!mpp::judge_overdue(a, {}, cal, day(23))); // not submitted yet
    CHECK(!mpp::judge_overdue(a, {}, cal, day(25)));
    CHECK(mpp::judge_overdue(a, {}, cal, day(26)));
    CHECK(mpp::sla_as_of(a, cal, day(26)).overdue);
    a.decided_on = day(26); // decided that day: not open at its end
    CHECK(!mpp::judge_overdue(a, {}, cal, day(26)));
    CHECK(!mpp::open_past_due(a, day(25), day(26)));
    a.decided_on = day(27);
    CHECK(mpp::judge_overdue(a, {}, cal, day(26)));
    // A stay in `returned` from the due day on counts up to the day judged.
    a.decided_on.reset();
    const std::vector<mpp::Pause> stays = {{day(25), std::nullopt}};
    CHECK(mpp::due_on_day(a, stays, cal, day(27)) == day(27));
    CHECK(!mpp::judge_overdue(a, stays, cal, day(27)));
    CHECK(mpp::judge_overdue(a, stays, cal, day(29))); // Saturday
}

TEST_CASE("date filters use the submission-time index, not a scan of the table")
{
    Fixture f;
    mpp::ApplicationFilter filter;
    filter.from = *mpp::make_date(2022, 10, 24);
    filter.to = *mpp::make_date(2022, 10, 24);
    const auto plan = f.store->plan(filter);
    std::string text;
    for (const auto& line : plan)
    {
        text += line + "\n";
    }
    CAPTURE(text);
    CHECK(text.find("SEARCH a USING INDEX application_by_time (submitted_at>? AND "
                    "submitted_at<?)") != std::string::npos);
    CHECK(text.find("SCAN a") == std::string::npos);
    CHECK(text.find("TEMP B-TREE") == std::string::npos); // the index gives the order too
    // The filter's rows are exactly those submitted on the day (local date, +08:00).
    f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-23 23:59", "2022-10-24 09:00");
    const auto in = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 00:00", "2022-10-24 09:00");
    const auto late = f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-24 23:59", "2022-10-25 09:00");
    f.submit(k_maria, "DUKCAPIL-KTP", "2022-10-25 00:00", "2022-10-25 09:00");
    const auto rows = f.store->list(filter);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].reference == in.reference);
    CHECK(rows[1].reference == late.reference);
}

TEST_CASE("unknown codes in a filter are invalid data (65), not a missing record")
{
    Fixture f;
    mpp::ApplicationFilter filter;
    filter.agency = "nope";
    try
    {
        mpp::resolve_filter(f.db->sql(), filter);
        FAIL("accepted");
    }
    catch (const mpp::Error& e)
    {
        CHECK(e.kind() == mpp::ErrorKind::invalid_data);
        CHECK(std::string(e.what()) == "agency 'nope' not found (see: mpp agency list --all)");
    }
    filter.agency = "dukcapil";
    filter.service = "dukcapil-ktp";
    filter.status = "selesai";
    const auto resolved = mpp::resolve_filter(f.db->sql(), filter);
    CHECK(resolved.agency == "DUKCAPIL");
    CHECK(resolved.service == "DUKCAPIL-KTP");
    CHECK(resolved.status == "completed");
    filter.service = "NOPE";
    CHECK_THROWS_AS(mpp::resolve_filter(f.db->sql(), filter), mpp::Error);
}
