// The JSON builder of audit details and machine output: escapes, null, order, raw members.
#include "mpp/json.hpp"

#include <doctest/doctest.h>
#include <string>

TEST_CASE("json_quote escapes quotes, backslashes and control characters, keeps UTF-8")
{
    CHECK(mpp::json_quote("") == "\"\"");
    CHECK(mpp::json_quote("plain") == "\"plain\"");
    CHECK(mpp::json_quote("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(mpp::json_quote("C:\\mpp") == "\"C:\\\\mpp\"");
    CHECK(mpp::json_quote("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
    CHECK(mpp::json_quote(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
    CHECK(mpp::json_quote(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
    CHECK(mpp::json_quote("Kantor Camat Oebobo — ñ") == "\"Kantor Camat Oebobo — ñ\"");
    CHECK(mpp::json_quote("\x1b[31m") == "\"\\u001b[31m\"");
}

TEST_CASE("JsonObject keeps insertion order and writes null, integers and raw JSON")
{
    mpp::JsonObject o;
    CHECK(o.empty());
    CHECK(o.str() == "{}");
    o.add("b", "x").add("a", std::optional<std::string>()).add("n", -42LL);
    o.add_raw("list", "[1,2]").add("k\"ey", std::optional<std::string>("v\\"));
    CHECK_FALSE(o.empty());
    CHECK(o.str() == "{\"b\":\"x\",\"a\":null,\"n\":-42,\"list\":[1,2],\"k\\\"ey\":\"v\\\\\"}");
}

TEST_CASE("an empty string is a string, not null")
{
    CHECK(mpp::JsonObject().add("note", std::optional<std::string>("")).str() == "{\"note\":\"\"}");
    CHECK(mpp::JsonObject().add("big", 9007199254740993LL).str() == "{\"big\":9007199254740993}");
}

TEST_CASE("a null C string is JSON null, not a crash")
{
    const char* none = nullptr;
    CHECK(mpp::JsonObject().add("batch", none).str() == "{\"batch\":null}");
}
