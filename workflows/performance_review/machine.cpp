// The performance review (perjanjian kinerja and SKP evaluation) workflow as
// a Boost.MSM state machine (functor front-end); its transition table is what
// the engine and the diagrams read. The arithmetic (weighted achievement, the
// route an evaluation takes) lives in review_rules.hpp, which the guards and
// actions share; like every guard they read the event and the case data (and
// the configuration facts `prepare` snapshots into the payload), never a clock.
#include "machine.hpp"

#include "alur/workflows/legal_bases.hpp"
#include "msm_machine.hpp"
#include "review_rules.hpp"

#include <boost/mpl/vector/vector30.hpp>

#include <chrono>

namespace alur::performance_review::detail {
namespace {

using namespace alur::workflows;
using namespace alur::workflows::msm_support;
using msm::front::Row;

// --- Events ------------------------------------------------------------------

ALUR_EVENT(Opened, "opened");
ALUR_EVENT(TargetSet, "target_set");
ALUR_EVENT(ContractSigned, "contract_signed");
ALUR_EVENT(ProgressRecorded, "progress_recorded");
ALUR_EVENT(EvaluationStarted, "evaluation_started");
ALUR_EVENT(AchievementRecorded, "achievement_recorded");
ALUR_EVENT(Evaluated, "evaluated");
ALUR_EVENT(TppCutDecided, "tpp_cut_decided");
ALUR_EVENT(CoachingRecorded, "coaching_recorded");
ALUR_EVENT(MoveProposed, "move_proposed");
ALUR_EVENT(FollowUpCompleted, "follow_up_completed");
ALUR_EVENT(ImprovementEnded, "improvement_ended");
ALUR_EVENT(ReEvaluated, "re_evaluated");
ALUR_EVENT(LinkedCaseClosed, "linked_case_closed");
ALUR_EVENT(MoveDecided, "move_decided");
ALUR_EVENT(Withdraw, "withdrawn");

using all_events = mpl::vector16<Opened, TargetSet, ContractSigned, ProgressRecorded, EvaluationStarted,
                                 AchievementRecorded, Evaluated, TppCutDecided, CoachingRecorded, MoveProposed,
                                 FollowUpCompleted, ImprovementEnded, ReEvaluated, LinkedCaseClosed, MoveDecided,
                                 Withdraw>;

// --- States ------------------------------------------------------------------

ALUR_STATE(Contract, "contract");
ALUR_STATE(Monitoring, "monitoring");
ALUR_STATE(Evaluation, "evaluation");
ALUR_STATE(FollowUp, "follow_up");
ALUR_STATE(Improvement, "improvement");
ALUR_STATE(ReEvaluation, "re_evaluation");
ALUR_STATE(Retest, "retest");
ALUR_STATE(Move, "move");
ALUR_STATE(Closed, "closed");
ALUR_STATE(Moved, "moved");
ALUR_STATE(Withdrawn, "withdrawn");

// --- Actions -----------------------------------------------------------------

/// data.official (whose performance), data.year, data.previous_rating.
struct StoreOpening {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        fsm.data["official"] = official_fields(p);
        for (const char* key : {"year", "previous_rating", "batch"})
            if (const json::value* v = p.if_contains(key)) fsm.data[key] = *v;
    }
};

/// data.targets[target] = {indicator, target_value, weight, measure}; a later one replaces it.
struct StoreTarget {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object t = payload(evt);
        const std::string id = text(t, "target");
        t.erase("target");
        obj(fsm.data, "targets")[id] = std::move(t);
    }
};

using StoreContract = StorePayload<"contract">;
using StoreProgress = AppendPayload<"progress">;
using StoreCoaching = AppendPayload<"coaching">;
using StoreWithdrawal = StorePayload<"withdrawal">;

/// data.achievements[target] = value (a later value replaces an earlier one).
struct StoreAchievement {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "achievements")[text(payload(evt), "target")] = payload(evt).at("value");
    }
};

