// The monthly report for people, rendered from a hand-built PeriodReport: the changes of the
// headline box, the trend, the overdue list and its cut, the signature block, one agency.
#include "helpers.hpp"
#include "mpp/report_html.hpp"
#include "mpp/report_story.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace
{
using mpp::test::k_wita;

mpp::Date day(int y, int m, int d)
{
    return *mpp::make_date(y, m, d);
}

mpp::Figures figures(long long received, long long counter, long long online)
{
    mpp::Figures f;
    f.received = received;
    f.received_counter = counter;
    f.received_online = online;
    f.received_outreach = received - counter - online;
    f.carried_out = received;
    return f;
}

// October 2022 at an office of two agencies, 23 overdue at the end, 3 of them listed.
mpp::PeriodReport october()
{
    mpp::PeriodReport r;
    r.office_name = "Mal Pelayanan Publik Kota Kupang";
    r.office_code = "MPP-KPG";
    r.from = day(2022, 10, 1);
    r.to = day(2022, 10, 31);
    r.previous_received = 293;
    mpp::AgencyLine dukcapil{"DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", {}, {}};
    dukcapil.services.push_back({"DUKCAPIL-KTP", "Penerbitan KTP-el", figures(300, 250, 40)});
    dukcapil.totals = figures(300, 250, 40);
    mpp::AgencyLine pdam{"PDAM", "Perumda Air Minum", {}, {}};
    pdam.services.push_back({"PDAM-BARU", "Sambungan baru", figures(5, 5, 0)});
    pdam.totals = figures(5, 5, 0);
    r.agencies = {dukcapil, pdam};
    r.totals = figures(305, 255, 40);
    mpp::HeadlineBox box;
    box.current = {305, 200, 84.5, 120, 23, 1500, 88.3125, 4};
    box.previous_month = mpp::Headline{293, 203, 87.5, 120, 0, std::nullopt, 80.0, std::nullopt};
    r.headline = box; // no previous year: the office started in 2022
    for (int m = 0; m < 12; ++m)
    {
        r.trend.push_back({day(m < 2 ? 2021 : 2022, (m + 10) % 12 + 1, 1), m * 10, m * 5,
                           m ? std::optional<double>(50.0) : std::nullopt});
    }
    for (int k = 0; k < 3; ++k)
    {
        mpp::OverdueLine l;
        l.application.reference = "KPG-" + std::to_string(k);
        l.application.service = "DUKCAPIL-KTP";
        l.application.agency = "DUKCAPIL";
        l.application.applicant_name = "Maria Bria";
        l.application.nik = "5371012345678901";
        l.application.status = "processing";
        l.application.submitted_on = day(2022, 10, 3);
        l.due_on = day(2022, 10, 4);
        l.days_overdue = 19 - k;
        r.overdue_list.push_back(l);
    }
    r.overdue_more = 20;
    r.overdue_listed = true;
    r.signature = {"Kupang", "Kepala Dinas Penanaman Modal dan PTSP", "Drs. Yoseph Manafe",
                   "19700101 199001 1 001"};
    return r;
}

mpp::ReportStyle style(const std::string& format, const std::string& lang = "id")
{
    mpp::ReportStyle s;
    s.format = format;
    s.lang = lang;
    s.offset = k_wita;
    s.generated_at = 1667232300; // 2022-11-01T00:05:00+08:00
    return s;
}

std::string render(const mpp::PeriodReport& r, const mpp::ReportStyle& s)
{
    std::ostringstream out;
    mpp::render_report(out, r, s);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("a change from an earlier month: arrow, size, percent of the earlier month")
{
    CHECK(mpp::count_change(305, 293, "id") == "▲ 12 (+4,1 %)"); // 12/293 = 4.095 %
    CHECK(mpp::count_change(305, 293, "en") == "▲ 12 (+4.1%)");
    CHECK(mpp::count_change(50, 32, "id") == "▲ 18 (+56,3 %)"); // 18/32 = 56.25: half away
    CHECK(mpp::count_change(14, 32, "id") == "▼ 18 (-56,3 %)");
    CHECK(mpp::count_change(7, 10, "id") == "▼ 3 (-30,0 %)");
    CHECK(mpp::count_change(2500, 1000, "id") == "▲ 1.500 (+150,0 %)");
    CHECK(mpp::count_change(5, 0, "id") == "▲ 5"); // no percent of nothing
    CHECK(mpp::count_change(12, 12, "id") == "=");
    CHECK(mpp::count_change(12, std::nullopt, "id").empty()); // no data that month
    CHECK(mpp::decimal_change(84.5, 87.5, 1, "id") == "▼ 3,0");
    CHECK(mpp::decimal_change(88.3125, 80.0, 2, "id") == "▲ 8,31");
    CHECK(mpp::decimal_change(80.004, 80.0, 2, "en") == "=");
    CHECK(mpp::decimal_change(84.5, std::nullopt, 1, "id").empty());
    CHECK(mpp::decimal_change(std::nullopt, 84.5, 1, "id").empty());
}

TEST_CASE("the headline box: this month, the previous month, nothing for a year without data")
{
    const auto t = mpp::headline_table(october(), "id");
    REQUIRE(t.columns.size() == 4);
    CHECK(t.columns[1].label_id == "Oktober 2022");
    CHECK(t.columns[2].label_id == "dibanding September 2022");
    CHECK(t.columns[3].label_id == "dibanding Oktober 2021");
    using Row = std::vector<mpp::Cell>;
    REQUIRE(t.rows.size() == 8);
    CHECK(t.rows[0] == Row{"Diterima", "305", "▲ 12 (+4,1 %)", ""});
    CHECK(t.rows[1] == Row{"Diputus", "200", "▼ 3 (-1,5 %)", ""}); // 3/203 = 1.48 %
    CHECK(t.rows[2] == Row{"% tepat waktu", "84,5", "▼ 3,0", ""});
    CHECK(t.rows[3] == Row{"Masih diproses di akhir bulan", "120", "=", ""});
    CHECK(t.rows[4] == Row{"Lewat tempo di akhir bulan", "23", "▲ 23", ""});
    CHECK(t.rows[5] == Row{"Kunjungan", "1.500", "", ""}); // no queue machine in September
    CHECK(t.rows[6] == Row{"Nilai IKM", "88,31", "▲ 8,31", ""});
    CHECK(t.rows[7] == Row{"Pengaduan terbuka", "4", "", ""});
    auto r = october();
    r.headline->current.visits.reset();
    r.headline->current.ikm_converted.reset();
    r.headline->current.complaints_open.reset();
    CHECK(mpp::headline_table(r, "en").rows.size() == 5); // measures not recorded: left out
}

TEST_CASE("the table format: headline before the table, no old sentence, trend of 12 months")
{
    const std::string text = render(october(), style("table"));
    CHECK(text.find("Ringkasan") < text.find("JUMLAH MPP"));
    CHECK(text.find("Diterima") != std::string::npos);
    CHECK(text.find("▲ 12 (+4,1 %)") != std::string::npos);
    CHECK(text.find("Permohonan diterima: 305") == std::string::npos); // now in the box
    CHECK(count(text, " 2022 ") + count(text, " 2021 ") >= 12);
    CHECK(text.find("Nov 2021") != std::string::npos);
    CHECK(text.find("Okt 2022") != std::string::npos);
    CHECK(text.find("Penerbitan KTP-el") != std::string::npos); // names before codes
    CHECK(text.find("Jumlah Dinas Kependudukan") != std::string::npos);
    CHECK(text.find("Jemput bola") != std::string::npos);
    CHECK(text.find("5371**********01") != std::string::npos); // masked
    CHECK(text.find("5371012345678901") == std::string::npos);
    CHECK(text.find("Diproses") != std::string::npos); // the status in Indonesian
    auto r = october();
    r.headline.reset();
    CHECK(render(r, style("table")).find("Permohonan diterima: 305, naik 12") != std::string::npos);
}

TEST_CASE("the trend: twelve months, in markdown rows and in the HTML chart")
{
    const std::string md = render(october(), style("markdown"));
    CHECK(md.find("## Dua belas bulan terakhir") != std::string::npos);
    CHECK(md.find("| Nov 2021 | 0 | 0 |  |") != std::string::npos);
    CHECK(md.find("| Okt 2022 | 110 | 55 | 50,0 |") != std::string::npos);
    const std::string html = render(october(), style("html"));
    CHECK(count(html, "<g class=\"month\">") == 12);
    CHECK(html.find("<title>Oktober 2022: diterima 110, diputus 55</title>") != std::string::npos);
    CHECK(html.find("class=\"headline\"") < html.find("<table>"));
    CHECK(html.find("dibanding Sep 2022</span> ▲ 12 (+4,1 %)") != std::string::npos);
    CHECK(html.find("dibanding Okt 2021") == std::string::npos); // no data a year before
}

TEST_CASE("the overdue list: cut after the listed ones with the command for the rest")
{
    auto r = october();
    CHECK(mpp::overdue_more_line(r, "id") ==
          "… dan 20 lainnya: mpp report overdue --as-of 2022-10-31");
    CHECK(mpp::overdue_more_line(r, "en") ==
          "… and 20 more: mpp report overdue --as-of 2022-10-31");
    CHECK(mpp::block_title(r, "overdue", "id") == "Lewat tempo per 31 Oktober 2022: 23");
    const auto t = mpp::overdue_people_table(r, "id");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][1] == mpp::Cell("Penerbitan KTP-el"));
    CHECK(t.rows[0][7] == mpp::Cell("19"));
    CHECK(render(r, style("markdown")).find("… dan 20 lainnya") != std::string::npos);
    r.overdue_more = 0;
    CHECK(mpp::overdue_more_line(r, "id").empty());
    CHECK(render(r, style("html")).find("lainnya") == std::string::npos);
    r.overdue_listed = false; // --no-overdue-list
    const std::string text = render(r, style("table"));
    CHECK(text.find("Lewat tempo per") == std::string::npos);
    CHECK(text.find("KPG-0") == std::string::npos);
}

