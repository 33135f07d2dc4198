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
// birth_date, disciplinary, and when stated education, years_related_experience,
// years_in_admin_post, registered_on; then status, reasons, scores, total,
// ranking). One case per post: a person applying to two posts has a record in
// each.
//
// Registration is refused after its closing date (as extended); an extension
// counts working days of the agency's calendar, at most twice; with too few
// eligible applicants after the extensions the selection may continue with
// the oversight body's written approval (continuation_approved), or, with no
// applicant at all, the post is filled through a job fit of sitting officials
// (filled_by_job_fit opens a linked job_fit case).
// Immutable, thread-safe.
#pragma once

#include "alur/engine/calendar.hpp"
#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::open_selection {

/// The administrative requirements of a JPT pratama post (PP 11/2017 as
/// amended, art. 107; rule jpt_pratama_requirements), checked besides the
/// announcement's own (rank, years in post, age limit). Snapshot into each
/// `announced` event, so a case keeps the requirements it was announced with.
struct Requirements {
    bool enabled = true;
    /// Lowest education: one of education_levels(); D-IV counts as S1.
    std::string min_education = "S1";
    /// Fewest years of experience in the post's field (cumulative).
    double min_years_related_experience = 5;
    /// Fewest years in an administrator or ahli madya post (held or holding).
    double min_years_in_admin_post = 2;
    /// The day the announcement's age limit is judged on: "registration_closes"
    /// (the registration's closing day, as extended) or "check" (the day of
    /// the administrative check, as before these requirements).
    std::string age_on = "registration_closes";
};

struct Settings {
    /// [[oversight.bodies]] (or [oversight] switch_date): who gives the recommendation, by date.
    std::vector<rules::OversightBody> oversight_bodies = rules::default_oversight_bodies();
    std::vector<rules::ElectionWindow> election_windows;
    /// Every profile of [scoring] (bengkulu_2021, meranti_2022 and open_selection_2019 are shipped).
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    /// [open_selection] profile: the profile a case uses unless it names one.
    std::string default_profile = "open_selection_2019";
    TimeZone timezone;
    /// The agency's working-day calendar ([calendar]): a registration is
    /// extended by working days of it. Default: weekends only.
    Calendar calendar;
    /// [open_selection] max_extension_days: the longest extension, in working
    /// days (PermenPAN-RB 15/2019 as docs/LAW.md establishes it).
    int max_extension_days = 30;
    /// [open_selection.requirements]: the art. 107 checks of a JPT pratama post.
    Requirements requirements;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// The ranks (golongan ruang) an applicant may hold, lowest first: III/a .. IV/e.
const std::vector<std::string>& ranks();

/// The education levels an applicant may state, lowest first: SMA .. S3
/// (D-IV and S1 rank alike).
const std::vector<std::string>& education_levels();

/// An applicant's status in data.applicants, in the order a selection reaches them:
/// registered, withdrawn, eligible, failed, shortlisted, chosen.
const std::vector<std::string>& applicant_statuses();

}  // namespace alur::open_selection
