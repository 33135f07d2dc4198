// alur/workflows/rules.hpp — the personnel rules every workflow shares.
//
// Plain functions over plain values, each citing its rule in the refusal it
// returns. They read dates given to them (the event's own date), never a
// clock. Thread-safe: no state.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::rules {

/// Grades (jenjang jabatan) as stored: jpt_utama, jpt_madya, jpt_pratama,
/// administrator, pengawas, fungsional, pelaksana.
const std::vector<std::string>& grades();
bool is_jpt(std::string_view grade);

// --- Scoring -----------------------------------------------------------------

/// The track-record items a mutation case can hold (record_added's `item`):
/// career_history, achievements, skp, edijab, competency_test,
/// superior_recommendation, neutrality, discipline.
const std::vector<std::string>& record_item_names();

/// Weighted components and the thresholds that classify a total, and what a
/// case needs before it is scored (agency practice, not law): the record
/// items and the field-visit interviews. The defaults are the shipped practice.
struct ScoringProfile {
    std::string name;
    std::map<std::string, double> weights;  ///< component -> percent; sums to 100
    double keep_at = 80;                    ///< total >= keep_at: keep in post
    double rotate_at = 68;                  ///< total >= rotate_at: rotate; below: develop
    std::vector<std::string> record_items = record_item_names();  ///< each present before records_completed
    int interviews = 3;                     ///< field-visit interviews at least, of which
    int rt_head_interviews = 1;             ///< at least this many of an RT head
};

/// The shipped default: Bengkulu province 2021 (paper + interview 40 %,
/// track record + performance contract 60 %).
ScoringProfile bengkulu_2021();

/// Kepulauan Meranti regency 2022: assessment center 25 %, paper 20 %,
/// presentation and interview 35 %, track record 20 %.
ScoringProfile meranti_2022();

/// Open selection of a JPT Pratama post: assessment center 40 %, paper 10 %,
/// interview 30 %, track record 20 %; used to rank applicants (its
/// thresholds classify a total as for job fit).
ScoringProfile open_selection_2019();

/// The profiles shipped with Alur, by name.
std::map<std::string, ScoringProfile> shipped_profiles();

/// invalid_input naming what is wrong (weights not summing to 100, a weight
/// outside 0..100, keep_at below rotate_at, thresholds outside 0..100, a
/// record item that is not one of record_item_names() or given twice,
/// interviews outside 0..50 or fewer than rt_head_interviews); Error::field is
/// the key at fault.
Result<void> check_profile(const ScoringProfile& p);

struct ScoreResult {
    double total = 0;     ///< weighted, rounded to 2 decimals
    std::string outcome;  ///< keep | rotate | develop
};

/// `values` must hold every component of the profile (0..100).
ScoreResult score(const ScoringProfile& p, const std::map<std::string, double>& values);

// --- Grades and the law that follows them --------------------------------------

/// JPT utama and madya: appointed by the President (rule jpt_madya_utama_appointment).
bool is_jpt_madya_utama(std::string_view grade);

/// The grades whose mutation needs the oversight body's recommendation under
/// the rule in force on `d` (filling and moving JPT posts): the JPT grades.
std::vector<std::string> recommendation_grades(Date d);

/// The grades the President appoints under the rule in force on `d`: jpt_utama, jpt_madya.
std::vector<std::string> presidential_grades(Date d);

// --- The two-year lock on moving a JPT (rule jpt_two_year_lock) --------------------

/// The exceptions recorded on a case (exception_recorded kinds).
struct LockExceptions {
    bool legal_violation = false;
    bool requirements_unmet = false;
    /// The President's approval of an earlier move: a third way, for JPT
    /// utama and madya only (UU 5/2014 art. 116(2); rule jpt_early_move_presidential_approval).
    bool presidential_approval = false;
};

/// A refusal text, citing the basis in force on `decided`, if a JPT
/// inaugurated on `inaugurated` may not be moved by a decision dated
/// `decided`: less than 2 years, unless both a legal violation and unmet job
/// requirements are recorded, or (JPT utama and madya) the President's
/// approval. nullopt if allowed.
std::optional<std::string> two_year_lock(std::string_view grade, Date inaugurated, Date decided,
                                         const LockExceptions& exceptions);
std::optional<std::string> two_year_lock(std::string_view grade, Date inaugurated, Date decided,
                                         bool legal_violation, bool requirements_unmet);

// --- UU 10/2016 art. 71 and 162: election windows --------------------------------

/// A period in which replacing officials needs the Minister of Home Affairs'
/// written approval, both ends included.
struct ElectionWindow {
    std::string label;
    Date from;
    Date until;
    std::string rule;  ///< "UU 10/2016 art. 71(2)" or "UU 10/2016 art. 162(3)" (as snapshot by earlier versions)
    /// The registry's rule id: election_window_determination or
    /// election_window_new_head (inferred from `rule` when empty).
    std::string rule_id;
};

/// From the candidate-pair determination date: 6 months before it (that day
/// included) until `until` (included).
ElectionWindow window_from_determination(std::string label, Date determination, Date until);
/// From a regional head's inauguration: that day until the day before the
/// same date 6 months later.
ElectionWindow window_from_head_inauguration(std::string label, Date inaugurated);

/// The first window containing `d`, if any.
std::optional<ElectionWindow> window_containing(const std::vector<ElectionWindow>& windows, Date d);

/// The refusal text when an act dated `decided` falls in `w` and has no
/// approval, citing the basis in force on that date. `act` names the act
/// ("a replacement of officials" unless given: "an inauguration").
std::string election_window_refusal(const ElectionWindow& w, Date decided,
                                    std::string_view act = "a replacement of officials");

// --- The oversight body ------------------------------------------------------

/// One body that supervised the merit system (and gave the recommendation a
/// JPT decision needs) over a period; `from` and `until` are both included,
/// nullopt is open-ended. Configured as [[oversight.bodies]].
struct OversightBody {
    std::string name;  ///< "KASN", "BKN", or a later independent body
    std::optional<Date> from;
    std::optional<Date> until;
    bool operator==(const OversightBody&) const = default;
};

/// The shipped list: KASN until the day before default_oversight_switch(),
/// BKN from it (UU 20/2023 dissolved KASN; Perpres 91/2024 and 92/2024 moved
/// its merit-oversight functions to BKN and KemenPAN-RB; docs/LAW.md).
std::vector<OversightBody> default_oversight_bodies();
/// KASN until the day before `switch_date`, BKN from it ([oversight] switch_date).
std::vector<OversightBody> bodies_from_switch(Date switch_date);
/// A reason the list is unusable, or nullopt: it must be non-empty, every name
/// non-empty, in date order, without overlaps or gaps, open-ended at both ends.
std::optional<std::string> check_bodies(const std::vector<OversightBody>& bodies);

/// The body in charge on `d` (the list passed check_bodies).
std::string oversight_body(Date d, const std::vector<OversightBody>& bodies);
/// KASN before `switch_date`, BKN from it.
std::string oversight_body(Date d, Date switch_date);

/// The shipped default switch date: the first day BKN is the oversight body.
Date default_oversight_switch();

}  // namespace alur::rules
