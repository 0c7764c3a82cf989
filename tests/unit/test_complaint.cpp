// Complaints (measures.md "Complaints"): the vocabulary, the masks, the time limit, generated
// ids per month, status moves, and complaint_sums computed by hand with a holiday.
#include "helpers.hpp"
#include "mpp/complaint.hpp"
#include "mpp/error.hpp"
#include "mpp/settings.hpp"

#include <doctest/doctest.h>

using namespace mpp;
using mpp::test::k_actor;
using mpp::test::wita;

namespace
{

// A Kupang database with 2022-11-15 (a Tuesday) as a regional holiday.
struct ComplaintDatabase : mpp::test::KupangDatabase
{
    ComplaintDatabase()
    {
        db->sql().exec("INSERT INTO calendar (date, kind, name) VALUES ('2022-11-15', 'regional', "
                       "'Libur daerah')");
        reload();
        complaints = std::make_unique<ComplaintStore>(db->sql(), office);
    }
    // Record a complaint (checked first, like every command does).
    Complaint add(const char* received, const char* agency, const char* service,
                  const char* status = "received", const char* status_at = nullptr,
                  const char* code = nullptr)
    {
        NewComplaint c;
        c.code = code ? std::optional<std::string>(code) : std::nullopt;
        c.received_at = wita(received);
        c.channel = "box";
        c.agency = agency ? std::optional<std::string>(agency) : std::nullopt;
        c.service = service ? std::optional<std::string>(service) : std::nullopt;
        c.subject = "keluhan";
        c.status = status;
        c.status_at = status_at ? std::optional<Instant>(wita(status_at)) : std::nullopt;
        FieldProblems problems;
        complaints->check(c, k_actor.now, problems);
        REQUIRE(problems.empty());
        return complaints->create(c, k_actor, std::nullopt);
    }
    std::unique_ptr<ComplaintStore> complaints;
};

Date day(int y, int m, int d)
{
    return *make_date(y, m, d);
}

} // namespace

TEST_CASE("complaint channels and statuses take their Indonesian names")
{
    CHECK(parse_complaint_channel("Kotak Saran") == "box");
    CHECK(parse_complaint_channel("langsung") == "counter");
    CHECK(parse_complaint_channel("loket") == "counter");
    CHECK(parse_complaint_channel("telepon") == "phone");
    CHECK(parse_complaint_channel("WA") == "whatsapp");
    CHECK(parse_complaint_channel("medsos") == "social");
    CHECK(parse_complaint_channel("media sosial") == "social");
    CHECK(parse_complaint_channel("SP4N-LAPOR") == "lapor");
    CHECK_THROWS_AS(parse_complaint_channel("fax"), Error);
    CHECK(parse_complaint_status("Diproses") == "in_progress");
    CHECK(parse_complaint_status("selesai") == "resolved");
    CHECK(parse_complaint_status("ditolak") == "rejected");
    // The words of SP4N-LAPOR! and office sheets.
    CHECK(parse_complaint_status("Ditindaklanjuti") == "in_progress");
    CHECK(parse_complaint_status("tindak lanjut") == "in_progress");
    CHECK(parse_complaint_status("Dalam Proses") == "in_progress");
    CHECK(parse_complaint_status("menunggu") == "received");
    CHECK(parse_complaint_status("tuntas") == "resolved");
    CHECK(parse_complaint_status("Ditutup") == "resolved");
    CHECK(parse_complaint_status("tidak valid") == "rejected");
    try
    {
        parse_complaint_status("batal");
        FAIL("batal is no status");
    }
    catch (const Error& e)
    {
        CHECK(std::string(e.what()) ==
              "'batal' is not one of: received (diterima, baru, menunggu), in_progress (diproses, "
              "proses, dalam proses, ditindaklanjuti, tindak lanjut), resolved (selesai, tuntas, "
              "ditutup), rejected (ditolak, tidak valid)");
    }
}

TEST_CASE("complaint moves: received settles on the spot, final ones stay")
{
    CHECK(complaint_move_allowed("received", "in_progress"));
    CHECK(complaint_move_allowed("received", "resolved"));
    CHECK(complaint_move_allowed("received", "rejected"));
    CHECK(complaint_move_allowed("in_progress", "resolved"));
    CHECK(complaint_move_allowed("in_progress", "rejected"));
    CHECK_FALSE(complaint_move_allowed("in_progress", "received"));
    CHECK_FALSE(complaint_move_allowed("received", "received"));
    CHECK_FALSE(complaint_move_allowed("resolved", "rejected"));
    CHECK_FALSE(complaint_move_allowed("rejected", "in_progress"));
}

