// The mutation workflow as a Boost.MSM state machine (functor front-end).
// The transition table below is the single source of truth: the engine's
// allowed-event lists and the generated diagrams are read from it.
//
// Guards read only the event (its payload and the facts `prepare` derived
// from the configuration when it was submitted) and the case data, never a
// clock, so replay reproduces every state.
#include "machine.hpp"

#include "acting_rows.hpp"
#include "linked.hpp"
#include "msm_machine.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <boost/mpl/vector/vector50.hpp>

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
ALUR_EVENT(CareerPostAdded, "career_post_added");
ALUR_EVENT(SkpRecorded, "skp_recorded");
ALUR_EVENT(TechnicalConsiderationRecorded, "technical_consideration_recorded");
ALUR_EVENT(ProposalSent, "proposal_sent");
ALUR_EVENT(PresidentDecided, "president_decided");

using all_events = mpl::vector21<Opened, RecordAdded, RecordsCompleted, VisitScheduled, InterviewRecorded,
                                 VisitCompleted, ScoreRecorded, ScoringCompleted, RecommendationRequested,
                                 RecommendationReceived, PpkDecided, InaugurationScheduled, Inaugurated, Withdraw,
                                 MinisterialApprovalRecorded, ExceptionRecorded, CareerPostAdded, SkpRecorded,
                                 TechnicalConsiderationRecorded, ProposalSent, PresidentDecided>;

// --- States ------------------------------------------------------------------

ALUR_STATE(RecordGathering, "record_gathering");
ALUR_STATE(FieldVisit, "field_visit");
ALUR_STATE(Scoring, "scoring");
ALUR_STATE(Recommendation, "recommendation");
ALUR_STATE(PpkDecision, "ppk_decision");
ALUR_STATE(PresidentialDecision, "presidential_decision");
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
        for (const char* key : linked_opening_fields) official.erase(key);
        if (const json::value* origin = official.if_contains("origin")) {
            fsm.data["origin"] = *origin;
            official.erase("origin");
        }
        fsm.data["official"] = std::move(official);
        fsm.data["scoring_profile"] = std::move(profile);
    }
};

/// The official, and data.assessment: what the linked case assessed (linked.hpp).
struct StoreLinkedOfficial {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S& src, T& tgt) const {
        StoreOfficial{}(evt, fsm, src, tgt);
        store_assessment(fsm.data, payload(evt));
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

/// data.career_posts gets {post, unit, from, until?, seq}; the last five by
/// `from` are kept, oldest first.
struct StoreCareerPost {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object post = payload(evt);
        post["seq"] = evt.in->seq;
        json::array& posts = arr(fsm.data, "career_posts");
        posts.push_back(std::move(post));
        std::stable_sort(posts.begin(), posts.end(), [](const json::value& a, const json::value& b) {
            return text(a.get_object(), "from") < text(b.get_object(), "from");
        });
        while (posts.size() > 5) posts.erase(posts.begin());
    }
};

/// data.skp_ratings[year] = {rating, seq}.
struct StoreSkp {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        const auto& p = payload(evt);
        obj(fsm.data, "skp_ratings")[std::to_string(static_cast<std::int64_t>(number(p.at("year"))))] =
            json::object{{"rating", p.at("rating")}, {"seq", evt.in->seq}};
    }
};

/// data.presidential[K] = the payload.
template <Key K>
struct StorePresidential {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "presidential")[K.view()] = payload(evt);
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
using StoreTechnical = StorePayload<"technical_consideration">;
using StoreProposal = StorePresidential<"proposal">;
using StorePresidentDecision = StorePresidential<"decision">;

// --- Guards: each names itself and, when it refuses, says why ----------------

/// Has the case the record `item`: a record_added one, or the structured form
/// (career_post_added posts for career_history, skp_recorded ratings for skp).
bool has_record(const json::object& data, const std::string& item) {
    if (const json::object* records = find_obj(data, "records"); records && records->contains(item)) return true;
    if (item == "career_history") {
        const json::array* posts = find_arr(data, "career_posts");
        return posts && !posts->empty();
    }
    if (item == "skp") {
        const json::object* ratings = find_obj(data, "skp_ratings");
        return ratings && !ratings->empty();
    }
    return false;
}

/// The record items of the case's scoring profile are all present.
struct RecordsComplete {
    static constexpr const char* name = "all_records_present";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        std::vector<std::string> missing;
        for (const auto& item : profile_at(fsm.data).record_items)
            if (!has_record(fsm.data, item)) missing.push_back(item);
        if (missing.empty()) return true;
        fsm.refusal = "record gathering is incomplete: missing " + joined(missing) + " (add each with record_added)";
        return false;
    }
};

