// Deadlines, reminders and escalations: the pure schedule, and the engine
// firing it with a manual clock (no test sleeps). The 2024 Idul Fitri period
// (8-12 and 15 April: holidays and cuti bersama) is in the shipped calendar.
#include "mutation_fixture.hpp"

#include "alur/engine/timers.hpp"

#include <boost/json.hpp>

using namespace alur;
using alur::test::at;
using alur::test::MutationFixture;

namespace {

DeadlineClock shipped_clock() {
    DeadlineClock c;
    c.calendar = Calendar(Calendar::shipped());
    return c;  // WIB, due at 16:00
}

std::string local(TimePoint t) { return format_local(t, TimeZone{}); }

std::vector<std::string> names(const std::vector<EventRecord>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.name);
    return out;
}

struct TimerFixture : MutationFixture {
    TimerFixture() : MutationFixture({}, nullptr, options()) {}
    static EngineOptions options() {
        EngineOptions o;
        o.deadline_clock = shipped_clock();
        o.deadlines["mutation"]["record_gathering"] = DeadlineRule{10, {3, 1}, 2};
        o.channels = {"log", "file"};
        return o;
    }
    std::vector<Timer> timers(const std::string& id) { return journal->case_timers(id).value(); }
    std::vector<EventRecord> events(const std::string& id) { return journal->case_events(id).value(); }
};

}  // namespace

TEST_CASE("the schedule of a state entered before Idul Fitri 2024", "[timer]") {
    auto clock = shipped_clock();
    DeadlineRule rule{10, {3, 1}, 2};
    auto entered = at("2024-04-01T09:00");
    CHECK(local(due_time_for(rule, entered, clock)) == "2024-04-23T16:00:00+07:00");
    auto timers = timers_for_state("MUT-000001", "record_gathering", rule, entered, clock);
    REQUIRE(timers.size() == 3);
    CHECK(timers[0].kind == TimerKind::reminder);
    CHECK(local(timers[0].fire_at) == "2024-04-18T16:00:00+07:00");  // 3 working days before
    CHECK(local(timers[1].fire_at) == "2024-04-22T16:00:00+07:00");  // 1 working day before
    CHECK(timers[2].kind == TimerKind::deadline);
    CHECK(local(timers[2].fire_at) == "2024-04-23T16:00:00+07:00");
    CHECK(working_days_left(timers[2].due_at, at("2024-04-05T10:00"), clock) == 6);  // 16-19, 22, 23 April
}

TEST_CASE("reminders already past when the state is entered are not set", "[timer]") {
    // Due 2024-04-02 16:00: the 1-day reminder (04-01 16:00) is still ahead, the 3-day one is past.
    auto timers = timers_for_state("C", "s", DeadlineRule{1, {3, 1}, 2}, at("2024-04-01T09:00"), shipped_clock());
    REQUIRE(timers.size() == 2);
    CHECK(timers[0].kind == TimerKind::reminder);
    CHECK(timers[0].ordinal == 1);
    CHECK(timers[1].kind == TimerKind::deadline);
}

TEST_CASE("escalations repeat every N working days, and after downtime the next one is in the future", "[timer]") {
    auto clock = shipped_clock();
    DeadlineRule rule{10, {}, 2};
    Timer first = timers_for_state("C", "s", rule, at("2024-04-01T09:00"), clock).back();
    auto second = next_escalation(first, rule, at("2024-04-23T16:00"), clock);
    REQUIRE(second);
    CHECK(second->ordinal == 2);
    CHECK(local(second->fire_at) == "2024-04-25T16:00:00+07:00");
    // Fired late, on 2024-05-06: periods 25/4, 29/4, 1/5 (2 and 3 May too) were missed.
    auto after_downtime = next_escalation(first, rule, at("2024-05-06T08:00"), clock);
    REQUIRE(after_downtime);
    CHECK(after_downtime->fire_at > at("2024-05-06T08:00"));
    // ... and it is the first of the series that is: the one before it was already past.
    Date due_day = parse_date("2024-04-23").value();
    Date before = clock.calendar.add_working_days(due_day, (after_downtime->ordinal - 2) * rule.escalate_every);
    CHECK(start_of_local_day(before, clock.timezone) + clock.due_time <= at("2024-05-06T08:00"));
    CHECK_FALSE(next_escalation(first, DeadlineRule{10, {}, 0}, at("2024-04-23T16:00"), clock));
}

TEST_CASE("entering a state sets its timers and due date, leaving it cancels them", "[timer][engine]") {
    TimerFixture f;
    auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    auto view = f.engine->view(id).value();
    REQUIRE(view.record.due_at);
    CHECK(local(*view.record.due_at) == "2024-04-23T16:00:00+07:00");
    CHECK(f.timers(id).size() == 3);

    f.complete(id, "record_gathering", "2024-04-02T10:00");  // -> field_visit (mutation default: 10 days)
    auto timers = f.timers(id);
    REQUIRE_FALSE(timers.empty());
    for (const auto& t : timers) CHECK(t.state == "field_visit");
    CHECK(local(*f.engine->view(id).value().record.due_at) == "2024-04-24T16:00:00+07:00");
}

