// review_rules.hpp — the arithmetic of a performance review, shared by its
// machine's guards and actions and by its workflow: the weighted achievement
// of the contract, where an evaluation leads, which move a re-test's outcome
// allows. Plain functions over the case data and the event's payload (with
// the configuration facts `prepare` snapshots into it). Private to workflows/.
#pragma once

#include "alur/engine/time.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace alur::performance_review::detail {

/// The contract's achievement: per target (realised / target value, in
/// percent, at most 100) and weighted by the targets' weights (sum 100).
struct Achievement {
    double weighted = 0;
    boost::json::object per_target;
};

/// From data.targets and data.achievements; a target without an achievement counts 0.
Achievement achievement_of(const boost::json::object& data);

/// The target ids of data.targets, in key order.
std::vector<std::string> target_ids(const boost::json::object& data);

/// The number at `key`, or `fallback` when missing or not a number.
double number_or(const boost::json::object& o, std::string_view key, double fallback);

/// "12.5", "100": a number without trailing zeros.
std::string format_number(double v);

/// The day PP 30/2019's appraisal applies (art. 64(2)): 2021-04-29.
Date pp30_appraisal_applies();

/// PP 30/2019 art. 57(1), from pp30_appraisal_applies(): a JPT rated
/// butuh_perbaikan (Cukup), kurang or sangat_kurang gets the six months too.
bool rating_triggers_improvement(std::string_view rating, Date on);

enum class Route { improvement, follow_up, closed };

/// Where an `evaluated` with payload `p` leads on a case with `data`: a JPT
/// whose contract is not met (below p.met_percent), or who is rated as
/// rating_triggers_improvement says, after p.min_months_in_post in the post
/// (on p.evaluated_on) -> improvement; otherwise a rating with
/// consequences (p.consequence) -> follow_up; otherwise closed.
Route route_of(const boost::json::object& p, const boost::json::object& data);

/// Whether data.consequences (snapshot at the evaluation) sets `what`
/// (tpp_cut_percent > 0, coaching, move_proposal).
bool consequence_set(const boost::json::object& data, std::string_view what);

/// The moves the law allows after a failed re-test (UU 5/2014 art. 118(4):
/// another post matching the competence, or a lower post) as the re-test's
/// outcome narrows them: keep or rotate (competent): another post; develop
/// (below standard): a lower post; no outcome: either. A functional post is
/// no third choice: a move to one counts as one of these two (counts_as).
std::vector<std::string> allowed_moves(std::string_view outcome);

/// The grade a move of `kind` leads to from `grade`: the same for another
/// post, the next lower for a lower post, "fungsional" for a functional post.
std::string target_grade(std::string_view kind, std::string_view grade);

}  // namespace alur::performance_review::detail
