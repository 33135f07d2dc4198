// The open selection's rules over its applicants, as plain functions over the
// case data and an event's payload: what the machine's guards ask (each
// refusal citing its rule) and what its actions write. Kept out of
// machine.cpp so they compile without MSM. Private to workflows/. Pure.
//
// data.applicants is an array in registration order of
//   {nip, name, current_post, rank, years_in_post, birth_date, disciplinary,
//    education?, years_related_experience?, years_in_admin_post?, registered_on?,
//    status, reasons[], scores{component: value}, total?, ranking?}
// (`rank` is the applicant's golongan; `ranking` their place by total.)
// status: registered | withdrawn | eligible | failed | shortlisted | chosen.
#pragma once

#include "alur/engine/calendar.hpp"
#include "alur/engine/time.hpp"
#include "alur/workflows/rules.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::open_selection::detail {

namespace json = boost::json;

/// A guard's answer: the refusal text, or nullopt when the event is allowed.
using Refusal = std::optional<std::string>;

/// Scoring happens in two stages: `assessment` (every component but the
/// interview ones) and `interview` (track_record and interview).
enum class Stage { assessment, interview };

/// The components of `p` scored in `stage`, in the profile's order.
std::vector<std::string> stage_components(const rules::ScoringProfile& p, Stage stage);

/// The applicant with `nip` in data.applicants, or null.
const json::object* find_applicant(const json::object& data, std::string_view nip);

/// Why `applicant` fails data.requirements on `on` (rank, years in post, age,
/// disciplinary record, and where the announcement snapshot them the art. 107
/// checks: education, related experience, years in an administrator post);
/// empty when it meets them all. `basis` (the citation of the art. 107 checks,
/// snapshot by the event that judges them) ends each art. 107 reason.
std::vector<std::string> requirement_failures(const json::object& applicant, const json::object& requirements, Date on,
                                              std::string_view basis = {});

/// The `days`-th working day after `from` by the calendar excerpt a
/// registration_extended payload carries (calendar_excerpt), or nullopt when
/// the count leaves the excerpt's range.
std::optional<Date> working_days_after(const json::object& excerpt, Date from, std::int64_t days);

/// The excerpt of `calendar` around `today` that `prepare` snapshots into a
/// registration_extended payload: {from, until, weekend[0-6, Sunday 0], holidays[]}.
json::object calendar_excerpt(const Calendar& calendar, Date today);

// --- Guards: (data, payload) -> refusal ---------------------------------------

/// pansel_formed: an odd number of members, 5 to 9.
Refusal pansel_refusal(const json::object& data, const json::object& p);
/// applicant_registered: the NIP is not registered yet.
Refusal registration_refusal(const json::object& data, const json::object& p);
/// applicant_withdrawn: a registered applicant who has not withdrawn.
Refusal withdrawal_refusal(const json::object& data, const json::object& p);
/// registration_extended: 3 or fewer eligible applicants on extended_on, fewer than 2 extensions so far.
Refusal extension_refusal(const json::object& data, const json::object& p);
/// registration_closed: more than 3 eligible applicants on closed_on, or the
/// oversight body's approval to continue with fewer (data.continuation).
Refusal closing_refusal(const json::object& data, const json::object& p);
/// continuation_approved: both extensions used, still 3 or fewer eligible, at
/// least one, not approved yet.
Refusal continuation_refusal(const json::object& data, const json::object& p);
/// filled_by_job_fit: both extensions used and no applicant at all.
Refusal job_fit_refusal(const json::object& data, const json::object& p);
/// administrative_completed: at least 3 applicants meet the requirements on
/// checked_on (with data.continuation: at least 1).
Refusal administrative_refusal(const json::object& data, const json::object& p);
/// score_recorded: an eligible applicant, a component of this stage.
template <Stage S>
Refusal score_refusal(const json::object& data, const json::object& p);
/// assessment_completed / interviews_completed: every eligible applicant has every component of the stage.
template <Stage S>
Refusal stage_refusal(const json::object& data, const json::object& p);
/// shortlist_set: 3 distinct eligible applicants, the top 3 by total, in order
/// (with data.continuation and fewer eligible: every eligible one, in order).
Refusal shortlist_refusal(const json::object& data, const json::object& p);
/// ppk_chose: one of the shortlist.
Refusal choice_refusal(const json::object& data, const json::object& p);

// --- Actions: (data, payload) -> data changed ---------------------------------

/// opened: data.post, unit, grade, scoring_profile (and jobfit_batch when given).
void open_vacancy(json::object& data, const json::object& p);
/// announced: data.announcement, data.requirements, data.registration.closes.
void announce(json::object& data, const json::object& p);
/// applicant_registered: a new applicant, status registered.
void add_applicant(json::object& data, const json::object& p);
/// applicant_withdrawn: status withdrawn, the reason in reasons.
void withdraw_applicant(json::object& data, const json::object& p);
/// registration_extended: data.registration.extensions gets {days, reason,
/// extended_on, closes, counted}; data.registration.closes moves `days`
/// working days later by the payload's calendar excerpt (an event without
/// one, written before working days were counted: calendar days).
void extend_registration(json::object& data, const json::object& p);
/// continuation_approved: data.continuation = the payload.
void record_continuation(json::object& data, const json::object& p);
/// filled_by_job_fit: data.job_fit = the payload (the official whose job fit fills the post).
void refer_to_job_fit(json::object& data, const json::object& p);
/// registration_closed: data.registration.closed_on.
void close_registration(json::object& data, const json::object& p);
/// administrative_completed: each applicant not withdrawn eligible or failed
/// with every reason; data.administrative {checked_on, eligible, failed}.
void mark_eligibility(json::object& data, const json::object& p);
/// score_recorded: the applicant's scores[component] = value.
void record_score(json::object& data, const json::object& p);
/// interviews_completed: each eligible applicant's weighted total and rank
/// (equal totals share a rank).
void rank_applicants(json::object& data, const json::object& p);
/// shortlist_set: data.shortlist [first, second, third]; their status shortlisted.
void set_shortlist(json::object& data, const json::object& p);
/// ppk_chose: data.choice {nip, name, decided_on}; the applicant's status chosen.
void set_choice(json::object& data, const json::object& p);

}  // namespace alur::open_selection::detail
