// meta_commands.hpp — the commands about `alur` itself rather than about cases:
// `--version` and `alur version [--json]` (version_command.cpp); `alur help
// [COMMAND...] [--man]` and the hidden `alur completion bash`, both generated
// from the CLI11 definition itself (cli_docs.cpp); and the nearest command
// suggested for a mistyped one (suggest.cpp). Single-threaded, like the CLI.
#pragma once

#include "app.hpp"

#include <CLI/App.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {

/// "alur 0.1.0 (commit abcdef0)": what `alur --version` prints.
std::string version_line();

/// `--version` on the root app and `alur version [--json]`.
void add_version_command(CLI::App& app, Registry& out);

/// `alur help [COMMAND...] [--man]` and `alur completion bash`; they walk
/// `root` when they run, so call this after every other command is added.
void add_docs_commands(CLI::App& root, Registry& out);

/// The alur(1) man page of `root`'s whole tree, groff man format, in the
/// current language.
std::string man_page(const CLI::App& root);

/// A bash completion script for `root`'s whole tree (`complete -F`).
std::string bash_completion(const CLI::App& root);

/// The levenshtein distance between a and b (ASCII, case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The name among `names` nearest to `word`, if it is near enough to be a
/// likely typo (at most a third of the word's letters differ, at least 1; or
/// `word` is a prefix of exactly one name).
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& names);

/// invalid_input for `word`, not a command among `names` of `group` ("" at
/// the top level, else "audit"): "unknown command 'lst'; did you mean `list`?",
/// or "unknown command 'x' (see `alur audit --help`)" with nothing near.
Error unknown_command(std::string_view word, const std::vector<std::string>& names, const std::string& group);

/// Before parsing: the first word of argv that should name a (sub)command and
/// names none of `root`'s (or, one level down, of the group it follows), as an
/// invalid_input error "unknown command 'lst'; did you mean `list`?" (exit 2).
/// Global options (`--db X`, `--config X`, `--lang X`) are skipped.
Result<void> check_command_words(const CLI::App& root, int argc, char** argv);

}  // namespace alur::cli