TEST_CASE("the complainant's name and contact are masked")
{
    CHECK(mask_name("Maria Lay") == "M**** L**");
    CHECK(mask_name("Ñoño Bria") == "Ñ*** B***");
    CHECK(mask_contact("+6281234567890") == "0812*****890");
    CHECK(mask_contact("maria@mail.com") == "m***@mail.com");
    CHECK(parse_complaint_contact("0812-3456-7890") == "+6281234567890");
    CHECK(parse_complaint_contact("maria@mail.com") == "maria@mail.com");
    CHECK_THROWS_AS(parse_complaint_contact("12345"), Error);
}

TEST_CASE("generated ids run per month of the local received_at; given ones raise them")
{
    ComplaintDatabase t;
    CHECK(t.add("2022-10-24 09:00", nullptr, nullptr).code == "ADU-202210-0001");
    CHECK(
        t.add("2022-10-25 09:00", nullptr, nullptr, "received", nullptr, "ADU-202210-0007").code ==
        "ADU-202210-0007");
    // 00:30 WITA on 1 November is 31 October in UTC: the local month counts.
    CHECK(t.add("2022-11-01 00:30", nullptr, nullptr).code == "ADU-202211-0001");
    CHECK(t.add("2022-10-31 23:00", nullptr, nullptr).code == "ADU-202210-0008");
    CHECK(t.complaints->get("adu-202210-0008").code == "ADU-202210-0008");
}

TEST_CASE("complaint rules: service of another agency, status_at before received_at")
{
    ComplaintDatabase t;
    NewComplaint c;
    c.received_at = wita("2022-11-10 10:00");
    c.channel = "box";
    c.subject = "x";
    c.agency = "PDAM-KUPANG";
    c.service = "DUKCAPIL-KTP";
    c.status = "resolved";
    c.status_at = wita("2022-11-10 09:00");
    FieldProblems problems;
    t.complaints->check(c, k_actor.now, problems);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].field == "service");
    CHECK(problems[0].message == "'DUKCAPIL-KTP' belongs to agency DUKCAPIL, not PDAM-KUPANG");
    CHECK(problems[1].field == "status_at");
    CHECK(problems[1].message == "is before received_at");
    c.status_at.reset();
    problems.clear();
    c.agency.reset();
    t.complaints->check(c, k_actor.now, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "is required when the status is resolved");
    CHECK(c.agency == std::optional<std::string>("DUKCAPIL")); // the service names its agency
}

TEST_CASE("set-status: legal moves only, never before the last change, history appended")
{
    ComplaintDatabase t;
    const Complaint c = t.add("2022-11-10 10:00", "DUKCAPIL", nullptr);
    CHECK_THROWS_AS(t.complaints->set_status(c.code, "in_progress", wita("2022-11-10 09:59"),
                                             std::nullopt, k_actor),
                    Error);
    t.complaints->set_status(c.code, "in_progress", wita("2022-11-11 10:00"), "cek", k_actor);
    CHECK_THROWS_AS(t.complaints->set_status(c.code, "received", wita("2022-11-12 10:00"),
                                             std::nullopt, k_actor),
                    Error);
    const Complaint done = t.complaints->set_status(c.code, "rejected", wita("2022-11-14 23:30"),
                                                    std::nullopt, k_actor);
    CHECK(done.closed_on == day(2022, 11, 14));
    const auto events = t.complaints->history(c.id);
    REQUIRE(events.size() == 3);
    CHECK(events[1].note == std::optional<std::string>("cek"));
    CHECK(events[2].from == std::optional<std::string>("in_progress"));
    CHECK(events[2].to == "rejected");
}

TEST_CASE("the time limit counts working days like an application's SLA, holiday included")
{
    ComplaintDatabase t;
    // Received Thursday 10 Nov: 5 working days are 11, 14, 16, 17, 18 (15 is a holiday).
    Complaint c = t.add("2022-11-10 10:00", nullptr, nullptr);
    ComplaintSla sla = complaint_sla(c, *t.calendar, 5, day(2022, 11, 18));
    CHECK(sla.due_on == day(2022, 11, 18));
    CHECK(sla.elapsed == 5);
    CHECK_FALSE(sla.overdue);
    CHECK(complaint_sla(c, *t.calendar, 5, day(2022, 11, 21)).overdue);
    // Received on a Saturday: the clock starts Monday 14 Nov; due Tuesday 22.
    c = t.add("2022-11-12 09:00", nullptr, nullptr, "resolved", "2022-11-23 09:00");
    sla = complaint_sla(c, *t.calendar, 5, day(2022, 12, 1));
    CHECK(sla.due_on == day(2022, 11, 22));
    CHECK(sla.elapsed == 6); // 16, 17, 18, 21, 22, 23
    CHECK(sla.on_time == std::optional<bool>(false));
    CHECK_FALSE(sla.overdue);
}

