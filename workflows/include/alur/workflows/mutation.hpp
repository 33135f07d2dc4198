// alur/workflows/mutation.hpp — the mutation (mutasi / rotasi / promosi) workflow.
//
//   record_gathering -> field_visit -> scoring -> [recommendation: JPT] ->
//   ppk_decision -> [presidential_decision: JPT utama, madya] -> inauguration
//   -> completed;   finals also rejected and withdrawn.
//
// A Boost.MSM machine (workflows/mutation/machine.cpp is the only file that
// includes MSM). The settings are the configuration in effect; `prepare`
// copies what a guard needs from them into the event's payload, so replay
// never depends on the configuration of the day. Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <memory>
#include <string>
#include <vector>

namespace alur::mutation {

struct Settings {
    /// [[oversight.bodies]] (or [oversight] switch_date): who gives the recommendation, by date.
    std::vector<rules::OversightBody> oversight_bodies = rules::default_oversight_bodies();
    std::vector<rules::ElectionWindow> election_windows;
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    std::string default_profile = "bengkulu_2021";
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// The record items a case can hold (rules::record_item_names()); the
/// default scoring profile needs them all before records_completed.
const std::vector<std::string>& record_items();

}  // namespace alur::mutation