/// The interviews the case's scoring profile asks for (default: 3, one of an RT head).
struct VisitComplete {
    static constexpr const char* name = "interviews_of_profile";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        const auto profile = profile_at(fsm.data);
        std::size_t total = 0, rt_heads = 0;
        if (const json::array* interviews = find_arr(fsm.data, "interviews"))
            for (const auto& i : *interviews) {
                ++total;
                if (text(i.get_object(), "role") == "rt_head") ++rt_heads;
            }
        const auto need = static_cast<std::size_t>(profile.interviews);
        const auto need_rt = static_cast<std::size_t>(profile.rt_head_interviews);
        if (total >= need && rt_heads >= need_rt) return true;
        fsm.refusal = "the field visit needs at least " + std::to_string(need_rt) + " rt_head interview" +
                      (need_rt == 1 ? "" : "s") + " and at least " + std::to_string(need) +
                      " interviews (scoring profile " + profile.name + "; have " + std::to_string(total) +
                      ", of which rt_head " + std::to_string(rt_heads) + ")";
        return false;
    }
};

/// Is `grade` in rule.grades (a rule's grades as `prepare` snapshot them)?
bool grade_in(const json::object& rule, const std::string& grade) {
    if (const json::array* grades = find_arr(rule, "grades"))
        for (const auto& g : *grades)
            if (g.is_string() && g.get_string() == grade) return true;
    return false;
}

/// The oversight body's recommendation is required when the official's
/// grade or the proposed post's is one of the payload's `recommendation_for`
/// grades; a scoring_completed written before the path depended on the grade
/// has none and always goes to the recommendation.
template <bool Required>
struct RecommendationNeeded {
    static constexpr const char* name = Required ? "recommendation_required" : "no_recommendation_required";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        bool required = true;
        if (const json::object* rule = find_obj(payload(evt), "recommendation_for")) {
            const json::object* official = find_obj(fsm.data, "official");
            required = official && (grade_in(*rule, text(*official, "grade")) ||
                                    grade_in(*rule, text(*official, "target_grade")));
        }
        return required == Required;
    }
};

/// The grade of the post decided: the proposed post's, else the current one's.
std::string decided_grade(const json::object& data) {
    const json::object* official = find_obj(data, "official");
    if (!official) return {};
    std::string target = text(*official, "target_grade");
    return target.empty() ? text(*official, "grade") : target;
}

/// An opening without an `assessment` gathers the records, as before one could be linked.
struct NotLinked {
    static constexpr const char* name = "no_assessment";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F&, S&, T&) const {
        return !payload(evt).contains("assessment");
    }
};

/// An opening with an `assessment` that stands for the move starts where
/// `Start` says (linked.hpp: ppk_decision, or the recommendation its grade
/// still needs); one that does not stand is refused with its rule.
template <LinkedStart Start>
struct AssessmentStands {
    static constexpr const char* name =
        Start == LinkedStart::ppk_decision ? "assessment_stands" : "assessment_stands_without_recommendation";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        if (!payload(evt).contains("assessment")) return false;
        const LinkedOpening opening = linked_opening(payload(evt));
        if (opening.refusal) {
            fsm.refusal = *opening.refusal;
            return false;
        }
        return opening.start == Start;
    }
};

/// The President appoints to the post decided when its grade is one of the
/// payload's `appointed_by_president` grades (a ppk_decided written before
/// has none: the PPK appoints, as then).
template <bool President>
struct AppointedBy {
    static constexpr const char* name = President ? "president_appoints" : "ppk_appoints";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* rule = find_obj(payload(evt), "appointed_by_president");
        return (rule && grade_in(*rule, decided_grade(fsm.data))) == President;
    }
};

/// The date the PPK's decision is judged on: its SK's date, else the event's.
const char* decision_date_key(const json::object& p) { return p.contains("sk_date") ? "sk_date" : "decided_on"; }

// The two-year lock, BKN's technical consideration and the election window,
// on the decision's own date (its SK's, else the event's).
struct MoveAllowed {
    static constexpr const char* name = "move_allowed";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const auto& p = payload(evt);
        if (text(p, "decision") != "approve") return false;
        const char* date_key = decision_date_key(p);
        const Date decided = date_of(p, date_key);
        const json::object* official = find_obj(fsm.data, "official");
        const json::object* exceptions = find_obj(fsm.data, "exceptions");
        auto has = [exceptions](const char* kind) { return exceptions && exceptions->contains(kind); };
        if (official) {
            const rules::LockExceptions recorded{has("legal_violation"), has("requirements_unmet"),
                                                 has("presidential_approval")};
            if (auto refusal = rules::two_year_lock(text(*official, "grade"), date_of(*official, "inaugurated_at"),
                                                    decided, recorded)) {
                fsm.refusal = *refusal;
                return false;
            }
            const std::string scope = text(*official, "scope");
            if (!scope.empty() && scope != "within_agency" && !fsm.data.contains("technical_consideration")) {
                fsm.refusal = rules::cite("bkn_technical_consideration", decided) + ": a mutation " +
                              (scope == "between_regions" ? "between regions" : "between agencies") +
                              " needs BKN's technical consideration (pertimbangan teknis) before the decision dated " +
                              format_date(decided) + " (record technical_consideration_recorded with its number and date)";
                return false;
            }
        }
        return election_window_clear(p, fsm, date_key);
    }
};

/// UU 10/2016 art. 71 / 162 on the inauguration's own date (payload.date),
/// planned or held; an event written before carries no window and passes.
struct InaugurationAllowed {
    static constexpr const char* name = "election_window_clear";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        return election_window_clear(payload(evt), fsm, "date", "an inauguration");
    }
};

