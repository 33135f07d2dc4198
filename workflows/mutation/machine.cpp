// The mutation workflow as a Boost.MSM state machine (functor front-end).
// The transition table below is the single source of truth: the engine's
// allowed-event lists and the generated diagrams are read from it.
//
// Guards read only the event (its payload and the facts `prepare` derived
// from the configuration when it was submitted) and the case data, never a
// clock, so replay reproduces every state.
#include "machine.hpp"

#include "acting_rows.hpp"
#include "msm_machine.hpp"

#include <boost/mpl/vector/vector40.hpp>

namespace alur::mutation::detail {
namespace {

using namespace alur::workflows;
using namespace alur::workflows::msm_support;
using msm::front::Row;
using namespace alur::workflows::acting_rows;

// --- Events ------------------------------------------------------------------

ALUR_EVENT(Opened, "opened");
ALUR_EVENT(RecordAdded, "record_added");
ALUR_EVENT(RecordsCompleted, "records_completed");
ALUR_EVENT(VisitScheduled, "visit_scheduled");
ALUR_EVENT(InterviewRecorded, "interview_recorded");
ALUR_EVENT(VisitCompleted, "visit_completed");
ALUR_EVENT(ScoreRecorded, "score_recorded");
ALUR_EVENT(ScoringCompleted, "scoring_completed");
ALUR_EVENT(RecommendationRequested, "recommendation_requested");
ALUR_EVENT(RecommendationReceived, "recommendation_received");
ALUR_EVENT(PpkDecided, "ppk_decided");
ALUR_EVENT(InaugurationScheduled, "inauguration_scheduled");
ALUR_EVENT(Inaugurated, "inaugurated");
ALUR_EVENT(Withdraw, "withdrawn");
ALUR_EVENT(MinisterialApprovalRecorded, "ministerial_approval_recorded");
ALUR_EVENT(ExceptionRecorded, "exception_recorded");

using all_events = mpl::vector16<Opened, RecordAdded, RecordsCompleted, VisitScheduled, InterviewRecorded,
                                 VisitCompleted, ScoreRecorded, ScoringCompleted, RecommendationRequested,
                                 RecommendationReceived, PpkDecided, InaugurationScheduled, Inaugurated, Withdraw,
                                 MinisterialApprovalRecorded, ExceptionRecorded>;

// --- States ------------------------------------------------------------------

ALUR_STATE(RecordGathering, "record_gathering");
ALUR_STATE(FieldVisit, "field_visit");
ALUR_STATE(Scoring, "scoring");
ALUR_STATE(Recommendation, "recommendation");
ALUR_STATE(PpkDecision, "ppk_decision");
ALUR_STATE(Inauguration, "inauguration");
ALUR_STATE(Completed, "completed");
ALUR_STATE(Rejected, "rejected");
ALUR_STATE(Withdrawn, "withdrawn");

// --- Actions -----------------------------------------------------------------

struct StoreOfficial {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object official = payload(evt);
        json::value profile = official["scoring_profile"];
        official.erase("scoring_profile");
        official.erase("profile");
        if (const json::value* origin = official.if_contains("origin")) {
            fsm.data["origin"] = *origin;
            official.erase("origin");
        }
        fsm.data["official"] = std::move(official);
        fsm.data["scoring_profile"] = std::move(profile);
    }
};

struct StoreRecord {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const auto& p = payload(evt);
        json::object entry{{"value", p.at("value")}, {"seq", evt.in->seq}};
        if (auto* src = p.if_contains("source")) entry["source"] = *src;
        obj(fsm.data, "records")[text(p, "item")] = std::move(entry);
    }
};

struct StoreSchedule {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "inauguration")["scheduled"] = payload(evt).at("date");
    }
};

struct StoreInauguration {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        auto& i = obj(fsm.data, "inauguration");
        i["date"] = payload(evt).at("date");
        i["sk_number"] = payload(evt).at("sk_number");
    }
};

struct StoreException {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "exceptions")[text(payload(evt), "kind")] = payload(evt);
    }
};

using StoreVisit = StorePayload<"visit">;
using AddInterview = AppendPayload<"interviews">;
using StoreDecision = StorePayload<"decision">;
using StoreApproval = AppendPayload<"ministerial_approvals">;
using StoreWithdrawal = StorePayload<"withdrawal">;

// --- Guards: each names itself and, when it refuses, says why ----------------

struct RecordsComplete {
    static constexpr const char* name = "all_records_present";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        std::vector<std::string> missing;
        const json::object* records = find_obj(fsm.data, "records");
        for (const auto& item : record_items())
            if (!records || !records->contains(item)) missing.push_back(item);
        if (missing.empty()) return true;
        fsm.refusal = "record gathering is incomplete: missing " + joined(missing) + " (add each with record_added)";
        return false;
    }
};

