// sections.hpp — one reader per top-level table of the configuration file.
//
// Each reads its table (absent: the defaults already in `config` stay),
// refusing unknown keys, wrong types and impossible values through `r`.
// Private to alur_config.
#pragma once

#include "alur/config/config.hpp"
#include "toml_reader.hpp"

namespace alur::config::detail {

/// [agency] name, timezone (also sets mutation.timezone).
Result<void> read_agency(const Reader& r, const toml::table& root, Config& config);
/// [oversight] switch_date.
Result<void> read_oversight(const Reader& r, const toml::table& root, Config& config);
/// [[election_windows]] label, determination + until | head_inaugurated.
Result<void> read_election_windows(const Reader& r, const toml::table& root, Config& config);
/// [scoring] default_profile, [scoring.profiles.<name>] weights, keep_at, rotate_at.
Result<void> read_scoring(const Reader& r, const toml::table& root, Config& config);

}  // namespace alur::config::detail
