// The development (pengembangan kompetensi) workflow as a Boost.MSM state
// machine (functor front-end); its transition table is what the engine and
// the diagrams read. The own re-assessment uses the shared scoring actions
// and guards of msm_machine.hpp; the plan, the linked job fit and the PPK's
// decision are this workflow's own. Like every guard they read the event and
// the case data, never a clock.
#include "machine.hpp"

#include "acting_rows.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "msm_machine.hpp"

#include <boost/mpl/vector/vector20.hpp>

#include <algorithm>

namespace alur::development::detail {
namespace {

using namespace alur::workflows;
using namespace alur::workflows::msm_support;
using msm::front::Row;
using namespace alur::workflows::acting_rows;

// --- Events ------------------------------------------------------------------

ALUR_EVENT(Opened, "opened");
ALUR_EVENT(UpgradingPlanned, "upgrading_planned");
ALUR_EVENT(RestFromOffice, "rest_from_office_decreed");
ALUR_EVENT(PlanCompleted, "plan_completed");
ALUR_EVENT(TrainingCompleted, "training_completed");
ALUR_EVENT(ReassessmentStarted, "reassessment_started");
ALUR_EVENT(ReassessmentRequested, "reassessment_requested");
ALUR_EVENT(ScoreRecorded, "score_recorded");
ALUR_EVENT(ReassessmentCompleted, "reassessment_completed");
ALUR_EVENT(LinkedCaseClosed, "linked_case_closed");
ALUR_EVENT(PpkDecided, "ppk_decided");
ALUR_EVENT(Withdraw, "withdrawn");

using all_events = mpl::vector12<Opened, UpgradingPlanned, RestFromOffice, PlanCompleted, TrainingCompleted,
                                 ReassessmentStarted, ReassessmentRequested, ScoreRecorded, ReassessmentCompleted,
                                 LinkedCaseClosed, PpkDecided, Withdraw>;

// --- States ------------------------------------------------------------------

ALUR_STATE(Planning, "planning");
ALUR_STATE(Upgrading, "upgrading");
ALUR_STATE(Reassessment, "reassessment");
ALUR_STATE(AwaitingJobFit, "awaiting_job_fit");
ALUR_STATE(PpkDecision, "ppk_decision");
ALUR_STATE(Returned, "returned");
ALUR_STATE(Reassigned, "reassigned");
ALUR_STATE(Closed, "closed");
ALUR_STATE(Withdrawn, "withdrawn");

/// " (<rule development_plan in force on `day`>)".
std::string basis(Date day) { return " (" + rules::cite("development_plan", day) + ")"; }

// --- Actions -----------------------------------------------------------------

/// data.official, data.origin (the job fit case), data.assessment (its
/// result, when the opening carries it) and data.scoring_profile.
struct StoreOpening {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        fsm.data["official"] = official_fields(p);
        for (const char* key : {"origin", "assessment"})
            if (const json::value* v = p.if_contains(key)) fsm.data[key] = *v;
        fsm.data["scoring_profile"] = p.at("scoring_profile");
    }
};

/// data.plan.upgrading gets the training appended.
struct StoreUpgrading {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        arr(obj(fsm.data, "plan"), "upgrading").push_back(payload(evt));
    }
};

/// data.plan.rest_from_office = the decree.
struct StoreRest {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "plan")["rest_from_office"] = payload(evt);
    }
};

/// data.plan.started_on = the event's local date: the development period
/// (and the re-assessment's deadline) starts.
struct StartUpgrading {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "plan")["started_on"] = payload(evt).at("started_on");
    }
};

using StoreTraining = AppendPayload<"trainings_completed">;
using StoreWithdrawal = StorePayload<"withdrawal">;
using StoreDecision = StorePayload<"decision">;

/// data.reassessment = {by: "own"}: scored on this case.
struct StartOwnReassessment {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object r = payload(evt);
        r["by"] = "own";
        fsm.data["reassessment"] = std::move(r);
    }
};

/// data.reassessment = {by: "job_fit", requested: payload}: a linked job fit
/// case is opened by the same event (the workflow's follow_ups).
struct StartLinkedReassessment {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        fsm.data["reassessment"] = json::object{{"by", "job_fit"}, {"requested", payload(evt)}};
    }
};