/// The evaluation: data.achievement, data.met, data.rating, data.consequences,
/// and where the route leads, data.improvement (the six months, with the
/// rule) or the rating's consequences; data.two_years when this and the year
/// before are both sangat_baik or both baik (PP 30/2019 art. 53).
struct RecordEvaluation {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        const Date on = date_of(p, "evaluated_on");
        const Achievement a = achievement_of(fsm.data);
        json::object ev = p;
        ev["achievement"] = a.weighted;
        ev["per_target"] = a.per_target;
        ev["met"] = a.weighted >= number_or(p, "met_percent", 100);
        fsm.data["evaluation"] = ev;
        fsm.data["achievement"] = a.weighted;
        fsm.data["met"] = ev["met"];
        fsm.data["rating"] = p.at("rating");
        if (const json::value* c = p.if_contains("consequence")) fsm.data["consequences"] = *c;
        // PP 30/2019 art. 53: the same high rating two years in a row gives a priority.
        const std::string rating = text(p, "rating");
        if ((rating == "sangat_baik" || rating == "baik") && rating == text(fsm.data, "previous_rating") &&
            std::chrono::sys_days{on} >= std::chrono::sys_days{pp30_appraisal_applies()})
            fsm.data["two_years"] = json::object{
                {"ratings", rating},
                {"priority", rating == "sangat_baik" ? "succession_group" : "competence_development"},
                {"basis", rules::cite("pns_high_rating_succession", on)}};
        if (route_of(p, fsm.data) == Route::improvement) {
            const int months = static_cast<int>(number_or(p, "improvement_months", 6));
            fsm.data["improvement"] = json::object{{"from", format_date(on)},
                                                   {"until", format_date(add_months(on, months))},
                                                   {"months", months},
                                                   {"basis", rules::cite("jpt_performance_improvement", on)}};
        }
    }
};

/// The improvement ends: the first evaluation's achievements are kept as
/// data.first_achievements, and the re-evaluation records new ones.
struct EndImprovement {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "improvement")["ended_on"] = payload(evt).at("ended_on");
        if (const json::value* a = fsm.data.if_contains("achievements")) fsm.data["first_achievements"] = *a;
        fsm.data.erase("achievements");
    }
};

/// The re-evaluation: data.re_evaluation, the new achievement and rating;
/// when still not met, data.retest (the re-test the rule requires).
struct RecordReEvaluation {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        const Achievement a = achievement_of(fsm.data);
        const bool met = a.weighted >= number_or(p, "met_percent", 100);
        json::object ev = p;
        ev["achievement"] = a.weighted;
        ev["per_target"] = a.per_target;
        ev["met"] = met;
        fsm.data["re_evaluation"] = ev;
        fsm.data["achievement"] = a.weighted;
        fsm.data["met"] = met;
        fsm.data["rating"] = p.at("rating");
        if (!met)
            fsm.data["retest"] = json::object{
                {"from", p.at("re_evaluated_on")},
                {"basis", rules::cite("jpt_performance_retest", date_of(p, "re_evaluated_on"))}};
    }
};

/// data.retest gets the job fit's case, final state, outcome and assessment.
struct StoreRetestResult {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object& r = obj(fsm.data, "retest");
        for (const auto& kv : payload(evt)) r[kv.key()] = kv.value();
    }
};

/// data.move = the decision, with the rule.
struct StoreMove {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object m = payload(evt);
        m["basis"] = rules::cite("jpt_performance_retest", date_of(m, "decided_on"));
        fsm.data["move"] = std::move(m);
    }
};

/// data.tpp_cut = {percent (the configured one when not given), from, months, basis, rule}.
struct StoreTppCut {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object cut = payload(evt);
        const json::object* c = find_obj(fsm.data, "consequences");
        if (!cut.contains("percent") && c) cut["percent"] = c->at("tpp_cut_percent");
        if (!cut.contains("months") && c) cut["months"] = c->at("tpp_cut_months");
        cut["rule"] = rules::cite("tpp_cut", date_of(cut, "from"));
        fsm.data["tpp_cut"] = std::move(cut);
    }
};

/// data.move_proposal = the payload with the rule.
struct StoreMoveProposal {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object m = payload(evt);
        m["basis"] = rules::cite("pns_performance_consequence", date_of(m, "proposed_on"));
        fsm.data["move_proposal"] = std::move(m);
    }
};

// --- Guards: each names itself and, when it refuses, says why ----------------

/// The contract's weights sum to 100 and it has a target.
struct ContractComplete {
    static constexpr const char* name = "weights_sum_to_100";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* targets = find_obj(fsm.data, "targets");
        double sum = 0;
        if (targets)
            for (const auto& kv : *targets) sum += number(kv.value().as_object().at("weight"));
        if (targets && !targets->empty() && sum > 99.999 && sum < 100.001) return true;
        fsm.refusal = "the performance contract's targets must have weights summing to 100 (now " +
                      format_number(sum) + ", " + std::to_string(targets ? targets->size() : 0) +
                      " targets; add or change them with target_set) (" +
                      rules::cite("performance_contract", date_of(payload(evt), "signed_on")) + ")";
        return false;
    }
};

/// The payload's `target` is one of the contract's.
struct KnownTarget {
    static constexpr const char* name = "target_in_contract";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const std::string id = text(payload(evt), "target");
        const json::object* targets = find_obj(fsm.data, "targets");
        if (targets && targets->contains(id)) return true;
        fsm.refusal = "field 'target': '" + id + "' is not a target of the contract (targets: " +
                      joined(target_ids(fsm.data)) + ")";
        return false;
    }
};

