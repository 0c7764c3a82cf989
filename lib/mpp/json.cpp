#include "mpp/json.hpp"

namespace mpp
{

std::string json_quote(std::string_view text)
{
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20 || u == 0x7F)
            {
                out += "\\u00";
                out += k_hex[u >> 4];
                out += k_hex[u & 0xF];
            }
            else
            {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

void JsonObject::key(std::string_view name)
{
    if (!m_body.empty())
    {
        m_body += ',';
    }
    m_body += json_quote(name);
    m_body += ':';
}

JsonObject& JsonObject::add(std::string_view name, const std::optional<std::string>& value)
{
    key(name);
    m_body += value ? json_quote(*value) : "null";
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, const char* value)
{
    return add(name, value == nullptr ? std::nullopt : std::optional<std::string>(value));
}

JsonObject& JsonObject::add(std::string_view name, long long value)
{
    key(name);
    m_body += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add_raw(std::string_view name, std::string_view json)
{
    key(name);
    m_body += json;
    return *this;
}

} // namespace mpp