TEST_CASE("a fired reminder is a journaled event with notices, and changes no state", "[timer][engine]") {
    TimerFixture f;
    auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    f.clock->set(at("2024-04-18T16:00:05"));
    auto report = f.engine->fire_due(f.clock->now()).value();
    CHECK(report.fired == 1);
    CHECK(report.max_lateness == std::chrono::seconds(5));
    auto events = f.events(id);
    REQUIRE(events.back().name == "reminder_due");
    CHECK(events.back().role == "system");
    CHECK(events.back().actor == "alur");
    auto payload = boost::json::parse(events.back().payload).as_object();
    CHECK(payload["working_days_left"].as_int64() == 3);
    CHECK(payload["late_ms"].as_int64() == 5000);
    CHECK(f.state(id) == "record_gathering");
    CHECK(f.timers(id).size() == 2);  // the 1-day reminder and the deadline remain

    auto notices = f.journal->case_notices(id).value();
    REQUIRE(notices.size() == 2);  // one recipient (role:admin) x two channels
    CHECK(notices[0].channel == "log");
    CHECK(notices[1].channel == "file");
    auto n = boost::json::parse(notices[0].payload).as_object();
    CHECK(n["recipient"] == "role:admin");
    CHECK(n["subject"] == "Drs. Ahmad Fauzi, M.Si (NIP 197603152005011002)");
    CHECK_THAT(std::string(n["message"].as_object()["id"].as_string()),
               Catch::Contains("jatuh tempo 2024-04-23 16:00 WIB; sisa 3 hari kerja"));
    CHECK_THAT(std::string(n["message"].as_object()["en"].as_string()), Catch::Contains("3 working day(s) left"));

    // Firing again at the same time does nothing.
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 0);
}

TEST_CASE("after a week of downtime each timer fires once, in due order", "[timer][engine]") {
    TimerFixture f;
    auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    f.clock->set(at("2024-05-06T08:00"));  // two weeks after the deadline
    auto report = f.engine->fire_due(f.clock->now()).value();
    CHECK(report.fired == 3);
    auto events = f.events(id);
    CHECK(names(events) == std::vector<std::string>{"opened", "reminder_due", "reminder_due", "deadline_passed"});
    auto last = boost::json::parse(events.back().payload).as_object();
    CHECK(last["ordinal"].as_int64() == 1);
    CHECK(last["working_days_left"].as_int64() < 0);
    // One escalation is pending, in the future: the missed periods are not fired one by one.
    auto timers = f.timers(id);
    REQUIRE(timers.size() == 1);
    CHECK(timers[0].fire_at > f.clock->now());
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 0);
    f.clock->set(timers[0].fire_at);
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 1);
    CHECK(f.timers(id).size() == 1);  // and the next one
}

TEST_CASE("timer events cannot be submitted by people, and replay skips them", "[timer][engine]") {
    TimerFixture f;
    auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    auto r = f.send(id, "reminder_due", {}, "2024-04-02T10:00");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::forbidden);
    f.clock->set(at("2024-04-30T10:00"));
    f.engine->fire_due(f.clock->now()).value();
    f.complete(id, "record_gathering", "2024-04-30T11:00");
    auto machine = f.engine->replay(id).value();
    CHECK(machine->state() == "field_visit");
    CHECK(canonical_json(machine->data()) == f.engine->view(id).value().record.data);
}

TEST_CASE("overdue cases are listed most overdue first", "[timer][engine]") {
    TimerFixture f;
    auto late = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    auto later = f.open("administrator", "2020-01-06", "2024-04-03T09:00").value().projection.id;
    f.open("administrator", "2020-01-06", "2024-05-20T09:00").value();
    CaseFilter filter;
    filter.overdue_at = at("2024-05-06T08:00");
    auto overdue = f.journal->list_cases(filter).value();
    REQUIRE(overdue.size() == 2);
    CHECK(overdue[0].id == late);
    CHECK(overdue[1].id == later);
}

TEST_CASE("timers of many cases due together fire together, one per case per round", "[timer][engine]") {
    TimerFixture f;
    std::vector<std::string> ids;
    for (int i = 0; i < 300; ++i) ids.push_back(f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id);
    f.clock->set(at("2024-04-22T16:00"));  // both reminders of every case are due
    auto report = f.engine->fire_due(f.clock->now()).value();
    CHECK(report.fired == 600);
    for (const auto& id : {ids.front(), ids.back()}) {
        CHECK(names(f.events(id)) == std::vector<std::string>{"opened", "reminder_due", "reminder_due"});
        CHECK(f.timers(id).size() == 1);
    }
    CHECK(f.engine->fire_due(f.clock->now(), 0).value().fired == 0);
}

TEST_CASE("a deadline in calendar months falls on that day or the next working day", "[timer][review]") {
    const DeadlineClock clock = shipped_clock();
    DeadlineRule six{10, {20, 5}, 5, 6};
    CHECK(local(due_time_for(six, at("2021-01-15T10:00"), clock)) == local(at("2021-07-15T16:00")));
    // 2021-01-17 + 6 months is Saturday 2021-07-17: due on Monday the 19th.
    CHECK(local(due_time_for(six, at("2021-01-17T10:00"), clock)) == local(at("2021-07-19T16:00")));
    // The month's last day when there is no such day: 2021-08-31 + 6 -> 2022-02-28, Isra Mikraj
    // (a holiday of the shipped calendar), so due on 2022-03-01.
    CHECK(local(due_time_for(six, at("2021-08-31T10:00"), clock)) == local(at("2022-03-01T16:00")));
    // Reminders count working days back from the due day.
    const auto timers = timers_for_state("PK-000001", "improvement", six, at("2021-01-15T10:00"), clock);
    REQUIRE(timers.size() == 3);
    CHECK(timers[0].kind == TimerKind::reminder);
    CHECK(timers[0].ordinal == 20);
    CHECK(timers.back().kind == TimerKind::deadline);
    // working_days still counts as before when calendar_months is 0.
    CHECK(local(due_time_for(DeadlineRule{10, {3, 1}, 2}, at("2021-01-15T10:00"), clock)) ==
          local(at("2021-01-29T16:00")));
}
