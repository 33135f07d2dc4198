// alur/engine/workflow.hpp — the port a workflow implements.
//
// A Workflow describes a kind of case: its states, its events with their
// payload fields and the roles that may submit them, and its transitions
// (generated from the workflow's state-machine table). It creates
// CaseMachines: one live machine per case, which applies one event at a time.
//
// The engine validates payloads against the EventSpec and checks the role
// before it calls CaseMachine::apply, so a machine sees only well-formed
// events. Guards must read the event's own time and the case's data, never a
// clock, so replaying a case's events reproduces its state exactly.
//
// Thread-safety: a Workflow is immutable and shared; a CaseMachine is used by
// one thread at a time.
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/summary.hpp"
#include "alur/engine/timers.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur {

enum class FieldType { string, date, integer, number, choice, object };

const char* to_string(FieldType t) noexcept;

struct FieldSpec {
    std::string name;
    FieldType type = FieldType::string;
    bool required = true;
    std::vector<std::string> choices;  ///< for FieldType::choice
    double min = 0;                    ///< for integer and number, when `bounded`
    double max = 0;
    bool bounded = false;
    /// Filled in by the workflow's `prepare` from its configuration (e.g. the
    /// scoring profile in effect); a value given by the caller is replaced.
    bool derived = false;
    std::string help;  ///< one line, English

    // What the boundary checks besides the type (engine/src/workflow.cpp,
    // validate_payload; limits in alur/engine/text.hpp).

    /// Text a person writes (reason, summary, notes): newline and tab are
    /// allowed and the limit is max_free_text_chars instead of max_line_chars.
    bool free_text = false;
    /// No rule reads it (names, free text): a correction may change it even
    /// on a case in a final state.
    bool informational = false;
    /// The value names another case (a job fit case as a mutation's origin):
    /// the engine refuses it unless that case exists.
    bool case_reference = false;
    /// The value names something else the agency keeps (a job fit batch):
    /// the engine asks EngineOptions::reference_exists(kind, value).
    std::string reference_kind;
    /// A date that may not lie after the event's own local date (an
    /// inauguration recorded as having happened).
    bool not_after_event = false;
    /// A date that may not lie before the case was opened.
    bool not_before_opened = false;
    /// The workflow's own check of the value (the NIP check), given the whole
    /// payload and the event's time: why it is wrong (English), or nullopt.
    /// Must depend only on its arguments, so replay judges the same way.
    std::function<std::optional<std::string>(const boost::json::value& value, const boost::json::object& payload,
                                             TimePoint at)>
        check;
};

struct EventSpec {
    std::string name;
    std::vector<FieldSpec> fields;
    std::vector<std::string> roles;  ///< roles allowed to submit it
    std::string help;                ///< one line, English
};

/// One row of a workflow's transition table. `to == from` for internal rows.
struct TransitionSpec {
    std::string from;
    std::string event;
    std::string to;
    std::string guard;  ///< empty when unguarded
    bool internal = false;
};

/// One event as the machine sees it: validated payload and the event's own time.
struct EventInput {
    std::string name;
    boost::json::object payload;
    TimePoint occurred_at;
    std::string actor;
    std::string role;
    std::int64_t seq = 0;  ///< the position it takes in the case
};

/// What an accepted event of a case does to another case, in the same
/// transaction (all or nothing):
/// - with `case_id` empty, it opens a case of `workflow` with `payload` as
///   its open event's payload: the job fit's `rotate` outcome, approved by
///   the PPK, opens a mutation case (the payload should name the case it
///   came from, as `origin`);
/// - with `case_id` set, it submits `event` with `payload` to that existing
///   case (`workflow` is not read): a job fit that closes tells the
///   performance review waiting for it. Skipped, with nothing written for
///   that case, when the case's current state has no row for `event`; any
///   other refusal refuses the causing event. Only ever an older case (the
///   case's origin): the engine locks a case before its origin, never the
///   other way round.
struct FollowUp {
    std::string workflow;
    boost::json::object payload;
    std::string case_id = {};
    std::string event = {};
};

class CaseMachine {
public:
    virtual ~CaseMachine() = default;
    virtual std::unique_ptr<CaseMachine> clone() const = 0;
    virtual std::string state() const = 0;
    virtual const boost::json::object& data() const = 0;

