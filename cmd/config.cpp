// mpp config: show each effective setting and where it came from.
#include "common.hpp"

#include "mpp/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace mpp::cli
{
namespace
{

void run_show(Context& ctx)
{
    const Settings& s = ctx.settings();
    Table t;
    t.columns = {{"key", "Kunci", "Key", CellKind::code},
                 {"value", "Nilai", "Value", CellKind::free_text},
                 {"origin", "Asal", "Origin", CellKind::free_text}};
    for (const auto& item : s.listing)
    {
        t.rows.push_back({item.key, item.value, item.origin});
    }
    if (ctx.listing_format() != "table")
    {
        ctx.emit_table(t);
        return;
    }
    std::size_t width = 0;
    for (const auto& item : s.listing)
    {
        width = std::max(width, display_width(item.key + " = " + item.value));
    }
    OutputSink sink(ctx.options.output.value_or(""), std::cout);
    for (const auto& item : s.listing)
    {
        const std::string left = escape_controls(item.key + " = " + item.value);
        sink.stream() << left << std::string(width - display_width(left) + 3, ' ') << '('
                      << escape_controls(item.origin) << ")\n";
    }
    sink.commit();
}

} // namespace

void add_config_command(CLI::App& app, Context& ctx)
{
    CLI::App* config = app.add_subcommand("config", "show the effective configuration");
    config->footer("\nExample:\n  mpp config show\n\nKeys and files: see mpp-config(5).");
    config
        ->add_subcommand("show", "print each setting with its origin (flag, env, config, default)")
        ->callback([&ctx] { ctx.action = [&ctx] { run_show(ctx); }; });
}

} // namespace mpp::cli
