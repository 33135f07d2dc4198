// alur/i18n/refusal.hpp — a refusal for a person: what was refused, where,
// why (the rule and its basis), and the sentence that says so.
//
// The engine and the workflows refuse with one English message (alur::Error:
// "no transition from S on E (allowed now: ...)", "E refused in S: <cite>:
// ...", "role 'R' may not submit E (allowed: ...)"); the message text is kept
// as it is (scripts and the refusal log read it). explain_refusal() reads it
// back into its parts: the event, the state, the kind, and the rule whose
// citation (alur::rules::cite, legal_bases.json) the message carries — the
// earliest citation in the text; where several rules share that citation
// (the open-selection rules citing one regulation) the refused event picks
// the rule that guards it. A few guards apply a rule without citing it (the
// record items of the scoring profile): their reason's start names the rule.
// Pure and thread-safe.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/i18n/messages.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::i18n {

using cli::Lang;

struct Refusal {
    /// "no_transition" (the event has no row from this state), "final" (the
    /// case has ended), "guard" (a rule of the workflow refused it), "role"
    /// (the caller's role may not submit it), "engine_only" (only the engine's
    /// timers submit it), "correction" (a correction is refused), "follow_up"
    /// (what it would do to a linked case is refused), "not_open_event" (a
    /// case is opened with another event), "already_open", "other".
    std::string kind;
    std::string event;                 ///< the event refused; empty when the message does not say
    std::string state;                 ///< the state it was refused in; empty when the message does not say
    std::string rule;                  ///< the rule id cited (legal_bases.json); empty when none
    std::string basis;                 ///< the citation as the message gives it; empty when none
    /// The workflow's own words after "<event> refused in <state>: " (English;
    /// the citation, when it leads, included); empty for other kinds.
    std::string reason;
    std::string role;                  ///< kind "role": the caller's role
    std::vector<std::string> allowed;  ///< no_transition: the events allowed now; role: the roles that may
};

/// The parts of a refusal (codes refused and forbidden); nullopt for any other error.
std::optional<Refusal> explain_refusal(const Error& e);

/// The rule id and the citation the text carries first, if any (see above);
/// `event` settles a citation several rules share.
struct Citation {
    std::string rule;
    std::string basis;
};
std::optional<Citation> find_citation(std::string_view text, std::string_view event = {});

/// The sentence a person reads, in `lang`, from the page strings (refusal_*)
/// with the labels and the rule's texts: "Pelantikan dicatat tidak dapat
/// dicatat pada tahap keputusan PPK: pejabat JPT belum 2 tahun sejak
/// pelantikan. Dasar: UU 5/2014 art. 116(1). Yang dapat dilakukan: ...".
std::string refusal_sentence(const Refusal& r, Lang lang);

}  // namespace alur::i18n
