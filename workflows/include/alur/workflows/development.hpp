// alur/workflows/development.hpp — the development plan (pengembangan
// kompetensi) of a JPT official whom a job fit found below standard: what an
// approved `develop` leads to. One case per official, opened by the job fit
// case (its `origin`) in the same transaction as the PPK's review.
//
//   planning -> upgrading -> reassessment | awaiting_job_fit -> ppk_decision
//            -> returned | reassigned | closed        (and withdrawn)
//
// The plan: upgrading (each training with its provider and dates) and,
// optionally, rest from office (dibebastugaskan) with its decree and period,
// which leaves the post vacant: an acting official (Plt) is then recorded on
// the case (alur/workflows/acting.hpp). `upgrading` carries the deadline of
// the re-assessment (a state timer: [deadlines.development.upgrading]). The
// re-assessment is scored on the case itself, or by a linked job_fit case
// (origin = this case) whose closing the case waits for (linked_case_closed).
// `returned` opens a linked mutation case to the post the PPK names.
//
// A Boost.MSM machine (workflows/development/machine.cpp is its only MSM
// file). Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <map>
#include <memory>
#include <string>

namespace alur::development {

struct Settings {
    /// [scoring] profiles: what an own re-assessment can be scored on.
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    /// [development] profile: the profile of an own re-assessment unless the
    /// opening names one (a job fit's develop names its own profile).
    std::string default_profile = "bengkulu_2021";
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// The case id prefix of development cases ("DEV": DEV-000001).
inline constexpr const char* case_prefix = "DEV";

}  // namespace alur::development
