// [cli] require_token in the configuration file.
#include "alur/config/config.hpp"

#include "result_printing.hpp"

#include <catch2/catch.hpp>

TEST_CASE("config: cli.require_token is read and checked", "[config][accountability]") {
    CHECK_FALSE(alur::config::defaults().cli.require_token);
    CHECK(alur::config::load_string("[cli]\nrequire_token = true\n", "alur.toml").value().cli.require_token);
    CHECK_FALSE(alur::config::load_string("[cli]\nrequire_token = false\n", "alur.toml").value().cli.require_token);
    auto number = alur::config::load_string("[cli]\nrequire_token = 1\n", "alur.toml");
    REQUIRE_FALSE(number);
    CHECK(number.error().code == alur::errc::invalid_input);
    CHECK(number.error().field == "cli.require_token");
    auto unknown = alur::config::load_string("[cli]\nrequire_tokens = true\n", "alur.toml");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, Catch::Contains("alur.toml:2") && Catch::Contains("cli.require_tokens"));
}
