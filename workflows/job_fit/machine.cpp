// The job fit (uji kompetensi) workflow as a Boost.MSM state machine
// (functor front-end); its transition table is what the engine and the
// diagrams read. The scoring, the oversight body's recommendation and the
// election window use the shared actions and guards of msm_machine.hpp; only
// the opening, the JPT rule and the PPK's review are this workflow's own, and
// like every guard they read the event and the case data, never a clock.
#include "machine.hpp"

#include "acting_rows.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "msm_machine.hpp"

#include <boost/mpl/vector/vector20.hpp>

namespace alur::job_fit::detail {
namespace {

using namespace alur::workflows;
using namespace alur::workflows::msm_support;
using msm::front::Row;
using namespace alur::workflows::acting_rows;

// --- Events ------------------------------------------------------------------

ALUR_EVENT(Opened, "opened");
ALUR_EVENT(ScoreRecorded, "score_recorded");
ALUR_EVENT(AssessmentCompleted, "assessment_completed");
ALUR_EVENT(PanelReported, "panel_reported");
ALUR_EVENT(RecommendationRequested, "recommendation_requested");
ALUR_EVENT(RecommendationReceived, "recommendation_received");
ALUR_EVENT(PpkReviewed, "ppk_reviewed");
ALUR_EVENT(Withdraw, "withdrawn");
ALUR_EVENT(MinisterialApprovalRecorded, "ministerial_approval_recorded");
ALUR_EVENT(ReassessmentPermitted, "reassessment_permitted");

using all_events = mpl::vector10<Opened, ScoreRecorded, AssessmentCompleted, PanelReported, RecommendationRequested,
                                 RecommendationReceived, PpkReviewed, Withdraw, MinisterialApprovalRecorded,
                                 ReassessmentPermitted>;

// --- States ------------------------------------------------------------------

ALUR_STATE(Assessment, "assessment");
ALUR_STATE(PanelReport, "panel_report");
ALUR_STATE(Recommendation, "recommendation");
ALUR_STATE(PpkReview, "ppk_review");
ALUR_STATE(Closed, "closed");
ALUR_STATE(Withdrawn, "withdrawn");

// --- Actions -----------------------------------------------------------------

/// data.official (who is assessed), data.batch, data.as_of, data.scoring_profile.
struct StoreOpening {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        fsm.data["official"] = official_fields(p);
        for (const char* key : {"batch", "origin"})  // a batch's case, or one an open selection opened
            if (const json::value* v = p.if_contains(key)) fsm.data[key] = *v;
        fsm.data["as_of"] = p.at("as_of");
        fsm.data["scoring_profile"] = p.at("scoring_profile");
    }
};

using StorePanelReport = StorePayload<"panel_report">;
using StoreReview = StorePayload<"review">;
using StoreApproval = AppendPayload<"ministerial_approvals">;
using StoreWithdrawal = StorePayload<"withdrawal">;

/// A new assessment: the earlier one (scores, total, outcome, the panel's
/// report, the refused recommendation) moves to data.earlier_assessments with
/// the permission that reopened it, so the new scores are recorded afresh
/// (the journal keeps every earlier event as it was).
struct ReopenForReassessment {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object earlier;
        for (const char* key : {"scores", "total", "outcome", "panel_report", "recommendation"}) {
            if (const json::value* v = fsm.data.if_contains(key)) earlier[key] = *v;
            fsm.data.erase(key);
        }
        earlier["permission"] = payload(evt);
        earlier["seq"] = evt.in->seq;
        arr(fsm.data, "earlier_assessments").push_back(std::move(earlier));
    }
};

// --- Guards: each names itself and, when it refuses, says why ----------------

/// Job fit is the competency test of officials sitting in a JPT post.
struct OfficialIsJpt {
    static constexpr const char* name = "official_is_jpt";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const std::string grade = text(payload(evt), "grade");
        if (rules::is_jpt(grade)) return true;
        fsm.refusal = "job fit (uji kompetensi) is of officials in a JPT post (UU 5/2014 art. 19; PermenPANRB "
                      "15/2019): grade '" + grade + "' is not jpt_utama, jpt_madya or jpt_pratama";
        return false;
    }
};

