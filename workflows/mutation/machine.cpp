// The mutation workflow as a Boost.MSM state machine (functor front-end).
// The transition table below is the single source of truth: the engine's
// allowed-event lists and the generated diagrams are read from it.
//
// Guards read only the event (its payload and the facts `prepare` derived
// from the configuration when it was submitted) and the case data, never a
// clock, so replay reproduces every state.
#include "machine.hpp"

#include "alur/workflows/rules.hpp"

#include <boost/json.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/back/metafunctions.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <boost/msm/row_tags.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/size.hpp>
#include <boost/mpl/vector/vector40.hpp>

#include <functional>
#include <map>
#include <type_traits>

namespace alur::mutation::detail {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
namespace json = boost::json;
using msm::front::none;
using msm::front::Row;

// --- Events: each carries the validated input it was decoded from ------------

#define ALUR_EVENT(Type, text)                      \
    struct Type {                                   \
        static constexpr const char* name = text;   \
        const EventInput* in;                       \
    }

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
#undef ALUR_EVENT

using all_events = mpl::vector16<Opened, RecordAdded, RecordsCompleted, VisitScheduled, InterviewRecorded,
                                 VisitCompleted, ScoreRecorded, ScoringCompleted, RecommendationRequested,
                                 RecommendationReceived, PpkDecided, InaugurationScheduled, Inaugurated, Withdraw,
                                 MinisterialApprovalRecorded, ExceptionRecorded>;

// --- States ------------------------------------------------------------------

#define ALUR_STATE(Type, text)                                      \
    struct Type : msm::front::state<> {                             \
        static constexpr const char* name = text;                   \
    }

ALUR_STATE(RecordGathering, "record_gathering");
ALUR_STATE(FieldVisit, "field_visit");
ALUR_STATE(Scoring, "scoring");
ALUR_STATE(Recommendation, "recommendation");
ALUR_STATE(PpkDecision, "ppk_decision");
ALUR_STATE(Inauguration, "inauguration");
ALUR_STATE(Completed, "completed");
ALUR_STATE(Rejected, "rejected");
ALUR_STATE(Withdrawn, "withdrawn");
#undef ALUR_STATE

// --- Helpers over the case data ---------------------------------------------

const json::object& payload(const auto& evt) { return evt.in->payload; }

std::string text(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

json::object& obj(json::object& data, std::string_view key) {
    json::value& v = data[key];
    if (!v.is_object()) v = json::object();
    return v.get_object();
}

json::array& arr(json::object& data, std::string_view key) {
    json::value& v = data[key];
    if (!v.is_array()) v = json::array();
    return v.get_array();
}

const json::object* find_obj(const json::object& data, std::string_view key) {
    const json::value* v = data.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

double number(const json::value& v) { return v.is_double() ? v.get_double() : v.to_number<double>(); }

Date date_of(const json::object& o, std::string_view key) {
    auto d = parse_date(text(o, key));
    return d ? *d : Date{};
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// --- Actions -----------------------------------------------------------------

struct StoreOfficial {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        json::object official = payload(evt);
        json::value profile = official["scoring_profile"];
        official.erase("scoring_profile");
        official.erase("profile");
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

struct StoreVisit {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        fsm.data["visit"] = payload(evt);
    }
};

struct AddInterview {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        arr(fsm.data, "interviews").push_back(payload(evt));
    }
};

struct StoreScore {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "scores")[text(payload(evt), "component")] = payload(evt).at("value");
    }
};

rules::ScoringProfile profile_of(const json::object& data) {
    rules::ScoringProfile p;
    if (const json::object* stored = find_obj(data, "scoring_profile")) {
        p.name = text(*stored, "name");
        if (const json::object* w = find_obj(*stored, "weights"))
            for (const auto& kv : *w) p.weights[std::string(kv.key())] = number(kv.value());
        if (auto* k = stored->if_contains("keep_at")) p.keep_at = number(*k);
        if (auto* r = stored->if_contains("rotate_at")) p.rotate_at = number(*r);
    }
    return p;
}

struct ComputeScore {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& fsm, S&, T&) const {
        std::map<std::string, double> values;
        if (const json::object* scores = find_obj(fsm.data, "scores"))
            for (const auto& kv : *scores) values[std::string(kv.key())] = number(kv.value());
        auto result = rules::score(profile_of(fsm.data), values);
        fsm.data["total"] = result.total;
        fsm.data["outcome"] = result.outcome;
    }
};

struct StoreRequest {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "recommendation") = json::object{{"request", payload(evt)}};
    }
};

