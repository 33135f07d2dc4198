// toml_reader.hpp — typed reads from a parsed TOML table, refusing with file:line.
//
// Every refusal is errc::invalid_input with the message
// "<file>:<line>: <key>: <what>" and Error::field = <key>, the dotted key of
// the value at fault ("election_windows[1].until"). Private to alur_config.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace alur::config::detail {

/// `parent.key` as written in messages; keys that are not bare are quoted.
std::string join_key(std::string_view parent, std::string_view key);
/// `parent[index]`, index counted from 0 as in toml++ paths.
std::string index_key(std::string_view parent, std::size_t index);

class Reader {
public:
    /// `source` names the file in messages; relative paths are resolved against `base_dir`.
    explicit Reader(std::string_view source, std::filesystem::path base_dir = {})
        : source_(source), base_dir_(std::move(base_dir)) {}

    /// `path` as written in the file, resolved against the file's directory if relative.
    std::filesystem::path resolve(const std::filesystem::path& path) const;

    /// invalid_input "<file>:<line>: <key>: <what>" (the line left out when unknown).
    Error error(const toml::source_region& where, std::string_view key, std::string_view what) const;

    /// Refuses the first key of `t` (named `path`) that is not in `allowed`.
    Result<void> only_keys(const toml::table& t, std::string_view path,
                           std::initializer_list<std::string_view> allowed) const;

    // Each reads `parent[key]` (where `parent` is named `path`): nullptr or
    // nullopt if the key is absent, invalid_input if it holds another type.
    Result<const toml::table*> table(const toml::table& parent, std::string_view path,
                                     std::string_view key) const;
    Result<const toml::array*> array(const toml::table& parent, std::string_view path,
                                     std::string_view key) const;
    /// Refuses the first key, at any depth under `node` (named `path`), that
    /// is not valid UTF-8, holds a control character or is longer than
    /// max_name_chars (alur::text_problem).
    Result<void> check_keys(const toml::node& node, std::string_view path) const;

    /// A non-empty string that alur::check_text accepts as one line of at
    /// most max_line_chars characters (UTF-8, no control character, not blank).
    Result<std::optional<std::string>> string(const toml::table& parent, std::string_view path,
                                              std::string_view key) const;
    /// An integer in [min, max] (a float, even 10.0, is refused).
    Result<std::optional<int>> integer(const toml::table& parent, std::string_view path, std::string_view key,
                                       int min, int max) const;
    Result<std::optional<bool>> boolean(const toml::table& parent, std::string_view path,
                                        std::string_view key) const;
    /// An integer or a finite float.
    Result<std::optional<double>> number(const toml::table& parent, std::string_view path,
                                         std::string_view key) const;
    /// "YYYY-MM-DD" (read by alur::parse_date) or a bare TOML date (2024-08-14).
    Result<std::optional<Date>> date(const toml::table& parent, std::string_view path,
                                     std::string_view key) const;

    /// The same checks for a value already in hand (an array element, a table entry).
    Result<double> number(const toml::node& node, std::string_view key) const;
    Result<int> integer(const toml::node& node, std::string_view key, int min, int max) const;
    /// A string, checked as above.
    Result<std::string> string(const toml::node& node, std::string_view key) const;

    /// "<key>: expected <expected>, got a string" at the node's line.
    Error wrong_type(const toml::node& node, std::string_view key, std::string_view expected) const;

private:
    std::string source_;
    std::filesystem::path base_dir_;
};

}  // namespace alur::config::detail