/// The linked job fit's result: data.reassessment.result, and data.outcome
/// (and data.total, when its assessment has one) as the decision reads them.
struct StoreLinkedResult {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        obj(fsm.data, "reassessment")["result"] = p;
        fsm.data["outcome"] = text(p, "outcome");
        if (const json::object* a = find_obj(p, "assessment"))
            if (const json::value* total = a->if_contains("total"); total && total->is_number())
                fsm.data["total"] = *total;
    }
};

// --- Guards: each names itself and, when it refuses, says why ----------------

/// A plan has at least one upgrading (training) before the development starts.
struct PlanHasUpgrading {
    static constexpr const char* name = "plan_has_upgrading";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* plan = find_obj(fsm.data, "plan");
        const json::array* trainings = plan ? find_arr(*plan, "upgrading") : nullptr;
        if (trainings && !trainings->empty()) return true;
        fsm.refusal = "the development plan has no upgrading (training) yet: record one with upgrading_planned first" +
                      basis(date_of(payload(evt), "started_on"));
        return false;
    }
};

/// Rest from office is decreed once per case.
struct RestNotYetDecreed {
    static constexpr const char* name = "rest_not_yet_decreed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* plan = find_obj(fsm.data, "plan");
        const json::object* rest = plan ? find_obj(*plan, "rest_from_office") : nullptr;
        if (!rest) return true;
        fsm.refusal = "rest from office was already decreed (" + text(*rest, "decree") + ", " + text(*rest, "from") +
                      " to " + text(*rest, "until") + ")" + basis(date_of(payload(evt), "from"));
        return false;
    }
};

/// training_completed names a training of the plan.
struct TrainingPlanned {
    static constexpr const char* name = "training_in_plan";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const std::string program = text(payload(evt), "program");
        std::vector<std::string> planned;
        if (const json::object* plan = find_obj(fsm.data, "plan"))
            if (const json::array* trainings = find_arr(*plan, "upgrading"))
                for (const auto& t : *trainings)
                    if (t.is_object()) planned.push_back(text(t.get_object(), "program"));
        if (std::find(planned.begin(), planned.end(), program) != planned.end()) return true;
        fsm.refusal = "field 'program': '" + program + "' is not a training of the plan (planned: " + joined(planned) +
                      ")";
        return false;
    }
};

/// linked_case_closed comes from the job fit case this one opened for the
/// re-assessment (only a case whose origin is this one notifies it).
struct FromLinkedJobFit {
    static constexpr const char* name = "linked_job_fit";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        if (text(p, "workflow") == "job_fit") return true;
        fsm.refusal = "the re-assessment waits for its linked job fit case, not for " + text(p, "workflow") + " case " +
                      text(p, "case");
        return false;
    }
};

/// decision == V, and what that decision needs: a return to a post needs a
/// re-assessment that meets the standard (outcome keep or rotate) and the
/// post; a reassignment needs the post.
template <Key V>
struct DecisionAllowed {
    static constexpr const char* name = V.value;
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        if (text(p, "decision") != V.view()) return false;
        if (V.view() == "close") return true;
        if (text(p, "post").empty()) {
            fsm.refusal = "field 'post': a " + std::string(V.view()) + " names the post the official goes to";
            return false;
        }
        if (V.view() == "reassign") return true;
        const std::string outcome = text(fsm.data, "outcome");
        const json::object* r = find_obj(fsm.data, "reassessment");
        const json::object* linked = r ? find_obj(*r, "result") : nullptr;
        if (linked && text(*linked, "decision") != "approve") {
            fsm.refusal = "a return to a post needs the linked job fit " + text(*linked, "case") +
                          " approved by the PPK, but it ended in state " + text(*linked, "state") +
                          (text(*linked, "decision").empty() ? " without the PPK's review" : " with a rejection") +
                          ": reassign or close instead" + basis(date_of(p, "decided_on"));
            return false;
        }
        if (outcome == "keep" || outcome == "rotate") return true;
        fsm.refusal = "a return to a post needs a re-assessment that meets the standard (outcome keep or rotate), but "
                      "the re-assessment's outcome is '" +
                      (outcome.empty() ? std::string("none") : outcome) +
                      "': reassign or close instead" + basis(date_of(p, "decided_on"));
        return false;
    }
};
using Return = DecisionAllowed<"return">;
using Reassign = DecisionAllowed<"reassign">;
using Close = DecisionAllowed<"close">;

