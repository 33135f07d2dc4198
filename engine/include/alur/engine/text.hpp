// alur/engine/text.hpp — what a text must be before it reaches the journal or a store.
//
// One check for every adapter (CLI, HTTP, roster import, config): valid UTF-8,
// no control characters (newline and tab allowed only in free text), not blank
// when required (spaces, no-break spaces and zero-width characters count as
// blank), and at most a documented number of characters. Pure functions;
// thread-safe.
#pragma once

#include "alur/engine/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace alur {

enum class TextKind {
    line,       ///< one line: names, identifiers, payload text fields
    free_text,  ///< reason, summary, notes: newline and tab allowed
};

/// Limits, in characters (Unicode code points). Documented in docs/RELIABILITY.md.
inline constexpr std::size_t max_name_chars = 200;       ///< actor, role, token and user names, keys
inline constexpr std::size_t max_line_chars = 2000;      ///< a one-line payload or roster field
inline constexpr std::size_t max_free_text_chars = 20000; ///< reason, summary, notes

/// Why `text` is not acceptable, in English ("is not valid UTF-8 (byte 0xff at
/// offset 3)", "contains the control character U+001B at offset 5", "is
/// empty", "is longer than 200 characters (got 250)"); nullopt if it is.
std::optional<std::string> text_problem(std::string_view text, TextKind kind, std::size_t max_chars,
                                        bool required = true);

/// text_problem as an errc::invalid_input naming `field`: "<field> <problem>".
Result<void> check_text(std::string_view field, std::string_view text, TextKind kind, std::size_t max_chars,
                        bool required = true);

/// True if `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// True if `text` holds nothing but white space and invisible characters
/// (ASCII space and tab, CR/LF, U+00A0, U+1680, U+2000..U+200F, U+2028/9,
/// U+202F, U+205F, U+2060, U+3000, U+FEFF). Expects valid UTF-8.
bool is_blank(std::string_view text) noexcept;

/// `text` with every control character (C0, DEL, C1) and invalid UTF-8 byte
/// shown as an escape (\n, \t, \x1b, \u009b, \xff), for a terminal.
std::string escape_controls(std::string_view text);

}  // namespace alur
