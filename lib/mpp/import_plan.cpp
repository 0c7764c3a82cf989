#include "mpp/import_plan.hpp"

#include "mpp/json.hpp"
#include "mpp/text.hpp"

#include <fmt/format.h>

namespace mpp
{
namespace
{

// The fields that describe a new record of each noun in the plan.
std::vector<std::string> summary_fields(const std::string& noun)
{
    if (noun == "application")
    {
        return {"service", "status"};
    }
    if (noun == "service")
    {
        return {"agency", "name"};
    }
    if (noun == "survey")
    {
        return {"surveyed_on", "service", "agency"};
    }
    if (noun == "agency")
    {
        return {"name", "kind"};
    }
    if (noun == "complaint")
    {
        return {"channel", "status"};
    }
    if (noun == "visit")
    {
        return {"service", "outcome", "channel", "count"};
    }
    return {"kind", "name"}; // calendar
}

std::string shown(const std::optional<std::string>& text)
{
    return text ? escape_controls(*text) : std::string("(empty)");
}

std::string json_text(const std::optional<std::string>& text)
{
    return text ? json_quote(*text) : std::string("null");
}

// cli.md: money and counts are JSON numbers; a fee written as text (a variable fee) stays text.
std::string json_value(const std::string& field, const std::optional<std::string>& text)
{
    const bool numeric_field = field == "fee" || field == "sla_days" || field == "paused_days";
    const bool number = text && !text->empty() && text->size() < 19 &&
                        text->find_first_not_of("0123456789") == std::string::npos;
    return numeric_field && number ? *text : json_text(text);
}

std::string change_json(const RowChange& c)
{
    return JsonObject()
        .add("line", static_cast<long long>(c.line))
        .add("key", std::optional<std::string>(c.key))
        .add("action", c.action == RowOutcome::inserted ? "insert" : "update")
        .add_raw("fields", field_changes_json(c.fields))
        .str();
}

} // namespace

std::string field_changes_json(const FieldChanges& changes)
{
    JsonObject fields;
    for (const FieldChange& f : changes)
    {
        fields.add_raw(f.field, fmt::format("[{},{}]", json_value(f.field, f.from),
                                            json_value(f.field, f.to)));
    }
    return fields.str();
}

std::string plan_line(const RowChange& change, const std::string& noun)
{
    std::vector<std::string> parts;
    if (change.action == RowOutcome::inserted)
    {
        for (const std::string& name : summary_fields(noun))
        {
            for (const FieldChange& f : change.fields)
            {
                if (f.field == name && f.to)
                {
                    parts.push_back(escape_controls(*f.to));
                }
            }
        }
        return fmt::format("+ {} new ({})", escape_controls(change.key), join(parts, ", "));
    }
    for (const FieldChange& f : change.fields)
    {
        parts.push_back(fmt::format("{} {} → {}", f.field, shown(f.from), shown(f.to)));
    }
    return fmt::format("~ {} {}", escape_controls(change.key), join(parts, "; "));
}

void write_import_json(std::ostream& out, const ImportResult& r, const std::optional<std::string>& error)
{
    const auto count = [](std::uint64_t n) { return static_cast<long long>(n); };
    const bool none = r.nothing_written;
    JsonObject obj;
    obj.add_raw("batch", r.batch_id > 0 ? std::to_string(r.batch_id) : "null")
        .add("file", std::optional<std::string>(r.file))
        .add("sha256", r.sha256.empty() ? std::nullopt : std::optional<std::string>(r.sha256))
        .add("inserted", none ? 0 : count(r.counts.inserted))
        .add("updated", none ? 0 : count(r.counts.updated))
        .add("unchanged", count(r.counts.unchanged))
        .add("skipped", count(r.counts.skipped))
        .add("invalid", count(r.counts.invalid))
        .add_raw("seconds", fmt::format("{:.3f}", r.seconds))
        .add_raw("previous_batch", r.previous_batch ? std::to_string(*r.previous_batch) : "null")
        .add("error", error);
    std::string text = obj.str();
    if (!r.dry_run)
    {
        out << text << '\n';
        return;
    }
    text.pop_back(); // the closing brace: `changes` follows
    out << text << ",\"changes\":[";
    for (std::size_t i = 0; i < r.changes.size(); ++i)
    {
        out << (i > 0 ? "," : "") << change_json(r.changes[i]);
    }
    out << "]}\n";
}

} // namespace mpp