/// The proposal went to the President before the President decides.
struct Proposed {
    static constexpr const char* name = "proposal_sent";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        const json::object* presidential = find_obj(fsm.data, "presidential");
        if (presidential && presidential->contains("proposal")) return true;
        fsm.refusal = rules::cite("jpt_madya_utama_appointment", date_of(payload(evt), "date")) +
                      ": the President decides on the PPK's proposal (submit proposal_sent first)";
        return false;
    }
};

// --- The machine -------------------------------------------------------------

// Every open state also accepts these three.
#define ALUR_OPEN_STATE_ROWS(S)                                          \
    Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>,                  \
    Row<S, MinisterialApprovalRecorded, none, StoreApproval, none>,      \
    Row<S, ExceptionRecorded, none, StoreException, none>

using ScoredWith = Both<ScoresComplete, RecommendationNeeded<true>>;
using ScoredWithout = Both<ScoresComplete, RecommendationNeeded<false>>;

struct MutationDef : CaseMachineDef<MutationDef> {
    using initial_state = RecordGathering;

    // clang-format off
    using own_rows = mpl::vector46<
        //  Source                Event                           Target                Action                  Guard
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<RecordGathering,      Opened,                         none,                 StoreOfficial,          Both<NotYetOpened<"official">, NotLinked>>,
        Row<RecordGathering,      Opened,                         PpkDecision,          StoreLinkedOfficial,    Both<NotYetOpened<"official">, AssessmentStands<LinkedStart::ppk_decision>>>,
        Row<RecordGathering,      Opened,                         Recommendation,       StoreLinkedOfficial,    Both<NotYetOpened<"official">, AssessmentStands<LinkedStart::recommendation>>>,
        Row<RecordGathering,      RecordAdded,                    none,                 StoreRecord,            none>,
        Row<RecordGathering,      CareerPostAdded,                none,                 StoreCareerPost,        none>,
        Row<RecordGathering,      SkpRecorded,                    none,                 StoreSkp,               none>,
        Row<RecordGathering,      RecordsCompleted,               FieldVisit,           none,                   RecordsComplete>,
        ALUR_OPEN_STATE_ROWS(RecordGathering),
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<FieldVisit,           VisitScheduled,                 none,                 StoreVisit,             none>,
        Row<FieldVisit,           InterviewRecorded,              none,                 AddInterview,           none>,
        Row<FieldVisit,           VisitCompleted,                 Scoring,              none,                   VisitComplete>,
        ALUR_OPEN_STATE_ROWS(FieldVisit),
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<Scoring,              ScoreRecorded,                  none,                 StoreScore,             KnownComponent>,
        Row<Scoring,              ScoringCompleted,               Recommendation,       ComputeScore,           ScoredWith>,
        Row<Scoring,              ScoringCompleted,               PpkDecision,          ComputeScore,           ScoredWithout>,
        ALUR_OPEN_STATE_ROWS(Scoring),
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<Recommendation,       RecommendationRequested,        none,                 StoreRequest,           none>,
        Row<Recommendation,       RecommendationReceived,         PpkDecision,          StoreRecommendation,    Both<Requested, Approve>>,
        Row<Recommendation,       RecommendationReceived,         Rejected,             StoreRecommendation,    Both<Requested, Reject>   >,
        Row<Recommendation,       TechnicalConsiderationRecorded, none,                 StoreTechnical,         none>,
        ALUR_OPEN_STATE_ROWS(Recommendation),
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<PpkDecision,          PpkDecided,                     Inauguration,         StoreDecision,          Both<MoveAllowed, AppointedBy<false>>>,
        Row<PpkDecision,          PpkDecided,                     PresidentialDecision, StoreDecision,          Both<MoveAllowed, AppointedBy<true>>>,
        Row<PpkDecision,          PpkDecided,                     Rejected,             StoreDecision,          Reject>,
        Row<PpkDecision,          TechnicalConsiderationRecorded, none,                 StoreTechnical,         none>,
        ALUR_OPEN_STATE_ROWS(PpkDecision),
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<PresidentialDecision, ProposalSent,                   none,                 StoreProposal,          none>,
        Row<PresidentialDecision, PresidentDecided,               Inauguration,         StorePresidentDecision, Both<Proposed, Approve>>,
        Row<PresidentialDecision, PresidentDecided,               Rejected,             StorePresidentDecision, Both<Proposed, Reject>>,
        Row<PresidentialDecision, Withdraw,                       Withdrawn,            StoreWithdrawal,        none>,
        Row<PresidentialDecision, MinisterialApprovalRecorded,    none,                 StoreApproval,          none>,
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        Row<Inauguration,         InaugurationScheduled,          none,                 StoreSchedule,          InaugurationAllowed>,
        Row<Inauguration,         Inaugurated,                    Completed,            StoreInauguration,      InaugurationAllowed>,
        ALUR_OPEN_STATE_ROWS(Inauguration)
        // +---------------------+-------------------------------+---------------------+-----------------------+-----------------+
        // (own rows 46, the acting rows 2: keep the whole under 50, vector50.hpp)
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