/// Every target of the contract has an achievement.
struct AchievementsComplete {
    static constexpr const char* name = "every_target_achieved";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        const json::object* got = find_obj(fsm.data, "achievements");
        std::vector<std::string> missing;
        for (const auto& id : target_ids(fsm.data))
            if (!got || !got->contains(id)) missing.push_back(id);
        if (missing.empty()) return true;
        fsm.refusal = "the evaluation still needs the achievement of " + joined(missing) +
                      " (add each with achievement_recorded)";
        return false;
    }
};

/// Where an evaluation leads (review_rules.hpp route_of): exclusive rows.
template <Route R>
struct RouteIs {
    static constexpr const char* name = R == Route::improvement ? "jpt_not_met_after_a_year"
                                        : R == Route::follow_up ? "rating_has_consequences"
                                                                : "no_consequences";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        return route_of(payload(evt), fsm.data) == R;
    }
};

/// The re-evaluation's weighted achievement reaches met_percent (or not).
template <bool Met>
struct ContractMet {
    static constexpr const char* name = Met ? "contract_met" : "contract_not_met";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        return (achievement_of(fsm.data).weighted >= number_or(payload(evt), "met_percent", 100)) == Met;
    }
};

/// The improvement period has run: the event's local date is on or after data.improvement.until.
struct ImprovementOver {
    static constexpr const char* name = "six_months_passed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* imp = find_obj(fsm.data, "improvement");
        if (!imp) return true;
        const std::string until = text(*imp, "until");
        if (text(payload(evt), "ended_on") >= until) return true;  // YYYY-MM-DD compares as text
        fsm.refusal = "the improvement period runs until " + until + " (" + text(*imp, "basis") + ")";
        return false;
    }
};

/// linked_case_closed comes from the job fit this case opened (workflow job_fit).
struct FromRetest {
    static constexpr const char* name = "the_retest_closed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        if (text(p, "workflow") == "job_fit") return true;
        fsm.refusal = "this case waits for its re-test (a job_fit case), not for " + text(p, "workflow") + " case " +
                      text(p, "case");
        return false;
    }
};

/// The move the job fit's outcome allows (review_rules.hpp allowed_moves); a
/// functional post counts as the move named by counts_as.
struct MoveAllowedByRetest {
    static constexpr const char* name = "move_matches_retest";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        const std::string cite = rules::cite("jpt_performance_retest", date_of(p, "decided_on"));
        std::string kind = text(p, "kind");
        if (kind == "functional_post") {
            kind = text(p, "counts_as");
            if (kind.empty()) {
                fsm.refusal = "a move to a functional post is no third choice of the rule: say which it is with "
                              "counts_as (another_post or lower_post) (" + cite + ")";
                return false;
            }
        }
        const json::object* retest = find_obj(fsm.data, "retest");
        const std::string outcome = retest ? text(*retest, "outcome") : "";
        const auto allowed = allowed_moves(outcome);
        if (std::find(allowed.begin(), allowed.end(), kind) != allowed.end()) return true;
        fsm.refusal = "after a re-test with outcome '" + outcome + "' the move is " + joined(allowed) + ", not " +
                      kind + " (" + cite + ")";
        return false;
    }
};

/// The rating's consequences (snapshot at evaluation) include `What`.
template <Key What>
struct Configured {
    static constexpr const char* name = What.value;
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        if (consequence_set(fsm.data, What.view())) return true;
        fsm.refusal = "the agency's consequences of rating '" + text(fsm.data, "rating") + "' do not include " +
                      std::string(What.view()) + " ([performance_review.ratings." + text(fsm.data, "rating") + "])";
        return false;
    }
};

/// A TPP cut of the configured percent (a given percent must be it).
struct TppCutAllowed {
    static constexpr const char* name = "tpp_cut_configured";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        if (!Configured<"tpp_cut_percent">{}(evt, fsm, fsm, fsm)) return false;
        const json::object& p = payload(evt);
        const double configured = number(find_obj(fsm.data, "consequences")->at("tpp_cut_percent"));
        if (!p.contains("percent") || number(p.at("percent")) == configured) return true;
        fsm.refusal = "the TPP cut for rating '" + text(fsm.data, "rating") + "' is " + format_number(configured) +
                      " percent as the regional head's regulation sets it ([performance_review.ratings." +
                      text(fsm.data, "rating") + "] tpp_cut_percent; " +
                      rules::cite("tpp_cut", date_of(p, "from")) + "), not " + format_number(number(p.at("percent")));
        return false;
    }
};

/// Once only (data[K] not there yet).
template <Key K>
struct NotYet {
    static constexpr const char* name = "not_yet_recorded";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        if (!fsm.data.contains(K.view())) return true;
        fsm.refusal = std::string(K.view()) + " is already recorded";
        return false;
    }
};