struct StoreRecommendation {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "recommendation")["response"] = payload(evt);
    }
};

struct StoreDecision {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        fsm.data["decision"] = payload(evt);
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

struct StoreApproval {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        arr(fsm.data, "ministerial_approvals").push_back(payload(evt));
    }
};

struct StoreException {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "exceptions")[text(payload(evt), "kind")] = payload(evt);
    }
};

struct StoreWithdrawal {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        fsm.data["withdrawal"] = payload(evt);
    }
};

// --- Guards: each names itself and, when it refuses, says why ----------------

struct NotYetOpened {
    static constexpr const char* name = "not_yet_opened";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        if (!fsm.data.contains("official")) return true;
        fsm.refusal = "the case is already open";
        return false;
    }
};

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
        if (const json::value* v = fsm.data.if_contains("interviews"); v && v->is_array())
            for (const auto& i : v->get_array()) {
                ++total;
                if (text(i.get_object(), "role") == "rt_head") ++rt_heads;
            }
        if (total >= 3 && rt_heads >= 1) return true;
        fsm.refusal = "the field visit needs at least one rt_head interview and at least 3 interviews (have " +
                      std::to_string(total) + ", of which rt_head " + std::to_string(rt_heads) + ")";
        return false;
    }
};

struct KnownComponent {
    static constexpr const char* name = "component_in_profile";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        auto profile = profile_of(fsm.data);
        std::string component = text(payload(evt), "component");
        if (profile.weights.count(component)) return true;
        std::vector<std::string> names;
        for (const auto& [c, w] : profile.weights) names.push_back(c);
        fsm.refusal = "field 'component': '" + component + "' is not a component of scoring profile " + profile.name +
                      " (components: " + joined(names) + ")";
        return false;
    }
};

struct ScoresComplete {
    static constexpr const char* name = "every_component_scored";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        auto profile = profile_of(fsm.data);
        const json::object* scores = find_obj(fsm.data, "scores");
        std::vector<std::string> missing;
        for (const auto& [c, w] : profile.weights)
            if (!scores || !scores->contains(c)) missing.push_back(c);
        if (missing.empty()) return true;
        fsm.refusal = "scoring is incomplete: profile " + profile.name + " still needs " + joined(missing) +
                      " (add each with score_recorded)";
        return false;
    }
};

struct Requested {
    static constexpr const char* name = "requested";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        const json::object* rec = find_obj(fsm.data, "recommendation");
        if (rec && rec->contains("request")) return true;
        fsm.refusal = "no recommendation was requested yet (submit recommendation_requested first)";
        return false;
    }
};

struct Approve {
    static constexpr const char* name = "approve";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F&, S&, T&) const {
        return text(payload(evt), "decision") == "approve";
    }
};

struct Reject {
    static constexpr const char* name = "reject";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F&, S&, T&) const {
        return text(payload(evt), "decision") == "reject";
    }
};

// Both guards hold (the second is not asked when the first fails).
template <class A, class B>
struct Both {
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S& src, T& tgt) const {
        return A{}(evt, fsm, src, tgt) && B{}(evt, fsm, src, tgt);
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
        if (const json::object* w = find_obj(payload(evt), "election_window")) {
            const json::value* approvals = fsm.data.if_contains("ministerial_approvals");
            if (!approvals || !approvals->is_array() || approvals->get_array().empty()) {
                rules::ElectionWindow window{text(*w, "label"), date_of(*w, "from"), date_of(*w, "until"),
                                             text(*w, "rule")};
                fsm.refusal = rules::election_window_refusal(window, decided);
                return false;
            }
        }
        return true;
    }
};

// --- The machine -------------------------------------------------------------

// Every open state also accepts these three.
#define ALUR_OPEN_STATE_ROWS(S)                                          \
    Row<S, Withdraw, Withdrawn, StoreWithdrawal, none>,                  \
    Row<S, MinisterialApprovalRecorded, none, StoreApproval, none>,      \
    Row<S, ExceptionRecorded, none, StoreException, none>

struct MutationDef : msm::front::state_machine_def<MutationDef> {
    using initial_state = RecordGathering;
    using no_exception_thrown = int;  // a throwing action reaches apply(), which reports it
    using no_message_queue = int;

    json::object data;
    std::string refusal;       // set by a guard that refuses
    bool no_transition_hit = false;

    template <class Fsm, class Event>
    void no_transition(const Event&, Fsm&, int) {
        no_transition_hit = true;
    }

