// table_workflow.hpp — what every workflow built on an MSM table shares:
// states and final states read from the transition table, the builders of
// payload field specs, and the configuration facts `prepare` snapshots into
// payloads (scoring profile, oversight body, election window). Private to
// workflows/. Immutable once constructed; thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace alur::workflows {

/// A Workflow whose states come from its transition table: every state a row
/// leaves, in table order, then the other targets; a state no row leaves (no
/// row, or internal rows only) is final. Throws std::logic_error at construction if a row
/// names an event without a spec (a programming error).
class TableWorkflow : public Workflow {
public:
    TableWorkflow(std::string name, std::string prefix, std::vector<EventSpec> events,
                  std::vector<TransitionSpec> transitions);

    std::string name() const override { return name_; }
    std::string case_prefix() const override { return prefix_; }
    std::string open_event() const override { return "opened"; }
    const std::vector<std::string>& states() const override { return states_; }
    const std::vector<std::string>& final_states() const override { return finals_; }
    const std::vector<EventSpec>& events() const override { return events_; }
    const std::vector<TransitionSpec>& transitions() const override { return transitions_; }

private:
    std::string name_;
    std::string prefix_;
    std::vector<EventSpec> events_;
    std::vector<TransitionSpec> transitions_;
    std::vector<std::string> states_;
    std::vector<std::string> finals_;
};

// --- Field specs -------------------------------------------------------------

FieldSpec text_field(std::string name, std::string help, bool required = true);
FieldSpec date_field(std::string name, std::string help, bool required = true);
FieldSpec choice_field(std::string name, std::vector<std::string> choices, std::string help, bool required = true);
/// A number in [min, max].
FieldSpec number_field(std::string name, double min, double max, std::string help, bool required = true);
/// An integer in [min, max].
FieldSpec integer_field(std::string name, double min, double max, std::string help, bool required = true);
/// Filled in by `prepare` from the configuration in effect.
FieldSpec derived_field(std::string name, FieldType type, std::string help, bool required = true);
/// Text no rule reads (a name, a reference number): correctable on a closed case.
FieldSpec info_field(std::string name, std::string help, bool required = true);
/// Free text a person writes (reason, summary, notes): newline and tab allowed.
FieldSpec free_text_field(std::string name, std::string help, bool required = true);
/// An 18-digit NIP, checked as `alur open` and the roster check it, on the
/// event's local date in `tz`.
FieldSpec nip_field(std::string name, std::string help, TimeZone tz, bool required = true);
/// The date an official was inaugurated into the current post: not after the
/// event, and not before the official (the payload's "nip") turned 17.
FieldSpec inauguration_field(std::string name, std::string help, bool required = true);
/// A date of birth that must be the one the payload's "nip" carries.
FieldSpec birth_date_field(std::string name, std::string help, bool required = true);
/// A date that may not lie after the event (a letter already received).
FieldSpec dated_not_after_event(std::string name, std::string help, bool required = true);
/// The `date` of an `inaugurated` event: not after the event, not before the case opened.
FieldSpec inaugurated_on_field();
/// The case this one came from (`origin`): it must exist.
FieldSpec case_field(std::string name, std::string help, bool required = false);
/// `until`, the last day of a period that starts on the payload's `from`
/// (a Plt's warrant, a training, a rest from office): not before `from`.
FieldSpec period_until_field(std::string help);

// --- Events more than one workflow has ---------------------------------------
// Their payloads are what the shared actions and guards of msm_machine.hpp
// read (StoreRequest, StoreRecommendation, Requested, election_window_clear);
// submitted by admin.

/// recommendation_requested {ref; derived body and requested_on: snapshot_oversight}.
EventSpec recommendation_requested_event();
/// recommendation_received {decision approve|reject, ref, notes optional}.
EventSpec recommendation_received_event();
/// ministerial_approval_recorded {letter, date}: the Minister of Home Affairs' written approval.
EventSpec ministerial_approval_event();
/// withdrawn {reason}.
EventSpec withdrawn_event();
/// inauguration_scheduled {date; derived election_window: snapshot_window_of_date}.
EventSpec inauguration_scheduled_event();
/// inaugurated {date (not after the event, not before the case opened),
/// sk_number; derived election_window: snapshot_window_of_date}.
EventSpec inaugurated_event();

// --- Facts `prepare` snapshots into payloads ---------------------------------

/// payload["scoring_profile"] = the profile named by payload[name_field] (or
/// `fallback` when absent). invalid_input naming the field and the known
/// profiles when there is no such profile.
Result<void> snapshot_profile(boost::json::object& payload, std::string_view event,
                              const std::map<std::string, rules::ScoringProfile>& profiles,
                              const std::string& fallback, std::string_view name_field = "profile");

/// payload["body"] (the oversight body in charge on `today`) and payload["requested_on"].
void snapshot_oversight(boost::json::object& payload, Date today, const std::vector<rules::OversightBody>& bodies);

/// payload[date_key] = today, and payload["election_window"] = the window
/// containing today, if any (any caller-given value is replaced).
void snapshot_election_window(boost::json::object& payload, Date today,
                              const std::vector<rules::ElectionWindow>& windows, std::string_view date_key);

/// The `prepare` of a workflow that scores its cases, asks the oversight body
/// and has a decision dated by its event, from its settings (profiles,
/// default_profile, oversight_bodies, election_windows, timezone): the scoring
/// profile into "opened", the body into "recommendation_requested", the local
/// date (at `date_key`) and election window into `decision_event`; any other
/// event's payload as it is.
template <class Settings>
Result<boost::json::object> snapshot_case_facts(const Settings& s, std::string_view event,
                                                boost::json::object payload, TimePoint at,
                                                std::string_view decision_event,
                                                std::string_view date_key = "decided_on") {
    const Date today = local_date(at, s.timezone);
    if (event == "opened") {
        if (auto ok = snapshot_profile(payload, event, s.profiles, s.default_profile); !ok) return ok.error();
    } else if (event == "recommendation_requested") {
        snapshot_oversight(payload, today, s.oversight_bodies);
    } else if (event == decision_event) {
        snapshot_election_window(payload, today, s.election_windows, date_key);
    }
    return payload;
}

/// payload["election_window"] = the window containing the date the payload
/// already holds at date_key (an inauguration's planned date), if any; any
/// caller-given value is replaced. A date that does not parse gives none
/// (validation then refuses the payload).
void snapshot_window_of_date(boost::json::object& payload, const std::vector<rules::ElectionWindow>& windows,
                             std::string_view date_key);

}  // namespace alur::workflows