/// Every configured consequence is done: the TPP cut decided, coaching
/// recorded, the move proposed.
struct ConsequencesDone {
    static constexpr const char* name = "consequences_done";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        std::vector<std::string> open;
        if (consequence_set(fsm.data, "tpp_cut_percent") && !fsm.data.contains("tpp_cut")) open.push_back("tpp_cut_decided");
        if (consequence_set(fsm.data, "coaching") && !fsm.data.contains("coaching")) open.push_back("coaching_recorded");
        if (consequence_set(fsm.data, "move_proposal") && !fsm.data.contains("move_proposal"))
            open.push_back("move_proposed");
        if (open.empty()) return true;
        fsm.refusal = "the consequences of rating '" + text(fsm.data, "rating") + "' still need " + joined(open);
        return false;
    }
};

// --- The machine -------------------------------------------------------------

// Every open state also accepts a withdrawal.
#define ALUR_OPEN_STATE_ROWS(S) Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>

struct ReviewDef : CaseMachineDef<ReviewDef> {
    using initial_state = Contract;

    // clang-format off
    using transition_table = mpl::vector30<
        //  Source         Event                Target         Action              Guard
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Contract,      Opened,              none,          StoreOpening,       NotYetOpened<"official">>,
        Row<Contract,      TargetSet,           none,          StoreTarget,        none>,
        Row<Contract,      ContractSigned,      Monitoring,    StoreContract,      ContractComplete>,
        ALUR_OPEN_STATE_ROWS(Contract),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Monitoring,    ProgressRecorded,    none,          StoreProgress,      KnownTarget>,
        Row<Monitoring,    EvaluationStarted,   Evaluation,    none,               none>,
        ALUR_OPEN_STATE_ROWS(Monitoring),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Evaluation,    AchievementRecorded, none,          StoreAchievement,   KnownTarget>,
        Row<Evaluation,    Evaluated,           Improvement,   RecordEvaluation,   Both<AchievementsComplete, RouteIs<Route::improvement>>>,
        Row<Evaluation,    Evaluated,           FollowUp,      RecordEvaluation,   Both<AchievementsComplete, RouteIs<Route::follow_up>>>,
        Row<Evaluation,    Evaluated,           Closed,        RecordEvaluation,   Both<AchievementsComplete, RouteIs<Route::closed>>>,
        ALUR_OPEN_STATE_ROWS(Evaluation),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<FollowUp,      TppCutDecided,       none,          StoreTppCut,        Both<TppCutAllowed, NotYet<"tpp_cut">>>,
        Row<FollowUp,      CoachingRecorded,    none,          StoreCoaching,      Configured<"coaching">>,
        Row<FollowUp,      MoveProposed,        none,          StoreMoveProposal,  Both<Configured<"move_proposal">, NotYet<"move_proposal">>>,
        Row<FollowUp,      FollowUpCompleted,   Closed,        none,               ConsequencesDone>,
        ALUR_OPEN_STATE_ROWS(FollowUp),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Improvement,   ProgressRecorded,    none,          StoreProgress,      KnownTarget>,
        Row<Improvement,   TppCutDecided,       none,          StoreTppCut,        Both<TppCutAllowed, NotYet<"tpp_cut">>>,
        Row<Improvement,   CoachingRecorded,    none,          StoreCoaching,      Configured<"coaching">>,
        Row<Improvement,   ImprovementEnded,    ReEvaluation,  EndImprovement,     ImprovementOver>,
        ALUR_OPEN_STATE_ROWS(Improvement),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<ReEvaluation,  AchievementRecorded, none,          StoreAchievement,   KnownTarget>,
        Row<ReEvaluation,  ReEvaluated,         Closed,        RecordReEvaluation, Both<AchievementsComplete, ContractMet<true>>>,
        Row<ReEvaluation,  ReEvaluated,         Retest,        RecordReEvaluation, Both<AchievementsComplete, ContractMet<false>>>,
        ALUR_OPEN_STATE_ROWS(ReEvaluation),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Retest,        LinkedCaseClosed,    Move,          StoreRetestResult,  FromRetest>,
        ALUR_OPEN_STATE_ROWS(Retest),
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
        Row<Move,          MoveDecided,         Moved,         StoreMove,          MoveAllowedByRetest>,
        ALUR_OPEN_STATE_ROWS(Move)
        // +--------------+--------------------+--------------+-------------------+-----------------------------------------+
    >;
    // clang-format on
};
#undef ALUR_OPEN_STATE_ROWS

using ReviewMachine = MsmCaseMachine<ReviewDef, all_events>;

}  // namespace

std::vector<TransitionSpec> transition_table() { return transition_rows<ReviewDef>(); }

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<ReviewMachine>(wf); }

}  // namespace alur::performance_review::detail
