// alur/workflows/open_selection.hpp — open selection (seleksi terbuka) for a
// vacant post: one case per post.
//
//   preparation -> announcement -> registration -> administrative_selection
//   -> assessment -> track_record_and_interview -> shortlist -> recommendation
//   -> ppk_choice -> inauguration -> completed;   any open state -> cancelled
//
// A Boost.MSM machine (workflows/open_selection/machine.cpp is its only MSM
// file). Applicants are part of the case's data (data.applicants, in
// registration order: nip, name, current_post, rank (golongan), years_in_post,
// birth_date, disciplinary, status, reasons, scores, total, ranking).
// Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::open_selection {

struct Settings {
    /// [[oversight.bodies]] (or [oversight] switch_date): who gives the recommendation, by date.
    std::vector<rules::OversightBody> oversight_bodies = rules::default_oversight_bodies();
    std::vector<rules::ElectionWindow> election_windows;
    /// Every profile of [scoring] (bengkulu_2021, meranti_2022 and open_selection_2019 are shipped).
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    /// [open_selection] profile: the profile a case uses unless it names one.
    std::string default_profile = "open_selection_2019";
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// The ranks (golongan ruang) an applicant may hold, lowest first: III/a .. IV/e.
const std::vector<std::string>& ranks();

/// An applicant's status in data.applicants, in the order a selection reaches them:
/// registered, withdrawn, eligible, failed, shortlisted, chosen.
const std::vector<std::string>& applicant_statuses();

}  // namespace alur::open_selection