/// Rest from office leaves the post vacant from its first day; without it
/// the official still holds the post and no Plt is assigned.
acting_rules::Vacancy development_vacancy(const json::object& data) {
    acting_rules::Vacancy v;
    const json::object* plan = find_obj(data, "plan");
    const json::object* rest = plan ? find_obj(*plan, "rest_from_office") : nullptr;
    if (!rest) {
        v.not_vacant = "this development case decreed no rest from office (rest_from_office_decreed): the official "
                       "still holds the post";
        return v;
    }
    if (auto d = parse_date(text(*rest, "from"))) v.since = *d;
    return v;
}

// --- The machine -------------------------------------------------------------

// Every open state also accepts a withdrawal.
#define ALUR_WITHDRAW_ROW(S) Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>

struct DevelopmentDef : CaseMachineDef<DevelopmentDef> {
    using initial_state = Planning;

    // clang-format off
    using own_rows = mpl::vector20<
        //  Source           Event                     Target            Action                    Guard
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
        Row<Planning,        Opened,                   none,             StoreOpening,             NotYetOpened<"official">>,
        Row<Planning,        UpgradingPlanned,         none,             StoreUpgrading,           none>,
        Row<Planning,        RestFromOffice,           none,             StoreRest,                RestNotYetDecreed>,
        Row<Planning,        PlanCompleted,            Upgrading,        StartUpgrading,           PlanHasUpgrading>,
        ALUR_WITHDRAW_ROW(Planning),
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
        Row<Upgrading,       UpgradingPlanned,         none,             StoreUpgrading,           none>,
        Row<Upgrading,       RestFromOffice,           none,             StoreRest,                RestNotYetDecreed>,
        Row<Upgrading,       TrainingCompleted,        none,             StoreTraining,            TrainingPlanned>,
        Row<Upgrading,       ReassessmentStarted,      Reassessment,     StartOwnReassessment,     none>,
        Row<Upgrading,       ReassessmentRequested,    AwaitingJobFit,   StartLinkedReassessment,  none>,
        ALUR_WITHDRAW_ROW(Upgrading),
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
        Row<Reassessment,    ScoreRecorded,            none,             StoreScore,               KnownComponent>,
        Row<Reassessment,    ReassessmentCompleted,    PpkDecision,      ComputeScore,             ScoresComplete>,
        ALUR_WITHDRAW_ROW(Reassessment),
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
        Row<AwaitingJobFit,  LinkedCaseClosed,         PpkDecision,      StoreLinkedResult,        FromLinkedJobFit>,
        ALUR_WITHDRAW_ROW(AwaitingJobFit),
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
        Row<PpkDecision,     PpkDecided,               Returned,         StoreDecision,            Return>,
        Row<PpkDecision,     PpkDecided,               Reassigned,       StoreDecision,            Reassign>,
        Row<PpkDecision,     PpkDecided,               Closed,           StoreDecision,            Close>,
        ALUR_WITHDRAW_ROW(PpkDecision)
        // +----------------+-------------------------+-----------------+-------------------------+-------------------------+
    >;
    // clang-format on
    // Rest from office leaves the post to an acting official (Plt), from the
    // plan on and after the case ends (the post stays vacant until filled).
    using transition_table = WithActingRows<own_rows, development_vacancy, Planning, Upgrading, Reassessment,
                                            AwaitingJobFit, PpkDecision, Returned, Reassigned, Closed>;
};
#undef ALUR_WITHDRAW_ROW

using DevelopmentMachine = MsmCaseMachine<DevelopmentDef, WithActingEvents<all_events>>;

}  // namespace

std::vector<TransitionSpec> transition_table() { return transition_rows<DevelopmentDef>(); }

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<DevelopmentMachine>(wf); }

}  // namespace alur::development::detail