TEST_CASE("complaint_sums of November 2022 by hand")
{
    ComplaintDatabase t;
    // C1: start Thu 10 Nov, due Fri 18 (11, 14, 16, 17, 18), resolved 18: 5 days, on time.
    t.add("2022-11-10 10:00", nullptr, "DUKCAPIL-KTP", "resolved", "2022-11-18 10:00");
    // C2: Saturday: start Mon 14, due Tue 22; resolved Mon 21: 4 days (16, 17, 18, 21), on time.
    t.add("2022-11-12 09:00", "DUKCAPIL", nullptr, "resolved", "2022-11-21 09:00");
    // C3 (the MPP): start Fri 28 Oct, due Fri 4 Nov; resolved Wed 9: 8 days (31, 1-4, 7-9), late.
    t.add("2022-10-28 10:00", nullptr, nullptr, "resolved", "2022-11-09 10:00");
    // C4: rejected in November.
    t.add("2022-11-20 10:00", nullptr, "PDAM-BARU", "rejected", "2022-11-22 10:00");
    // C5: still in progress; C6 (the MPP): resolved only in December; C7: December.
    t.add("2022-11-25 10:00", "DUKCAPIL", nullptr, "in_progress", "2022-11-28 10:00");
    t.add("2022-11-29 10:00", nullptr, nullptr, "resolved", "2022-12-02 10:00");
    t.add("2022-12-01 10:00", "DUKCAPIL", nullptr);
    const auto sums =
        complaint_sums(t.db->sql(), *t.calendar, 5, day(2022, 11, 1), day(2022, 11, 30));
    REQUIRE(sums.size() == 4);
    const ComplaintSums& ktp = sums.at({"DUKCAPIL", "DUKCAPIL-KTP"});
    CHECK(ktp.received == 1);
    CHECK(ktp.resolved == 1);
    CHECK(ktp.on_time == 1);
    CHECK(ktp.resolution_days == std::map<int, long long>{{5, 1}});
    const ComplaintSums& dukcapil = sums.at({"DUKCAPIL", ""});
    CHECK(dukcapil.received == 2);
    CHECK(dukcapil.resolved == 1);
    CHECK(dukcapil.open == 1);
    CHECK(dukcapil.resolution_days == std::map<int, long long>{{4, 1}});
    const ComplaintSums& mpp = sums.at({"", ""});
    CHECK(mpp.received == 1);
    CHECK(mpp.resolved == 1);
    CHECK(mpp.on_time == 0);
    CHECK(mpp.open == 1); // C6, closed after the period
    CHECK(mpp.resolution_days == std::map<int, long long>{{8, 1}});
    const ComplaintSums& pdam = sums.at({"PDAM-KUPANG", "PDAM-BARU"});
    CHECK(pdam.rejected == 1);
    CHECK(pdam.open == 0);
    ComplaintSums agency = ktp;
    agency.add(dukcapil);
    CHECK(*agency.resolution_median() == doctest::Approx(4.5));
    CHECK(*agency.on_time_pct() == doctest::Approx(100.0));
    // October: C3 received on the 28th and still open at its end.
    const auto october =
        complaint_sums(t.db->sql(), *t.calendar, 5, day(2022, 10, 1), day(2022, 10, 31));
    REQUIRE(october.size() == 1);
    CHECK(october.at({"", ""}).received == 1);
    CHECK(october.at({"", ""}).open == 1);
    CHECK(october.at({"", ""}).resolved == 0);
    const auto channels =
        complaint_sums_by_channel(t.db->sql(), *t.calendar, 5, day(2022, 11, 1), day(2022, 11, 30));
    REQUIRE(channels.size() == 1);
    CHECK(channels.at("box").received == 5);
    CHECK(channels.at("box").resolved == 3);
    CHECK(channels.at("box").open == 2);
}

TEST_CASE("a new UTC offset moves received_on and closed_on")
{
    ComplaintDatabase t;
    const Complaint c = t.add("2022-12-01 00:30", nullptr, nullptr, "resolved", "2022-12-02 00:30");
    CHECK(c.received_on == day(2022, 12, 1));
    set_setting(t.db->sql(), k_actor, "office.utc_offset", "+07:00");
    const Complaint moved = t.complaints->get(c.code);
    CHECK(moved.received_on == day(2022, 11, 30));
    CHECK(moved.closed_on == day(2022, 12, 1));
}
