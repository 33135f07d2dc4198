// alur/i18n/help_texts.hpp — the workflows' help texts in Indonesian.
//
// A workflow writes one line of English help for each event and payload
// field (EventSpec::help, FieldSpec::help). This table (help_texts.cpp) gives
// each English text its Indonesian, keyed by the English text itself, as a
// message catalog keys by the source text: a help text changed in a workflow
// has no row until it is translated, and tests/adapters/catalog_test.cpp
// fails naming it. The page gets the table from GET /api/catalog ("help").
#pragma once

#include "alur/i18n/messages.hpp"

#include <span>
#include <string>
#include <string_view>

namespace alur::i18n {

struct HelpText {
    const char* en;  ///< the workflow's text: "18-digit NIP"
    const char* id;  ///< "NIP 18 angka"
};

/// Every row, in table order (each English text once).
std::span<const HelpText> help_texts();

/// The row of the English help text `en`, or nullptr.
const HelpText* find_help_text(std::string_view en);

/// `en` in `lang`: itself for English, or when the table has no row for it.
std::string help_text(std::string_view en, cli::Lang lang);

}  // namespace alur::i18n
