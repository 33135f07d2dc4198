// acting_rows.hpp — the acting official (Plt) rows a workflow's MSM table
// takes where its case leaves a post vacant. Include it from a machine.cpp
// after msm_machine.hpp; the rules are plain functions (acting.hpp).
//
//   using transition_table = WithActingRows<own_rows, Vacancy, StateA, StateB, ...>;
//   using Machine = MsmCaseMachine<Def, WithActingEvents<all_events>>;
//
// appends, for each listed state S (in that order), the two internal rows
//
//   Row<S, ActingAssigned, none, AssignActing, ActingAllowed<Vacancy>>
//   Row<S, ActingEnded,    none, EndActing,    ActingRunning>
//
// after the table's own rows. Internal rows leave the state as it is, so a
// final state with only these rows stays final (TableWorkflow).
#pragma once

#include "acting.hpp"
#include "msm_machine.hpp"

#include <boost/mpl/push_back.hpp>

namespace alur::workflows::acting_rows {

using namespace alur::workflows::msm_support;
using msm::front::none;

ALUR_EVENT(ActingAssigned, "acting_assigned");
ALUR_EVENT(ActingEnded, "acting_ended");

/// data.acting gets the payload (acting_rules::add_assignment).
struct AssignActing {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        acting_rules::add_assignment(fsm.data, payload(evt), evt.in->seq);
    }
};

/// The last Plt ends on payload.date (acting_rules::end_assignment).
struct EndActing {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        acting_rules::end_assignment(fsm.data, payload(evt), evt.in->seq);
    }
};

/// The case left a post vacant (`Vacancy` of the data says so and since
/// when) and the assignment fits it (acting_rules::assignment_refusal).
template <acting_rules::Vacancy (*Vacancy)(const json::object& data)>
struct ActingAllowed {
    static constexpr const char* name = "post_vacant";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        auto refusal = acting_rules::assignment_refusal(Vacancy(fsm.data), fsm.data, payload(evt));
        if (refusal) fsm.refusal = std::move(*refusal);
        return !refusal;
    }
};

/// The last Plt is still serving on payload.date (acting_rules::ending_refusal).
struct ActingRunning {
    static constexpr const char* name = "plt_serving";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        auto refusal = acting_rules::ending_refusal(fsm.data, payload(evt));
        if (refusal) fsm.refusal = std::move(*refusal);
        return !refusal;
    }
};

template <class Table, acting_rules::Vacancy (*Vacancy)(const json::object&), class... States>
struct AppendActing;
template <class Table, acting_rules::Vacancy (*Vacancy)(const json::object&)>
struct AppendActing<Table, Vacancy> {
    using type = Table;
};
template <class Table, acting_rules::Vacancy (*Vacancy)(const json::object&), class S, class... Rest>
struct AppendActing<Table, Vacancy, S, Rest...> {
    using with_s = typename mpl::push_back<
        typename mpl::push_back<Table, msm::front::Row<S, ActingAssigned, none, AssignActing, ActingAllowed<Vacancy>>>::type,
        msm::front::Row<S, ActingEnded, none, EndActing, ActingRunning>>::type;
    using type = typename AppendActing<with_s, Vacancy, Rest...>::type;
};

/// `Table` with the acting rows of each of `States` appended.
template <class Table, acting_rules::Vacancy (*Vacancy)(const json::object&), class... States>
using WithActingRows = typename AppendActing<Table, Vacancy, States...>::type;

/// `Events` with ActingAssigned and ActingEnded.
template <class Events>
using WithActingEvents = typename mpl::push_back<typename mpl::push_back<Events, ActingAssigned>::type, ActingEnded>::type;

}  // namespace alur::workflows::acting_rows