struct VisitComplete {
    static constexpr const char* name = "rt_head_and_3_interviews";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        std::size_t total = 0, rt_heads = 0;
        if (const json::array* interviews = find_arr(fsm.data, "interviews"))
            for (const auto& i : *interviews) {
                ++total;
                if (text(i.get_object(), "role") == "rt_head") ++rt_heads;
            }
        if (total >= 3 && rt_heads >= 1) return true;
        fsm.refusal = "the field visit needs at least one rt_head interview and at least 3 interviews (have " +
                      std::to_string(total) + ", of which rt_head " + std::to_string(rt_heads) + ")";
        return false;
    }
};

// UU 5/2014 art. 116 and UU 10/2016 art. 71 / 162, on the decision's own date.
struct MoveAllowed {
    static constexpr const char* name = "move_allowed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        if (text(payload(evt), "decision") != "approve") return false;
        const Date decided = date_of(payload(evt), "decided_on");
        const json::object* official = find_obj(fsm.data, "official");
        const json::object* exceptions = find_obj(fsm.data, "exceptions");
        bool legal = exceptions && exceptions->contains("legal_violation");
        bool unmet = exceptions && exceptions->contains("requirements_unmet");
        if (official) {
            if (auto refusal = rules::two_year_lock(text(*official, "grade"), date_of(*official, "inaugurated_at"),
                                                    decided, legal, unmet)) {
                fsm.refusal = *refusal;
                return false;
            }
        }
        return election_window_clear(payload(evt), fsm, "decided_on");
    }
};

// --- The machine -------------------------------------------------------------

// Every open state also accepts these three.
#define ALUR_OPEN_STATE_ROWS(S)                                          \
    Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>,                  \
    Row<S, MinisterialApprovalRecorded, none, StoreApproval, none>,      \
    Row<S, ExceptionRecorded, none, StoreException, none>

struct MutationDef : CaseMachineDef<MutationDef> {
    using initial_state = RecordGathering;

    // clang-format off
    using own_rows = mpl::vector33<
        //  Source           Event                     Target          Action               Guard
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<RecordGathering, Opened,                   none,           StoreOfficial,       NotYetOpened<"official">>,
        Row<RecordGathering, RecordAdded,              none,           StoreRecord,         none>,
        Row<RecordGathering, RecordsCompleted,         FieldVisit,     none,                RecordsComplete>,
        ALUR_OPEN_STATE_ROWS(RecordGathering),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<FieldVisit,      VisitScheduled,           none,           StoreVisit,          none>,
        Row<FieldVisit,      InterviewRecorded,        none,           AddInterview,        none>,
        Row<FieldVisit,      VisitCompleted,           Scoring,        none,                VisitComplete>,
        ALUR_OPEN_STATE_ROWS(FieldVisit),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<Scoring,         ScoreRecorded,            none,           StoreScore,          KnownComponent>,
        Row<Scoring,         ScoringCompleted,         Recommendation, ComputeScore,        ScoresComplete>,
        ALUR_OPEN_STATE_ROWS(Scoring),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<Recommendation,  RecommendationRequested,  none,           StoreRequest,        none>,
        Row<Recommendation,  RecommendationReceived,   PpkDecision,    StoreRecommendation, Both<Requested, Approve>>,
        Row<Recommendation,  RecommendationReceived,   Rejected,       StoreRecommendation, Both<Requested, Reject>   >,
        ALUR_OPEN_STATE_ROWS(Recommendation),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<PpkDecision,     PpkDecided,               Inauguration,   StoreDecision,       MoveAllowed>,
        Row<PpkDecision,     PpkDecided,               Rejected,       StoreDecision,       Reject>,
        ALUR_OPEN_STATE_ROWS(PpkDecision),
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<Inauguration,    InaugurationScheduled,    none,           StoreSchedule,       none>,
        Row<Inauguration,    Inaugurated,              Completed,      StoreInauguration,   none>,
        ALUR_OPEN_STATE_ROWS(Inauguration)
        // +----------------+-------------------------+---------------+--------------------+-----------------+
    >;
    // clang-format on
    // The rows after the table's own: a completed move leaves the old post to an acting official (Plt).
    using transition_table = WithActingRows<own_rows, acting_rules::mutation_vacancy, Completed>;
};
#undef ALUR_OPEN_STATE_ROWS

using MutationMachine = MsmCaseMachine<MutationDef, WithActingEvents<all_events>>;

}  // namespace

std::vector<TransitionSpec> transition_table() { return transition_rows<MutationDef>(); }

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<MutationMachine>(wf); }

}  // namespace alur::mutation::detail
