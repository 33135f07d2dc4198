// alur/workflows/performance_review.hpp — the performance contract
// (perjanjian kinerja) and the SKP evaluation of one official for one year.
//
//   contract -> monitoring -> evaluation -> closed
//                                 |-> follow_up (the rating's consequences) -> closed
//                                 `-> improvement (JPT, not met after a year in post; six calendar months)
//                                       -> re_evaluation -> closed (met)
//                                                        `-> retest (a linked job_fit case) -> move -> moved
//
// A Boost.MSM machine (workflows/performance_review/machine.cpp is its only
// MSM file). The contract's targets each have an indicator, a target value
// and a weight (weights sum to 100); the evaluation records the achievement
// of each, the weighted achievement and the SKP rating (PermenPAN-RB 6/2022).
// A JPT whose contract is not met after a year in the post gets six months to
// improve; still not met, the case opens a linked job fit (re-test) and waits
// for it (linked_case_closed), whose outcome decides the move: another post
// or a lower post (a functional post counting as one of them), as a linked
// mutation case. For every ASN
// the rating's configured consequences apply: a TPP cut (tpp_cut_decided),
// coaching, a move proposal (a linked mutation case). Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/roster.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::performance_review {

/// The SKP ratings (predikat kinerja) of PermenPAN-RB 6/2022, best first.
const std::vector<std::string>& ratings();

/// The kinds of move after a failed re-test: another_post and lower_post
/// (UU 5/2014 art. 118(4)), and functional_post, which counts as one of them.
const std::vector<std::string>& move_kinds();

/// What the agency does about a rating ([performance_review.ratings.<rating>]).
struct Consequence {
    /// The TPP (tambahan penghasilan pegawai) cut in percent, 0: none. The
    /// regional head's regulation sets it; the agency configures it.
    double tpp_cut_percent = 0;
    /// For how many months the cut runs.
    int tpp_cut_months = 0;
    bool coaching = false;       ///< coaching (pembinaan) by the superior
    bool move_proposal = false;  ///< a proposal to move the official (a linked mutation case)

    bool any() const { return tpp_cut_percent > 0 || coaching || move_proposal; }
    bool operator==(const Consequence&) const = default;
};

/// The shipped defaults: coaching for butuh_perbaikan, kurang and sangat_kurang; no TPP cut and no move.
std::map<std::string, Consequence> default_consequences();

struct Settings {
    /// [performance_review] met_percent: the weighted achievement (percent) at which a contract is met.
    double met_percent = 100;
    /// [performance_review] min_months_in_post: a JPT who misses the contract
    /// after this long in the post gets the improvement period.
    int min_months_in_post = 12;
    /// [performance_review] improvement_months: the improvement period.
    int improvement_months = 6;
    /// [performance_review.ratings.<rating>]: each rating's consequences.
    std::map<std::string, Consequence> consequences = default_consequences();
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// The officials of `roster` a batch opens cases for: of `unit` and of
/// `grade` when not empty, in roster order.
std::vector<roster::Official> plan_batch(const std::vector<roster::Official>& roster, std::string_view unit,
                                         std::string_view grade);

/// The `opened` payload of an official's case for `year`; `previous_rating`
/// (the official's rating of the year before, if known) may be empty.
boost::json::object open_payload(const roster::Official& official, int year, std::string_view previous_rating);

}  // namespace alur::performance_review
