#pragma once
// A minimal JSON object builder for audit details and machine output.
#include <optional>
#include <string>
#include <string_view>

namespace mpp
{

// `"text"` with JSON escapes (control characters as \u00XX, UTF-8 kept as is).
std::string json_quote(std::string_view text);

// Builds one flat JSON object, keys in insertion order.
class JsonObject
{
  public:
    // Add a string member (null when absent).
    JsonObject& add(std::string_view key, const std::optional<std::string>& value);
    JsonObject& add(std::string_view key, const char* value); // nullptr writes null
    // Add an integer member.
    JsonObject& add(std::string_view key, long long value);
    // Add a member whose value is already JSON.
    JsonObject& add_raw(std::string_view key, std::string_view json);
    // Whether any member was added.
    bool empty() const { return m_body.empty(); }
    // The object text.
    std::string str() const { return "{" + m_body + "}"; }

  private:
    void key(std::string_view name);
    std::string m_body;
};

} // namespace mpp