    // clang-format off
    using transition_table = mpl::vector33<
        //  Source           Event                     Target          Action               Guard
        // +----------------+-------------------------+---------------+--------------------+-----------------+
        Row<RecordGathering, Opened,                   none,           StoreOfficial,       NotYetOpened>,
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
};
#undef ALUR_OPEN_STATE_ROWS

using Machine = msm::back::state_machine<MutationDef>;

// --- Names from the table ----------------------------------------------------

template <class T>
struct Wrap {};

template <class G>
struct GuardName {
    static std::string get() { return G::name; }
};
template <>
struct GuardName<none> {
    static std::string get() { return {}; }
};
template <class A, class B>
struct GuardName<Both<A, B>> {
    static std::string get() { return GuardName<A>::get() + " && " + GuardName<B>::get(); }
};

struct StateNamer {
    std::vector<std::string>& names;
    template <class S>
    void operator()(Wrap<S>) const {
        using Stt = Machine::stt;
        names.at(msm::back::get_state_id<Stt, S>::value) = S::name;
    }
};

const std::vector<std::string>& state_names() {
    static const std::vector<std::string> names = [] {
        using Set = msm::back::generate_state_set<Machine::stt>::type;
        std::vector<std::string> out(mpl::size<Set>::value);
        mpl::for_each<Set, Wrap<mpl::placeholders::_1>>(StateNamer{out});
        return out;
    }();
    return names;
}

struct RowLister {
    std::vector<TransitionSpec>& rows;
    template <class R>
    void operator()(Wrap<R>) const {
        using Tag = typename R::row_type_tag;
        constexpr bool internal = std::is_same_v<Tag, msm::a_irow_tag> || std::is_same_v<Tag, msm::g_irow_tag> ||
                                  std::is_same_v<Tag, msm::irow_tag> || std::is_same_v<Tag, msm::_irow_tag>;
        std::string from = R::Source::name;
        std::string to;
        if constexpr (internal) to = from;
        else to = R::Target::name;
        rows.push_back(TransitionSpec{from, R::Evt::name, to, GuardName<typename R::Guard>::get(), internal});
    }
};

// --- Dispatch by event name ---------------------------------------------------

using Dispatch = msm::back::HandledEnum (*)(Machine&, const EventInput&);

struct DispatchBuilder {
    std::map<std::string, Dispatch, std::less<>>& table;
    template <class E>
    void operator()(Wrap<E>) const {
        table[E::name] = [](Machine& m, const EventInput& in) { return m.process_event(E{&in}); };
    }
};

const std::map<std::string, Dispatch, std::less<>>& dispatch_table() {
    static const auto table = [] {
        std::map<std::string, Dispatch, std::less<>> t;
        mpl::for_each<all_events, Wrap<mpl::placeholders::_1>>(DispatchBuilder{t});
        return t;
    }();
    return table;
}

class MutationMachine final : public CaseMachine {
public:
    explicit MutationMachine(const Workflow& wf) : wf_(wf) { sm_.start(); }

    std::unique_ptr<CaseMachine> clone() const override { return std::make_unique<MutationMachine>(*this); }
    std::string state() const override { return state_names().at(static_cast<std::size_t>(sm_.current_state()[0])); }
    const json::object& data() const override { return sm_.data; }

    Result<void> apply(const EventInput& in) override {
        const auto& table = dispatch_table();
        auto it = table.find(in.name);
        if (it == table.end())
            return make_error(errc::invalid_input, "unknown event '" + in.name + "' for workflow mutation", "event");
        const std::string before = state();
        sm_.refusal.clear();
        sm_.no_transition_hit = false;
        msm::back::HandledEnum handled;
        try {
            handled = it->second(sm_, in);
        } catch (const std::exception& e) {
            return make_error(errc::invalid_input, in.name + " could not be applied in " + before + ": " + e.what());
        }
        if (handled == msm::back::HANDLED_TRUE) return {};
        if (!sm_.refusal.empty())
            return make_error(errc::refused, in.name + " refused in " + before + ": " + sm_.refusal);
        auto allowed = wf_.events_from(before);
        return make_error(errc::refused, "no transition from " + before + " on " + in.name +
                                             (allowed.empty() ? " (" + before + " is final; no event is accepted)"
                                                              : " (allowed now: " + joined(allowed) + ")"));
    }

private:
    const Workflow& wf_;
    Machine sm_;
};

}  // namespace

std::vector<TransitionSpec> transition_table() {
    std::vector<TransitionSpec> rows;
    mpl::for_each<MutationDef::transition_table, Wrap<mpl::placeholders::_1>>(RowLister{rows});
    return rows;
}

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<MutationMachine>(wf); }

}  // namespace alur::mutation::detail
