// alur/workflows/legal_bases.hpp — the legal basis of every rule, by date.
//
// The rules Alur applies are data (workflows/rules/legal_bases.json, compiled
// in): each rule has its legal basis per period (instrument, article, in force
// from / until). A refusal cites the basis in force on the date of the act it
// judges, so a decision of 2025 does not cite a repealed article as the law in
// force. docs/LAW.md says what was verified and where.
//
// The registry is parsed once, on first use; a file that does not parse or
// whose periods overlap is a build defect, reported by std::logic_error (the
// tests load it). Immutable afterwards; thread-safe.
#pragma once

#include "alur/engine/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::rules {

/// One period of a rule's legal basis; `from` and `until` are both included,
/// nullopt is open-ended.
struct LegalBasis {
    std::optional<Date> from;
    std::optional<Date> until;
    std::string cite;        ///< what a refusal prints: "UU 5/2014 art. 116(1)"
    std::string instrument;  ///< "UU 5/2014"
    std::string article;     ///< "116(1)"; empty when not verified
    std::string source;      ///< where it was read (URL or title)
    bool verified = false;
    std::string note;

    bool in_force_on(Date d) const;
};

struct Rule {
    std::string id;     ///< stable: "jpt_two_year_lock"
    std::string title;  ///< one line, English
    std::string summary;
    std::string kind;   ///< "law" or "policy" (agency practice)
    std::vector<LegalBasis> bases;  ///< in order, not overlapping
};

/// Every rule, in file order.
const std::vector<Rule>& registry();

/// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

/// The basis of `rule` in force on `d`; before the first period, the first
/// basis; after the last, the last (a rule is never without a citation).
const LegalBasis& basis_on(const Rule& rule, Date d);

/// The citation of rule `id` in force on `d`. Throws std::logic_error for an
/// unknown id (a programming error the tests catch).
std::string cite(std::string_view id, Date d);

/// Parses a registry text (the JSON of legal_bases.json). std::logic_error
/// naming what is wrong: bad JSON, a missing field, a bad date, a rule
/// without bases, periods out of order or overlapping, an id twice.
std::vector<Rule> parse_registry(std::string_view json_text);

}  // namespace alur::rules
