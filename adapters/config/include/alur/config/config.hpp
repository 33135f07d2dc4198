// alur/config/config.hpp — an agency's settings, read from a TOML file.
//
// `load_file` reads a file such as examples/alur.toml (docs/configuration.md
// lists every key with its type, default and meaning); keys left out keep the
// defaults of `defaults()`. Nothing is half-applied: a file with any unknown
// key, wrong type or impossible value is refused as a whole with
// errc::invalid_input and a message naming the file, line and key:
//
//   alur.toml:12: scoring.profiles.x.weights: weights must sum to 100 (got 90)
//
// `Error::field` holds the key ("scoring.profiles.x.weights"). No exception
// escapes. Pure functions over values: safe to call from any thread.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"
#include "alur/workflows/mutation.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace alur::config {

struct Config {
    /// [agency] name: shown in notices, reports and the web page.
    std::string agency_name = "Pemerintah Daerah";
    /// [agency] timezone: WIB (default), WITA or WIT; local dates are read in it.
    alur::TimeZone timezone;
    /// The mutation workflow's settings: [oversight], [[election_windows]],
    /// [scoring]; its `timezone` is the agency's.
    alur::mutation::Settings mutation;
    /// The file the values came from, as given to load_file / load_string.
    std::string source = "(built-in defaults)";
};

/// The settings in effect without a configuration file.
Config defaults();

/// Reads and checks a TOML file. not_found if it does not exist, io if it
/// cannot be read, invalid_input (file:line: key: what) if its content is wrong.
Result<Config> load_file(const std::filesystem::path& path);

/// The same for TOML text already in memory; `source_name` stands for the
/// file in messages and in Config::source.
Result<Config> load_string(std::string_view toml, std::string_view source_name);

}  // namespace alur::config