TEST_CASE("the signature block: place and day made, title, room to sign, name, NIP")
{
    auto r = october();
    using Lines = std::vector<std::string>;
    CHECK(mpp::signature_lines(r, style("table")) ==
          Lines{"Kupang, 1 November 2022", "Kepala Dinas Penanaman Modal dan PTSP", "", "", "",
                "Drs. Yoseph Manafe", "NIP 19700101 199001 1 001"});
    const std::string text = render(r, style("table"));
    CHECK(text.find("Kupang, 1 November 2022\nKepala Dinas Penanaman Modal dan PTSP\n\n\n\n"
                    "Drs. Yoseph Manafe\nNIP 19700101 199001 1 001\n") != std::string::npos);
    CHECK(render(r, style("html")).find("<div class=\"signature\">") != std::string::npos);
    r.signature.nip.clear();
    CHECK(mpp::signature_lines(r, style("table")).back() == "Drs. Yoseph Manafe");
    r.signature.name.clear(); // unset: no block at all
    CHECK(mpp::signature_lines(r, style("table")).empty());
    CHECK(render(r, style("table")).find("Kepala Dinas") == std::string::npos);
    CHECK(render(r, style("html")).find("class=\"signature\"") == std::string::npos);
}

TEST_CASE("one agency: its name in the title, its subtotal last, no MPP total")
{
    auto r = october();
    r.agency = "PDAM";
    r.agencies.erase(r.agencies.begin());
    const std::string text = render(r, style("table"));
    CHECK(text.rfind("Laporan bulanan pelayanan — Perumda Air Minum (PDAM) · Mal Pelayanan "
                     "Publik Kota Kupang (MPP-KPG)",
                     0) == 0);
    CHECK(text.find("JUMLAH MPP") == std::string::npos);
    const auto rows = mpp::report_human_rows(r, "en");
    REQUIRE(rows.size() == 2);
    CHECK(rows.back().cells[0] == "Subtotal Perumda Air Minum");
    CHECK(rows.back().code == "PDAM");
    CHECK(render(october(), style("html", "en")).find("TOTAL MPP") != std::string::npos);
}
