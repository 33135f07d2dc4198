// msm_machine.hpp — the Boost.MSM plumbing every workflow machine shares:
// naming events and states, listing the table's rows with stable names,
// dispatching an event by name, the CaseMachine adapter, and the actions and
// guards more than one workflow uses (payload storage, scoring, the oversight
// body's recommendation, the election window).
//
// Include it only from a workflow's machine.cpp: it pulls in MSM, and each
// machine is kept to one translation unit because MSM is slow to compile.
//
// A machine definition derives from CaseMachineDef<Def>, declares its events
// with ALUR_EVENT and its states with ALUR_STATE, and its guards carry a
// `name` (shown in diagrams) and set `fsm.refusal` when they refuse with a
// rule's text. Guards read only the event and the case data, never a clock.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/rules.hpp"
#include "case_data.hpp"

#include <boost/json.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/size.hpp>
#include <boost/msm/back/metafunctions.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <boost/msm/row_tags.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

namespace alur::workflows::msm_support {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
namespace json = boost::json;
using msm::front::none;

/// An event type: carries the validated input it was decoded from.
#define ALUR_EVENT(Type, text)                    \
    struct Type {                                 \
        static constexpr const char* name = text; \
        const ::alur::EventInput* in;             \
    }

/// A state type with its stable name.
#define ALUR_STATE(Type, text)                                                      \
    struct Type : ::boost::msm::front::state<> {                                    \
        static constexpr const char* name = text;                                   \
    }

/// A string usable as a template argument: StorePayload<"withdrawal">.
template <std::size_t N>
struct Key {
    constexpr Key(const char (&s)[N]) { std::copy_n(s, N, value); }
    char value[N];
    std::string_view view() const { return {value, N - 1}; }
};

/// The base of every workflow's machine definition: the case data, the
/// refusal a guard leaves, and no exceptions or message queue.
template <class Derived>
struct CaseMachineDef : msm::front::state_machine_def<Derived> {
    using no_exception_thrown = int;  // a throwing action reaches apply(), which reports it
    using no_message_queue = int;

    json::object data;
    std::string refusal;  // set by a guard that refuses
    bool no_transition_hit = false;

    template <class Fsm, class Event>
    void no_transition(const Event&, Fsm&, int) {
        no_transition_hit = true;
    }
};

inline const json::object& payload(const auto& evt) { return evt.in->payload; }

// --- Actions shared by workflows ----------------------------------------------

/// data[K] = the payload.
template <Key K>
struct StorePayload {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        fsm.data[K.view()] = payload(evt);
    }
};

/// data[K] (an array) gets the payload appended.
template <Key K>
struct AppendPayload {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        arr(fsm.data, K.view()).push_back(payload(evt));
    }
};

/// data.recommendation = {request: payload}.
struct StoreRequest {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "recommendation") = json::object{{"request", payload(evt)}};
    }
};

/// data.recommendation.response = payload.
struct StoreRecommendation {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "recommendation")["response"] = payload(evt);
    }
};

/// data.scores[component] = value.
struct StoreScore {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        obj(fsm.data, "scores")[text(payload(evt), "component")] = payload(evt).at("value");
    }
};

/// data.total and data.outcome from data.scores and data.scoring_profile.
struct ComputeScore {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& fsm, S&, T&) const {
        auto result = rules::score(profile_at(fsm.data), scores_of(find_obj(fsm.data, "scores")));
        fsm.data["total"] = result.total;
        fsm.data["outcome"] = result.outcome;
    }
};

// --- Guards shared by workflows -----------------------------------------------

/// The open event comes once: data[K] is not there yet.
template <Key K>
struct NotYetOpened {
    static constexpr const char* name = "not_yet_opened";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        if (!fsm.data.contains(K.view())) return true;
        fsm.refusal = "the case is already open";
        return false;
    }
};

/// The payload's `component` is one of data.scoring_profile's.
struct KnownComponent {
    static constexpr const char* name = "component_in_profile";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        auto profile = profile_at(fsm.data);
        std::string component = text(payload(evt), "component");
        if (profile.weights.count(component)) return true;
        std::vector<std::string> names;
        for (const auto& [c, w] : profile.weights) names.push_back(c);
        fsm.refusal = "field 'component': '" + component + "' is not a component of scoring profile " + profile.name +
                      " (components: " + joined(names) + ")";
        return false;
    }
};

/// Every component of data.scoring_profile has a score in data.scores.
struct ScoresComplete {
    static constexpr const char* name = "every_component_scored";
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& fsm, S&, T&) const {
        auto profile = profile_at(fsm.data);
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

/// A recommendation was requested before one is received.
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

/// payload.decision == V.
template <Key V>
struct Decision {
    static constexpr const char* name = V.value;
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F&, S&, T&) const {
        return text(payload(evt), "decision") == V.view();
    }
};
using Approve = Decision<"approve">;
using Reject = Decision<"reject">;

