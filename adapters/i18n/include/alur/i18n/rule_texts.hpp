// alur/i18n/rule_texts.hpp — each rule of workflows/rules/legal_bases.json for a
// person: a short title and what to do next, in Indonesian and English.
//
// A refusal that cites a rule (alur::rules::cite) reads as a sentence on the
// page: "<event> tidak dapat dicatat pada tahap <state>: <title>. Dasar:
// <basis>. Yang dapat dilakukan: <what to do>." The catalog test fails for a
// rule id of legal_bases.json without both texts in both languages.
#pragma once

#include "alur/i18n/messages.hpp"

#include <span>
#include <string_view>

namespace alur::i18n {

struct RuleText {
    const char* id;  ///< the rule's id in legal_bases.json: "jpt_two_year_lock"
    const char* title_id;
    const char* title_en;
    const char* what_to_do_id;
    const char* what_to_do_en;
};

/// Every row, in the order of legal_bases.json.
std::span<const RuleText> rule_texts();

/// The row of rule `id`, or nullptr.
const RuleText* find_rule_text(std::string_view id);

}  // namespace alur::i18n
