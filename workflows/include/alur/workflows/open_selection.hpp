// alur/workflows/open_selection.hpp — open selection (seleksi terbuka) for a
// vacant post: one case per post.
//
//   preparation -> announcement -> registration -> administrative_selection
//   -> assessment -> track_record_and_interview -> shortlist -> recommendation
//   -> ppk_choice -> inauguration -> completed;   any open state -> cancelled
//
// A Boost.MSM machine (workflows/open_selection/machine.cpp is its only MSM
// file). Applicants are part of the case's data (data.applicants: NIP, name,
// current post, scores, status). Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::open_selection {

struct Settings {
    Date oversight_switch = rules::default_oversight_switch();
    std::vector<rules::ElectionWindow> election_windows;
    /// Every profile of [scoring] (bengkulu_2021, meranti_2022 and open_selection_2019 are shipped).
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    /// [open_selection] profile: the profile a case uses unless it names one.
    std::string default_profile = "open_selection_2019";
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

}  // namespace alur::open_selection
