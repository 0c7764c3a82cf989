#include "mpp/store_helpers.hpp"

#include "mpp/json.hpp"
#include "mpp/values.hpp"

namespace mpp
{

std::optional<std::string> column_text(SQLite::Statement& st, int index)
{
    if (st.getColumn(index).isNull())
    {
        return std::nullopt;
    }
    return st.getColumn(index).getString();
}

void bind_text(SQLite::Statement& st, int index, const std::optional<std::string>& value)
{
    if (value)
    {
        st.bind(index, *value);
    }
    else
    {
        st.bind(index);
    }
}

SQLite::Statement& cached_statement(std::unique_ptr<SQLite::Statement>& slot, SQLite::Database& db,
                                    const char* sql)
{
    if (!slot)
    {
        slot = std::make_unique<SQLite::Statement>(db, sql);
    }
    slot->reset();
    slot->clearBindings();
    return *slot;
}

std::optional<std::string> optional_text(const RawRecord& raw, const std::string& field,
                                         std::size_t max, FieldProblems& problems,
                                         bool allow_newlines)
{
    const auto text = raw.get(field);
    if (!text)
    {
        return std::nullopt;
    }
    return check_field(problems, field, [&] { return parse_text(*text, max, allow_newlines); });
}

std::string change_detail(const std::vector<FieldSpec>& fields,
                          const std::optional<RawRecord>& before, const RawRecord& after)
{
    JsonObject obj;
    for (const auto& spec : fields)
    {
        const auto now = after.get(spec.name);
        if (!before)
        {
            if (now)
            {
                obj.add(spec.name, now);
            }
            continue;
        }
        const auto was = before->get(spec.name);
        if (was != now)
        {
            obj.add_raw(spec.name, JsonObject().add("from", was).add("to", now).str());
        }
    }
    return obj.str();
}

} // namespace mpp
