// The import target for SKM survey files: scores 1-4 or a-d stored by unsur code, personal
// columns refused, the service and agency agreeing, the tallies kept in the same transaction.
#include "mpp/survey.hpp"

#include "mpp/settings.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

namespace mpp
{
namespace
{

// The words of each unsur as a survey form heads its column (`U1 Persyaratan`, `Persyaratan`).
constexpr std::array<const char*, k_unsur> k_unsur_words = {
    "persyaratan", "prosedur", "waktu_penyelesaian", "biaya", "produk",
    "kompetensi",  "perilaku", "pengaduan",          "sarana"};

std::vector<FieldSpec> make_fields()
{
    std::vector<FieldSpec> fields = {
        {"surveyed_on",
         true,
         {"tanggal", "tanggal_survei", "tgl_survei", "tanggal_survey", "tanggal_pengisian",
          "stempel_waktu", "cap_waktu", "timestamp"}},
        {"service", false, {"layanan", "kode_layanan", "jenis_layanan"}},
        {"agency", false, {"instansi", "kode_instansi"}}};
    for (int u = 1; u <= k_unsur; ++u)
    {
        const std::string word = k_unsur_words[static_cast<std::size_t>(u - 1)];
        fields.push_back({fmt::format("u{}", u),
                          false,
                          {fmt::format("unsur_{}", u), fmt::format("u_{}", u),
                           fmt::format("unsur{}", u), fmt::format("u{}_{}", u, word), word}});
    }
    fields.push_back({"gender", false, {"jenis_kelamin", "jk", "kelamin"}});
    fields.push_back({"age", false, {"umur", "usia"}});
    fields.push_back({"education", false, {"pendidikan", "pendidikan_terakhir"}});
    fields.push_back({"occupation", false, {"pekerjaan", "pekerjaan_utama"}});
    fields.push_back(
        {"suggestion", false, {"saran", "saran_dan_masukan", "masukan", "kritik_saran"}});
    return fields;
}

// The scores u1…u9 (at least one) and the optional respondent fields of a row.
void parse_answers(const RawRecord& raw, SurveyResponse& r, FieldProblems& problems)
{
    bool answered = false;
    for (int u = 0; u < k_unsur; ++u)
    {
        const std::string field = fmt::format("u{}", u + 1);
        if (const auto text = raw.get(field))
        {
            r.unsur[static_cast<std::size_t>(u)] =
                check_field(problems, field, [&] { return parse_unsur_score(*text); });
            answered = true;
        }
    }
    if (!answered)
    {
        problems.push_back({"", "no unsur answered: a response needs at least one of u1 … u9"});
    }
    if (const auto text = raw.get("gender"))
    {
        r.gender = check_field(problems, "gender", [&] { return parse_gender(*text); });
    }
    if (const auto text = raw.get("age"))
    {
        r.age = check_field(problems, "age", [&] { return parse_integer(*text, 10, 120); });
    }
    r.education = optional_text(raw, "education", 100, problems);
    r.occupation = optional_text(raw, "occupation", 100, problems);
    r.suggestion = optional_text(raw, "suggestion", 2000, problems, true);
}

// What a response stores, as the plan of --dry-run shows it (dates in ISO, scores as numbers).
RawRecord shown_response(const SurveyResponse& r, const RawRecord& raw)
{
    RawRecord shown;
    shown.set("surveyed_on", format_date(r.surveyed_on));
    for (const char* field : {"service", "agency"})
    {
        shown.set(field, to_upper(trim(raw.get(field).value_or(""))));
    }
    for (std::size_t u = 0; u < k_unsur; ++u)
    {
        shown.set(fmt::format("u{}", u + 1), r.unsur[u] ? std::to_string(*r.unsur[u]) : "");
    }
    shown.set("gender", r.gender.value_or(""));
    shown.set("age", r.age ? std::to_string(*r.age) : "");
    shown.set("education", r.education.value_or(""));
    shown.set("occupation", r.occupation.value_or(""));
    shown.set("suggestion", r.suggestion.value_or(""));
    return shown;
}

} // namespace

const std::vector<FieldSpec>& survey_fields()
{
    static const std::vector<FieldSpec> k_fields = make_fields();
    return k_fields;
}

int parse_unsur_score(const std::string& text)
{
    std::string t = to_lower(trim(text));
    // A form's labelled choice (`d. Sangat sesuai`, `4 - Sangat baik`, `D (Sangat Baik)`): the
    // leading code, when a separator and a label without digits follow it.
    const auto labelled = [&]
    {
        const std::string rest = t.substr(1);
        return t.size() > 2 && std::string(" .-)(:").find(rest[0]) != std::string::npos &&
               rest.find_first_of("0123456789") == std::string::npos &&
               std::any_of(rest.begin(), rest.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    if (labelled())
    {
        t.resize(1);
    }
    if (t.size() == 1 && t[0] >= '1' && t[0] <= '4')
    {
        return t[0] - '0';
    }
    if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'd')
    {
        return t[0] - 'a' + 1;
    }
    throw Error(ErrorKind::invalid_data,
                fmt::format("'{}' is not a score: expected 1-4 or a-d (empty: not answered)",
                            escape_controls(text)));
}

std::string unsur_of_header(const std::string& folded)
{
    for (const std::string prefix : {"unsur_", "unsur", "u_", "u"})
    {
        if (folded.rfind(prefix, 0) == 0 && folded.size() > prefix.size())
        {
            const char digit = folded[prefix.size()];
            const std::size_t after = prefix.size() + 1;
            if (digit >= '1' && digit <= '9' && (folded.size() == after || folded[after] == '_'))
            {
                return fmt::format("u{}", digit);
            }
        }
    }
    return "";
}

std::optional<Date> parse_form_timestamp(const std::string& text, UtcOffset office)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, off_h = 0, off_m = 0, used = 0;
    char half[3] = {};
    char sign = 0;
    const std::string t = trim(text);
    if (std::sscanf(t.c_str(), "%4d/%2d/%2d %2d:%2d:%2d %2[AaPp]%*[Mm] GMT%c%2d%n", &y, &mo, &d,
                    &h, &mi, &s, half, &sign, &off_h, &used) < 9 ||
        (sign != '+' && sign != '-') || h < 1 || h > 12 || mi > 59 || s > 59)
    {
        return std::nullopt;
    }
    if (static_cast<std::size_t>(used) < t.size() &&
        std::sscanf(t.c_str() + used, ":%2d", &off_m) != 1)
    {
        return std::nullopt;
    }
    const auto date = make_date(y, mo, d);
    if (!date)
    {
        return std::nullopt;
    }
    const int hour = h % 12 + (half[0] == 'P' || half[0] == 'p' ? 12 : 0);
    const UtcOffset form{(sign == '-' ? -1 : 1) * (off_h * 60 + off_m)};
    return local_date(local_midnight(*date, form) + hour * 3600 + mi * 60 + s, office);
}

std::string parse_gender(const std::string& text)
{
    const std::string t = fold_name(text);
    if (t == "l" || t == "laki_laki" || t == "lakilaki" || t == "pria")
    {
        return "L";
    }
    if (t == "p" || t == "perempuan" || t == "wanita")
    {
        return "P";
    }
    throw Error(
        ErrorKind::invalid_data,
        fmt::format("'{}': expected L (laki-laki) or P (perempuan)", escape_controls(text)));
}

std::optional<std::string> personal_column(const std::string& folded)
{
    // By the header's words, so that `N I K`, `N.I.K.`, `NIK Pemohon`, `No. WhatsApp` and
    // `Email Address` are caught too; `Nama Layanan` and `Nama Instansi` name no person.
    static const std::vector<std::pair<const char*, std::vector<std::string>>> k_personal = {
        {"nik", {"nik", "ktp", "nomorindukkependudukan"}},
        {"name", {"nama", "name", "namalengkap", "fullname"}},
        {"phone",
         {"hp", "nohp", "nomorhp", "telp", "notelp", "telepon", "notelepon", "nomortelepon",
          "phone", "phonenumber", "wa", "nowa", "nomorwa", "whatsapp", "nowhatsapp",
          "nomorwhatsapp"}},
        {"email", {"email", "surel", "alamatemail", "emailaddress"}},
        {"address", {"alamat", "address"}}};
    static const std::vector<std::string> k_not_a_person = {
        "layanan", "instansi", "service", "agency", "unit", "loket", "pelayanan"};
    const std::vector<std::string> words = split_trimmed(folded, "_");
    std::string joined;
    for (const std::string& w : words)
    {
        joined += w;
    }
    const bool about_office =
        words.size() > 1 && std::find(k_not_a_person.begin(), k_not_a_person.end(), words[1]) !=
                                k_not_a_person.end();
    for (const auto& [kind, names] : k_personal)
    {
        for (const std::string& name : names)
        {
            const bool whole = joined == name;
            const bool leads = !words.empty() && words[0] == name && !about_office;
            const bool contains = name.size() > 4 && joined.find(name) != std::string::npos;
            if (whole || leads || contains)
            {
                return fmt::format("personal data ({}) has no place in a survey: responses are "
                                   "anonymous",
                                   kind);
            }
        }
    }
    return std::nullopt;
}

struct SurveyImport::Owner
{
    long long agency_id = 0;
    std::optional<long long> service_id;
};

SurveyImport::SurveyImport(SQLite::Database& db, Actor actor) : m_db(db), m_actor(std::move(actor))
{
}

SurveyImport::~SurveyImport() = default;

void SurveyImport::begin(SQLite::Database& db)
{
    m_offset = load_office_settings(db).offset;
}

void SurveyImport::on_header(const std::vector<std::string>& fields, const ImportOptions& options)
{
    if (std::find(fields.begin(), fields.end(), "service") == fields.end() &&
        std::find(fields.begin(), fields.end(), "agency") == fields.end())
    {
        throw Error(ErrorKind::invalid_data,
                    "a survey file needs a service or an agency column (or both)",
                    "rename the column or use --map SOURCE=service");
    }
    if (options.force)
    {
        throw Error(ErrorKind::usage, "--force is refused for survey files: responses have no "
                                      "key, so every row would be stored a second time");
    }
}

std::optional<std::string> SurveyImport::load_once_hint() const
{
    return "a survey file loads once, as responses have no key: put new or corrected responses in "
           "a file of their own";
}

bool SurveyImport::find_service(const std::string& code, Owner& owner, std::string& agency,
                                FieldProblems& problems)
{
    SQLite::Statement& st = cached_statement(
        m_service, m_db,
        "SELECT s.id, s.agency_id, a.code FROM service s JOIN agency a ON a.id = s.agency_id "
        "WHERE s.code = ?");
    st.bind(1, to_upper(trim(code)));
    if (!st.executeStep())
    {
        problems.push_back({"service", fmt::format("service '{}' not found (see: mpp service "
                                                   "list --all)",
                                                   escape_controls(code))});
        return false;
    }
    owner.service_id = st.getColumn(0).getInt64();
    owner.agency_id = st.getColumn(1).getInt64();
    agency = st.getColumn(2).getString();
    return true;
}

// measures.md: a service or an agency (both: they must agree, the service belongs to it).
std::optional<SurveyImport::Owner> SurveyImport::owner_of(const RawRecord& raw,
                                                          FieldProblems& problems)
{
    const auto service = raw.get("service");
    const auto agency = raw.get("agency");
    if (!service && !agency)
    {
        problems.push_back({"service", "is required (or an agency)"});
        return std::nullopt;
    }
    Owner owner;
    std::string service_agency;
    if (service && !find_service(*service, owner, service_agency, problems))
    {
        return std::nullopt;
    }
    if (agency)
    {
        const std::string code = to_upper(trim(*agency));
        if (service && code != service_agency)
        {
            problems.push_back({"agency", fmt::format("'{}' does not match the service: {} belongs "
                                                      "to agency {}",
                                                      escape_controls(*agency),
                                                      to_upper(trim(*service)), service_agency)});
            return std::nullopt;
        }
        SQLite::Statement& st =
            cached_statement(m_agency, m_db, "SELECT id FROM agency WHERE code = ?");
        st.bind(1, code);
        if (!st.executeStep())
        {
            problems.push_back({"agency", fmt::format("agency '{}' not found (see: mpp agency "
                                                      "list --all)",
                                                      escape_controls(*agency))});
            return std::nullopt;
        }
        owner.agency_id = st.getColumn(0).getInt64();
    }
    return owner;
}

std::optional<SurveyResponse> SurveyImport::parse(const RawRecord& raw, FieldProblems& problems)
{
    const std::size_t before = problems.size();
    SurveyResponse r;
    if (const auto text = raw.get("surveyed_on"))
    {
        const auto d = check_field(problems, "surveyed_on",
                                   [&]
                                   {
                                       const auto form = parse_form_timestamp(*text, m_offset);
                                       const Date day = form ? *form : parse_date(*text, m_offset);
                                       const Instant midnight = local_midnight(day, m_offset);
                                       check_not_future(midnight, m_actor.now, m_offset);
                                       return day;
                                   });
        r.surveyed_on = d.value_or(Date{});
    }
    else
    {
        problems.push_back({"surveyed_on", "is required"});
    }
    parse_answers(raw, r, problems);
    const auto owner = owner_of(raw, problems);
    if (problems.size() > before)
    {
        return std::nullopt;
    }
    r.agency_id = owner->agency_id;
    r.service_id = owner->service_id;
    return r;
}

RowOutcome SurveyImport::apply(const RawRecord& record, std::size_t line, long long batch_id,
                               OnConflict on_conflict, FieldProblems& problems)
{
    (void)on_conflict; // no key: every valid row inserts (the re-import guard keeps files once)
    const auto r = parse(record, problems);
    if (!r)
    {
        return RowOutcome::skipped;
    }
    insert(*r, batch_id, line);
    if (change())
    {
        *change() = {line, fmt::format("line {}", line), RowOutcome::inserted,
                     RawRecord().changes_to(shown_response(*r, record))};
    }
    return RowOutcome::inserted;
}

void SurveyImport::insert(const SurveyResponse& r, long long batch_id, std::size_t line)
{
    SQLite::Statement& st = cached_statement(
        m_insert, m_db,
        "INSERT INTO survey_response (surveyed_on, agency_id, service_id, u1, u2, u3, u4, u5, u6, "
        "u7, u8, u9, gender, age, education, occupation, suggestion, batch_id, line, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, format_date(r.surveyed_on));
    st.bind(2, static_cast<std::int64_t>(r.agency_id));
    if (r.service_id)
    {
        st.bind(3, static_cast<std::int64_t>(*r.service_id));
    }
    for (std::size_t u = 0; u < k_unsur; ++u)
    {
        if (r.unsur[u])
        {
            st.bind(static_cast<int>(u) + 4, *r.unsur[u]);
        }
    }
    bind_text(st, 13, r.gender);
    if (r.age)
    {
        st.bind(14, static_cast<std::int64_t>(*r.age));
    }
    bind_text(st, 15, r.education);
    bind_text(st, 16, r.occupation);
    bind_text(st, 17, r.suggestion);
    st.bind(18, static_cast<std::int64_t>(batch_id));
    st.bind(19, static_cast<std::int64_t>(line));
    st.bind(20, format_utc(m_actor.now));
    st.exec();
    m_tally[{r.surveyed_on.days, r.agency_id, r.service_id.value_or(0)}].add_response(r.unsur);
}

void SurveyImport::before_commit()
{
    add_survey_tallies(m_db, m_tally);
    m_tally.clear();
}

} // namespace mpp