/// UU 10/2016 art. 71 / 162: an approved `rotate` replaces the official, so in
/// an election window it needs the Minister of Home Affairs' written approval.
/// So does an approved `develop` (rest from office) where the agency's policy
/// counts it as a replacement: `prepare` snapshots [job_fit]
/// develop_is_replacement into the review as develop_in_window; a review
/// without it (written before the policy existed) lets develop pass, as then.
/// keep and any rejection pass.
struct ReviewAllowed {
    static constexpr const char* name = "replacement_allowed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object& p = payload(evt);
        if (text(p, "decision") != "approve") return true;
        const std::string outcome = text(fsm.data, "outcome");
        if (outcome == "rotate") return election_window_clear(p, fsm, "decided_on");
        if (outcome != "develop" || text(p, "develop_in_window") != "replacement") return true;
        if (election_window_clear(p, fsm, "decided_on")) return true;
        std::string policy = rules::cite("job_fit_develop_in_window", date_of(p, "decided_on"));
        if (policy.find("develop_is_replacement") == std::string::npos) policy += "; [job_fit] develop_is_replacement";
        fsm.refusal += "; the agency counts a develop (rest from office) in an election window as a replacement (" +
                       policy + ")";
        return false;
    }
};

/// Rule job_fit_reassessment: only a job fit whose recommendation the
/// oversight body refused (closed without the PPK's review) is assessed again.
struct RecommendationRefused {
    static constexpr const char* name = "recommendation_refused";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* rec = find_obj(fsm.data, "recommendation");
        const json::object* response = rec ? find_obj(*rec, "response") : nullptr;
        if (response && text(*response, "decision") == "reject" && !fsm.data.contains("review")) return true;
        fsm.refusal = "a new assessment is permitted only for a job fit whose recommendation the oversight body "
                      "refused; this case closed with " +
                      std::string(fsm.data.contains("review") ? "the PPK's review" : "no refused recommendation") +
                      " (" + rules::cite("job_fit_reassessment", date_of(payload(evt), "date")) + ")";
        return false;
    }
};

// --- The machine -------------------------------------------------------------

// Every open state also accepts these two.
#define ALUR_OPEN_STATE_ROWS(S)                              \
    Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>,      \
    Row<S, MinisterialApprovalRecorded, none, StoreApproval, none>

struct JobFitDef : CaseMachineDef<JobFitDef> {
    using initial_state = Assessment;

    // clang-format off
    using own_rows = mpl::vector17<
        //  Source           Event                     Target          Action               Guard
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<Assessment,      Opened,                   none,           StoreOpening,        Both<NotYetOpened<"official">, OfficialIsJpt>>,
        Row<Assessment,      ScoreRecorded,            none,           StoreScore,          KnownComponent>,
        Row<Assessment,      AssessmentCompleted,      PanelReport,    ComputeScore,        ScoresComplete>,
        ALUR_OPEN_STATE_ROWS(Assessment),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<PanelReport,     PanelReported,            Recommendation, StorePanelReport,    none>,
        ALUR_OPEN_STATE_ROWS(PanelReport),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<Recommendation,  RecommendationRequested,  none,           StoreRequest,        none>,
        Row<Recommendation,  RecommendationReceived,   PpkReview,      StoreRecommendation, Both<Requested, Approve>>,
        Row<Recommendation,  RecommendationReceived,   Closed,         StoreRecommendation, Both<Requested, Reject>   >,
        ALUR_OPEN_STATE_ROWS(Recommendation),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<PpkReview,       PpkReviewed,              Closed,         StoreReview,         ReviewAllowed>,
        ALUR_OPEN_STATE_ROWS(PpkReview),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        // The oversight body's written permission reopens a refused job fit (closed stays final otherwise).
        Row<Closed,          ReassessmentPermitted,    Assessment,     ReopenForReassessment, RecommendationRefused>
        // +----------------+-------------------------+---------------+--------------------+-----------------+
    >;
    // clang-format on
    // An approved develop (rest from office) leaves the post to an acting official (Plt).
    using transition_table = WithActingRows<own_rows, acting_rules::job_fit_vacancy, Closed>;
};
#undef ALUR_OPEN_STATE_ROWS

using JobFitMachine = MsmCaseMachine<JobFitDef, WithActingEvents<all_events>>;

}  // namespace

std::vector<TransitionSpec> transition_table() { return transition_rows<JobFitDef>(); }

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<JobFitMachine>(wf); }

}  // namespace alur::job_fit::detail
