// [log] format and level (adapters/config/src/log.cpp): read, defaulted, and
// refused with the file, line and key when wrong.
#include "alur/config/config.hpp"

#include <catch2/catch.hpp>

using namespace alur;

TEST_CASE("config: log.format and log.level are read and checked", "[config][log]") {
    auto defaults = config::load_string("# nothing set\n", "alur.toml");
    REQUIRE(defaults.has_value());
    CHECK(defaults->log.format == "text");
    CHECK(defaults->log.level.empty());

    auto json = config::load_string("[log]\nformat = \"json\"\nlevel = \"debug\"\n", "alur.toml");
    REQUIRE(json.has_value());
    CHECK(json->log.format == "json");
    CHECK(json->log.level == "debug");

    const std::pair<const char*, const char*> bad[] = {
        {"[log]\nformat = \"xml\"\n", "alur.toml:2: log.format: expected \"text\" or \"json\" (got \"xml\")"},
        {"[log]\nformat = 1\n", "alur.toml:2: log.format"},
        {"[log]\nlevel = \"loud\"\n", "alur.toml:2: log.level: expected one of trace, debug, info, warn, error"},
        {"[log]\ncolour = true\n", "log.colour"},
    };
    for (const auto& [toml, message] : bad) {
        INFO(toml);
        auto loaded = config::load_string(toml, "alur.toml");
        REQUIRE(!loaded.has_value());
        CHECK(loaded.error().code == errc::invalid_input);
        CHECK(loaded.error().message.find(message) != std::string::npos);
    }
}
