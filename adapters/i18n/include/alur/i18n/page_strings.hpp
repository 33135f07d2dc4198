// alur/i18n/page_strings.hpp — what the web page says, in Indonesian and English.
//
// One table (page_strings.cpp) of rows {key, Indonesian, English}, served to
// the page by GET /api/catalog?lang=id|en as "messages": {key: text}. A text
// with placeholders is a template: `{}` takes the next argument, `{0}`, `{1}`
// the one at that position (fill() below; the page substitutes the same way).
// An English plural is a second key ending in `_one` ("late_one": "{} working
// day late"), used when the number is 1. Keys are stable: the page names them.
#pragma once

#include "alur/engine/time.hpp"
#include "alur/i18n/messages.hpp"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace alur::i18n {

using cli::Lang;

struct PageString {
    const char* key;
    const char* id;
    const char* en;
};

/// Every row, in table order (each key once).
std::span<const PageString> page_strings();

/// The row of `key`, or nullptr.
const PageString* find_page_string(std::string_view key);

/// `pattern` with `{}` replaced by the next argument and `{N}` by argument N;
/// a placeholder without an argument is left as it is.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

/// DD/MM/YYYY, as the agency writes a date (what the page shows).
std::string agency_date(Date d);

/// "2,5" in Indonesian, "2.5" in English: at most 2 decimals, no trailing zeros.
std::string number_text(double x, Lang lang);

}  // namespace alur::i18n