/// Both guards hold (the second is not asked when the first fails).
template <class A, class B>
struct Both {
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S& src, T& tgt) const {
        return A{}(evt, fsm, src, tgt) && B{}(evt, fsm, src, tgt);
    }
};

/// UU 10/2016 art. 71 / 162: when the payload carries the election window the
/// act's date (at date_key) fell in (snapshot by `prepare`), a written approval
/// of the Minister of Home Affairs must be in data.ministerial_approvals. Sets
/// the refusal, citing the basis in force on that date; `act` names the act.
template <class F>
bool election_window_clear(const json::object& p, F& fsm, std::string_view date_key,
                           std::string_view act = "a replacement of officials") {
    const json::object* w = find_obj(p, "election_window");
    if (!w) return true;
    const json::array* approvals = find_arr(fsm.data, "ministerial_approvals");
    if (approvals && !approvals->empty()) return true;
    fsm.refusal = rules::election_window_refusal(window_of(*w), date_of(p, date_key), act);
    return false;
}

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

/// The rows of a definition's transition table, in table order, with stable names.
template <class Def>
std::vector<TransitionSpec> transition_rows() {
    std::vector<TransitionSpec> rows;
    mpl::for_each<typename Def::transition_table, Wrap<mpl::placeholders::_1>>([&rows]<class R>(Wrap<R>) {
        using Tag = typename R::row_type_tag;
        constexpr bool internal = std::is_same_v<Tag, msm::a_irow_tag> || std::is_same_v<Tag, msm::g_irow_tag> ||
                                  std::is_same_v<Tag, msm::irow_tag> || std::is_same_v<Tag, msm::_irow_tag>;
        std::string from = R::Source::name;
        std::string to;
        if constexpr (internal) to = from;
        else to = R::Target::name;
        rows.push_back(TransitionSpec{from, R::Evt::name, to, GuardName<typename R::Guard>::get(), internal});
    });
    return rows;
}

/// A CaseMachine running the MSM back-end of `Def`; `Events` lists every event type.
template <class Def, class Events>
class MsmCaseMachine final : public CaseMachine {
public:
    using Machine = msm::back::state_machine<Def>;

    explicit MsmCaseMachine(const Workflow& wf) : wf_(&wf) { sm_.start(); }

    std::unique_ptr<CaseMachine> clone() const override { return std::make_unique<MsmCaseMachine>(*this); }
    std::string state() const override { return state_names().at(static_cast<std::size_t>(sm_.current_state()[0])); }
    const json::object& data() const override { return sm_.data; }

    Result<void> apply(const EventInput& in) override {
        const auto& table = dispatch_table();
        auto it = table.find(in.name);
        if (it == table.end())
            return make_error(errc::invalid_input, "unknown event '" + in.name + "' for workflow " + wf_->name(),
                              "event");
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
        auto allowed = wf_->events_from(before);
        const std::string why = allowed.empty()         ? " (" + before + " is final; no event is accepted)"
                                : wf_->is_final(before) ? " (" + before + " is final; it only takes " + joined(allowed) + ")"
                                                        : " (allowed now: " + joined(allowed) + ")";
        return make_error(errc::refused, "no transition from " + before + " on " + in.name + why);
    }

private:
    using Dispatch = msm::back::HandledEnum (*)(Machine&, const EventInput&);

    static const std::vector<std::string>& state_names() {
        static const std::vector<std::string> names = [] {
            using Stt = typename Machine::stt;
            using Set = typename msm::back::generate_state_set<Stt>::type;
            std::vector<std::string> out(mpl::size<Set>::value);
            mpl::for_each<Set, Wrap<mpl::placeholders::_1>>([&out]<class S>(Wrap<S>) {
                out.at(msm::back::get_state_id<Stt, S>::value) = S::name;
            });
            return out;
        }();
        return names;
    }

    static const std::map<std::string, Dispatch, std::less<>>& dispatch_table() {
        static const auto table = [] {
            std::map<std::string, Dispatch, std::less<>> t;
            mpl::for_each<Events, Wrap<mpl::placeholders::_1>>([&t]<class E>(Wrap<E>) {
                t[E::name] = [](Machine& m, const EventInput& in) { return m.process_event(E{&in}); };
            });
            return t;
        }();
        return table;
    }

    const Workflow* wf_;
    Machine sm_;
};

}  // namespace alur::workflows::msm_support
