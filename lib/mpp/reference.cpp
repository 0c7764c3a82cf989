#include "mpp/reference.hpp"

#include "mpp/error.hpp"
#include "mpp/store_helpers.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

const char* roman(int month)
{
    static const char* k_roman[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                    "VII", "VIII", "IX",  "X",  "XI", "XII"};
    return k_roman[month - 1];
}

} // namespace

ReferenceMaker::ReferenceMaker(const OfficeSettings& office)
    : m_template(office.reference_template), m_office(office.code)
{
}

ReferenceMaker::Parts ReferenceMaker::parts(Date submitted_on, const std::string& agency,
                                            const std::string& service) const
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(submitted_on, y, m, d);
    Parts p;
    std::string* out = &p.prefix;
    for (std::size_t i = 0; i < m_template.size();)
    {
        if (m_template[i] != '{')
        {
            *out += m_template[i++];
            continue;
        }
        const std::size_t close = m_template.find('}', i);
        const std::string part = m_template.substr(i + 1, close - i - 1);
        i = close + 1;
        if (part == "office")
        {
            *out += m_office;
        }
        else if (part == "agency")
        {
            *out += agency;
        }
        else if (part == "service")
        {
            *out += service;
        }
        else if (part == "yyyy")
        {
            *out += fmt::format("{:04}", y);
        }
        else if (part == "yy")
        {
            *out += fmt::format("{:02}", y % 100);
        }
        else if (part == "mm")
        {
            *out += fmt::format("{:02}", m);
        }
        else if (part == "mm_roman")
        {
            *out += roman(m);
        }
        else if (part.rfind("seq:", 0) == 0)
        {
            p.width = std::stoi(part.substr(4));
            out = &p.suffix;
        }
    }
    return p;
}

Sequence::Sequence(SQLite::Database& db, std::string table, std::string column)
    : m_db(db), m_taken_sql(fmt::format("SELECT 1 FROM {} WHERE {} = ?", table, column))
{
}

std::string Sequence::next(const std::string& key, const std::string& prefix, int width,
                           const std::string& suffix)
{
    auto& get = cached_statement(m_get, m_db, "SELECT last FROM reference_seq WHERE key = ?");
    get.bindNoCopy(1, key);
    long long n = get.executeStep() ? get.getColumn(0).getInt64() : 0;
    get.reset();
    auto& taken = cached_statement(m_taken, m_db, m_taken_sql.c_str());
    std::string text;
    do
    {
        ++n;
        text = prefix + fmt::format("{:0{}}", n, width) + suffix;
        taken.reset();
        taken.bindNoCopy(1, text);
    } while (taken.executeStep());
    taken.reset();
    raise(key, n);
    return text;
}

void Sequence::raise(const std::string& key, long long value)
{
    auto& st = cached_statement(m_set, m_db,
                                "INSERT INTO reference_seq (key, last) VALUES (?1, ?2) ON "
                                "CONFLICT (key) DO UPDATE SET last = max(last, ?2)");
    st.bindNoCopy(1, key);
    st.bind(2, static_cast<std::int64_t>(value));
    st.exec();
}

std::optional<std::size_t> pick_spelling(const std::vector<std::string>& found,
                                         std::string_view typed)
{
    const std::string given = trim(typed);
    for (std::size_t i = 0; i < found.size(); ++i)
    {
        if (found[i] == given)
        {
            return i;
        }
    }
    if (found.size() > 1)
    {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("'{}' matches {} stored references that differ only in case: {}",
                                escape_controls(given), found.size(), join(found, ", ")),
                    "give the reference in its exact case");
    }
    return found.empty() ? std::nullopt : std::optional<std::size_t>(0);
}

} // namespace mpp
