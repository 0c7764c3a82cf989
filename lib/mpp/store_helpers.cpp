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
    const FieldChanges changes = before.value_or(RawRecord()).changes_to(after);
    JsonObject obj;
    for (const auto& spec : fields)
    {
        for (const FieldChange& c : changes)
        {
            if (c.field != spec.name)
            {
                continue;
            }
            if (before)
            {
                obj.add_raw(spec.name, JsonObject().add("from", c.from).add("to", c.to).str());
            }
            else
            {
                obj.add(spec.name, c.to);
            }
        }
    }
    return obj.str();
}

} // namespace mpp
