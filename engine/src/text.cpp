#include "alur/engine/text.hpp"

#include <cstdio>

namespace alur {
namespace {

// Decodes the code point at `pos`; returns its length, or 0 if the bytes there
// are not a valid, shortest-form UTF-8 sequence of a scalar value.
std::size_t decode(std::string_view s, std::size_t pos, char32_t& cp) noexcept {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07, min = 0x10000;
    else return 0;
    if (pos + len > s.size()) return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool is_control(char32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool is_invisible_space(char32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

std::string hex(unsigned value, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*X", width, value);
    return buf;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = decode(text, pos, cp);
        if (n == 0) return false;
        pos += n;
    }
    return true;
}

bool is_blank(std::string_view text) noexcept {
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = decode(text, pos, cp);
        if (n == 0 || !is_invisible_space(cp)) return false;
        pos += n;
    }
    return true;
}

std::optional<std::string> text_problem(std::string_view text, TextKind kind, std::size_t max_chars, bool required) {
    std::size_t chars = 0;
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size(); ++chars) {
        const std::size_t n = decode(text, pos, cp);
        if (n == 0)
            return "is not valid UTF-8 (byte 0x" + hex(static_cast<unsigned char>(text[pos]), 2) + " at offset " +
                   std::to_string(pos) + ")";
        const bool allowed = kind == TextKind::free_text && (cp == '\n' || cp == '\t');
        if (is_control(cp) && !allowed)
            return "contains the control character U+" + hex(static_cast<unsigned>(cp), 4) + " at offset " +
                   std::to_string(pos) +
                   (kind == TextKind::line ? " (only plain one-line text is accepted)"
                                           : " (only newline and tab are accepted)");
        pos += n;
    }
    if (required && is_blank(text)) return text.empty() ? "is empty" : "holds only white space";
    if (chars > max_chars)
        return "is longer than " + std::to_string(max_chars) + " characters (got " + std::to_string(chars) + ")";
    return std::nullopt;
}

Result<void> check_text(std::string_view field, std::string_view text, TextKind kind, std::size_t max_chars,
                        bool required) {
    if (auto problem = text_problem(text, kind, max_chars, required))
        return make_error(errc::invalid_input, std::string(field) + " " + *problem, std::string(field));
    return {};
}

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = decode(text, pos, cp);
        if (n == 0) {
            out += "\\x" + hex(static_cast<unsigned char>(text[pos]), 2);
            ++pos;
            continue;
        }
        if (!is_control(cp)) out.append(text.substr(pos, n));
        else if (cp == '\n') out += "\\n";
        else if (cp == '\t') out += "\\t";
        else if (cp == '\r') out += "\\r";
        else if (cp < 0x80) out += "\\x" + hex(static_cast<unsigned>(cp), 2);
        else out += "\\u" + hex(static_cast<unsigned>(cp), 4);
        pos += n;
    }
    return out;
}

}  // namespace alur