    /// Runs one event. On success the machine is in its new state. On failure
    /// (errc::refused: no transition from this state on this event, or a guard
    /// failed, with the rule's text) the machine must be discarded: the engine
    /// always applies to a clone.
    virtual Result<void> apply(const EventInput& event) = 0;
};

class Workflow {
public:
    virtual ~Workflow() = default;
    virtual std::string name() const = 0;
    /// The prefix of its case ids: "MUT" gives MUT-000001.
    virtual std::string case_prefix() const = 0;
    /// The event that opens a case (always the first of every case).
    virtual std::string open_event() const = 0;
    /// States in table order, the initial one first.
    virtual const std::vector<std::string>& states() const = 0;
    virtual const std::vector<std::string>& final_states() const = 0;
    virtual const std::vector<EventSpec>& events() const = 0;
    virtual const std::vector<TransitionSpec>& transitions() const = 0;
    /// A machine in the initial state with empty data, before its open event.
    virtual std::unique_ptr<CaseMachine> create() const = 0;

    /// Called before validation with the caller's payload and the event's
    /// time: adds the `derived` fields from the configuration in effect, so the
    /// journaled payload holds every fact the guards need and replay never
    /// depends on today's configuration. Default: the payload unchanged.
    virtual Result<boost::json::object> prepare(std::string_view event, boost::json::object payload,
                                                TimePoint occurred_at) const {
        (void)event;
        (void)occurred_at;
        return payload;
    }

    /// The deadlines of its states when the configuration sets none.
    virtual DeadlinePolicy default_deadlines() const { return {}; }

    /// The cases to open because `event` was accepted on case `case_id`,
    /// leaving the machine as `after`. The engine opens them in the same
    /// transaction as the event (all or nothing), with the event's actor,
    /// role and time. Must depend only on its arguments. Default: none.
    virtual std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                             const CaseMachine& after) const {
        (void)case_id;
        (void)event;
        (void)after;
        return {};
    }

    /// Whom a case is about, for notices: "Drs. Ahmad Fauzi (NIP 1976...)".
    virtual std::string subject(const boost::json::object& data) const {
        (void)data;
        return {};
    }

    /// The list columns of a case with these data (unit, subject): the
    /// engine stores them in the projection with every event, and lists
    /// filter on them. Must depend only on `data`. Default: no unit or
    /// subject key, labelled by subject(data).
    virtual CaseSummary summary(const boost::json::object& data) const { return {{}, {}, subject(data)}; }

    // Derived helpers, the same for every workflow.
    const EventSpec* find_event(std::string_view name) const;
    bool is_final(std::string_view state) const;
    /// Event names with a row from `state`, in table order, without duplicates,
    /// leaving out the open event (which only ever starts a case).
    std::vector<std::string> events_from(std::string_view state) const;
    /// events_from(state) restricted to those `role` may submit.
    std::vector<std::string> events_from(std::string_view state, std::string_view role) const;
};

/// Checks a payload against its spec: no unknown fields; required fields;
/// types exactly as declared (text, date and choice fields take JSON strings
/// only, numbers must be finite); every text valid UTF-8 without control
/// characters (newline and tab in free text), not blank, within its length
/// limit; dates real and between 1900-01-01 and 2200-12-31; choices and
/// bounds; derived objects checked the same way, recursively; then each
/// field's own `check` at the event's time `at`. Returns the payload with
/// defaults normalised (integers given as whole numbers); invalid_input
/// naming the field otherwise.
Result<boost::json::object> validate_payload(const EventSpec& spec, const boost::json::object& payload,
                                             TimePoint at);

/// Checks any JSON value that will be stored as it is (derived objects, case
/// data): every string and key valid one-line text (free text allowed), every
/// number finite, nesting at most 16 deep. invalid_input naming `field`.
Result<void> check_json_text(std::string_view field, const boost::json::value& value);

/// The transition table as a Mermaid `stateDiagram-v2` / Graphviz DOT graph.
std::string to_mermaid(const Workflow& w);
std::string to_dot(const Workflow& w);

}  // namespace alur
