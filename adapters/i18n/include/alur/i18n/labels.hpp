// alur/i18n/labels.hpp — the workflows' vocabulary, in Indonesian and English.
//
// One table (labels.cpp) names every state, event, payload field and choice
// value of every workflow, the engine's own events and their fields, the
// timer kinds and the roles: {name -> Indonesian, English}. The CLI shows the
// label beside the raw name; the page gets the table from GET /api/catalog.
// A name means the same wherever it occurs (a state `withdrawn` and an event
// `withdrawn` share one label), so a term is translated once.
// tests/adapters/catalog_test.cpp fails naming each workflow name without one.
#pragma once

#include "alur/i18n/messages.hpp"

#include <span>
#include <string>
#include <string_view>

namespace alur::i18n {

using cli::Lang;

struct Label {
    const char* name;  ///< as the workflow names it: "record_gathering"
    const char* id;    ///< "pengumpulan rekam jejak"
    const char* en;    ///< "record gathering"
};

/// Every label, in table order (each name once).
std::span<const Label> labels();

/// The label of `name`, or nullptr when the table has none.
const Label* find_label(std::string_view name);

/// The text of `name`'s label in `lang`; the name itself when it has none.
std::string label(std::string_view name, Lang lang);
/// label(name, cli::language()).
std::string label(std::string_view name);

/// "name (label)" in the current language, or just the name when it has no
/// label or the label reads the same: what the CLI prints where a person reads
/// it and a script may still find the raw name.
std::string with_label(std::string_view name);

}  // namespace alur::i18n
