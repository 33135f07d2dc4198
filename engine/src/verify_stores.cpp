#include "verify_stores.hpp"

#include "alur/engine/json.hpp"
#include "notice_text.hpp"
#include "replay.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace alur::audit::detail {
namespace {

namespace json = boost::json;

std::string when(const std::optional<TimePoint>& t) { return t ? format_utc(*t) : std::string("none"); }

std::string hhmm(std::chrono::minutes m) {
    char out[32];
    std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(m.count() / 60), static_cast<int>(m.count() % 60));
    return out;
}

/// The local time of day of `t`.
std::chrono::minutes time_of_day(TimePoint t, const TimeZone& tz) {
    return std::chrono::duration_cast<std::chrono::minutes>(t - start_of_local_day(local_date(t, tz), tz));
}

/// `day` at the configured due time (timers.cpp's at_due_time).
TimePoint at_local_time(Date day, const DeadlineClock& dc) {
    return start_of_local_day(day, dc.timezone) + dc.due_time;
}

bool same_timer(const Timer& a, const Timer& b) {
    return a.state == b.state && a.kind == b.kind && a.fire_at == b.fire_at && a.due_at == b.due_at &&
           a.ordinal == b.ordinal;
}

void sort_timers(std::vector<Timer>& ts) {
    std::stable_sort(ts.begin(), ts.end(), [](const Timer& a, const Timer& b) {
        return std::tuple(a.fire_at, a.kind, a.ordinal) < std::tuple(b.fire_at, b.kind, b.ordinal);
    });
}

std::string ordinals(const std::vector<Timer>& ts, TimerKind kind) {
    std::string out;
    for (const Timer& t : ts)
        if (t.kind == kind) out += (out.empty() ? "" : ", ") + std::to_string(t.ordinal);
    return out.empty() ? "none" : out;
}

/// What a timer event's payload says about the timer it fired.
struct Fired {
    const EventRecord* event = nullptr;
    Timer timer;
    TimePoint now;  ///< when it was fired (fire_at + late_ms)
    int days_left = 0;
    std::vector<CalendarYear> calendar;  ///< the event's "calendar" field (absent in older events: none)
};

std::optional<Fired> fired_by(const EventRecord& e) {
    auto p = parse_json_object(e.payload, "payload");
    if (!p) return std::nullopt;
    const auto* kind = p->if_contains("kind");
    const auto* state = p->if_contains("state");
    const auto* ordinal = p->if_contains("ordinal");
    const auto* due = p->if_contains("due_at");
    const auto* fire = p->if_contains("fire_at");
    const auto* late = p->if_contains("late_ms");
    const auto* left = p->if_contains("working_days_left");
    if (!kind || !kind->is_string() || !state || !state->is_string() || !ordinal || !ordinal->is_int64() || !due ||
        !due->is_string() || !fire || !fire->is_string() || !late || !late->is_int64() || !left || !left->is_int64())
        return std::nullopt;
    auto due_at = parse_utc(due->get_string());
    auto fire_at = parse_utc(fire->get_string());
    if (!due_at || !fire_at) return std::nullopt;
    Fired f;
    f.event = &e;
    f.timer.case_id = e.case_id;
    f.timer.state = std::string(state->get_string());
    f.timer.kind = kind->get_string() == "deadline" ? TimerKind::deadline : TimerKind::reminder;
    f.timer.ordinal = static_cast<int>(ordinal->get_int64());
    f.timer.due_at = *due_at;
    f.timer.fire_at = *fire_at;
    f.now = *fire_at + std::chrono::milliseconds(late->get_int64());
    f.days_left = static_cast<int>(left->get_int64());
    f.calendar = alur::detail::calendar_from_json(p->if_contains("calendar"));
    return f;
}

/// What differs between the stored deadline and the configured one, when the stored rows are coherent.
std::string drift_detail(const CaseRecord& c, const std::optional<TimePoint>& due, const std::vector<Timer>& stored,
                         const std::vector<Timer>& expected, const DeadlineRule* rule, TimePoint entered,
                         const DeadlineClock& dc) {
    const std::string where = "state " + c.state + " (entered " + format_utc(entered) + ")";
    if (!c.due_at) return "no deadline is stored but the configuration now gives " + where + " one, due " + when(due);
    if (!due) return "a deadline due " + when(c.due_at) + " is stored but the configuration now gives " + where + " none";
    if (*c.due_at != *due) {
        std::string out = "the stored deadline " + when(c.due_at) + " differs from the configured " + when(due) +
                          " for " + where + ":";
        const int stored_days = dc.calendar.working_days_between(local_date(entered, dc.timezone),
                                                                 local_date(*c.due_at, dc.timezone));
        if (rule && stored_days != rule->working_days)
            out += " the stored one is " + std::to_string(stored_days) + " working days after entry by today's " +
                   "calendar, the configuration says " + std::to_string(rule->working_days) +
                   " (deadlines.working_days or the holiday calendar changed);";
        const auto stored_time = time_of_day(*c.due_at, dc.timezone);
        if (stored_time != dc.due_time)
            out += " it falls due at " + hhmm(stored_time) + ", the configuration says " + hhmm(dc.due_time) +
                   " (due_time or the time zone changed);";
        out.pop_back();
        return out;
    }
    return "the stored timers of " + where + " differ from the configured ones (reminders " +
           ordinals(stored, TimerKind::reminder) + " working days before, configured " +
           ordinals(expected, TimerKind::reminder) + "; escalations " + ordinals(stored, TimerKind::deadline) +
           ", configured " + ordinals(expected, TimerKind::deadline) + "): remind_before or escalate_every changed";
}

}  // namespace

Result<Stores> read_stores(Journal& journal, std::size_t page, std::optional<Problem>& problem) {
    Stores out;
    auto unreadable = [&](const char* what, const Error& e) -> Result<Stores> {
        if (e.code != errc::corrupt) return e;
        problem = Problem{0, {}, what, "cannot be read: " + e.message};
        return out;
    };
    using namespace std::chrono;
    auto timers = journal.due_timers(TimePoint(sys_days(year{9999} / 12 / 31)), 0);
    if (!timers) return unreadable("timers", timers.error());
    if (auto bad = journal.unreadable_timers(); !bad.empty()) {  // due_timers stepped past them
        problem = Problem{0, {}, "timers", "cannot be read: " + bad.front()};
        return out;
    }
    auto count = journal.timer_count();
    if (!count) return count.error();
    if (*count != static_cast<std::int64_t>(timers->size())) {  // a fire_at that sorts after any time
        problem = Problem{0, {}, "timers",
                          std::to_string(*count - static_cast<std::int64_t>(timers->size())) +
                              " timer row(s) cannot be read: their fire_at is not a time"};
        return out;
    }
    for (Timer& t : *timers) out.timers[t.case_id].push_back(std::move(t));
    for (std::int64_t after = 0;;) {
        auto notices = journal.read_notices(after, page);
        if (!notices) return unreadable("outbox", notices.error());
        if (notices->empty()) break;
        after = notices->back().id;
        for (Notice& n : *notices) out.notices[n.case_id].push_back(std::move(n));
    }
    for (std::string after;;) {
        auto keys = journal.read_idempotency(after, page);
        if (!keys) return unreadable("idempotency", keys.error());
        if (keys->empty()) break;
        after = keys->back().key;
        for (IdempotencyRecord& k : *keys) out.keys[k.case_id].push_back(std::move(k));
    }
    return out;
}

std::optional<Problem> check_deadlines(const Engine& engine, const Workflow& wf, const CaseRecord& c,
                                       const Engine::Replay& replay, const std::vector<Timer>& timers) {
    const DeadlineClock& dc = engine.deadline_clock();
    std::size_t entry = replay.steps.size();
    for (std::size_t i = 0; i < replay.steps.size(); ++i)
        if (replay.steps[i].event.seq == 1 || replay.steps[i].before != replay.steps[i].after) entry = i;
    if (entry == replay.steps.size()) return std::nullopt;  // no events: reported by the caller
    const EventRecord& entered = replay.steps[entry].event;
    const DeadlineRule* rule = wf.is_final(replay.state) ? nullptr : engine.deadline_rule(wf.name(), replay.state);

    // What the chain and today's configuration give: the state's timers as
    // set on entry, minus each one fired since, plus the escalation it set.
    std::optional<TimePoint> due;
    std::vector<Timer> expected;
    if (rule) {
        due = due_time_for(*rule, entered.occurred_at, dc);
        expected = timers_for_state(c.id, replay.state, *rule, entered.occurred_at, dc);
    }
    bool fits = true;
    std::vector<Fired> fired;
    for (std::size_t i = entry + 1; i < replay.steps.size(); ++i) {
        const EventRecord& e = replay.steps[i].event;
        if (!is_timer_event(e.name)) continue;
        auto f = fired_by(e);
        if (!f) return Problem{e.global_seq, c.id, "payload", "the timer event's payload cannot be read"};
        fired.push_back(*f);
        auto it = std::find_if(expected.begin(), expected.end(), [&](const Timer& t) {
            return t.kind == f->timer.kind && t.ordinal == f->timer.ordinal && t.fire_at == f->timer.fire_at;
        });
        if (it == expected.end()) {
            fits = false;
            continue;
        }
        const Timer was = *it;
        expected.erase(it);
        if (rule)
            if (auto next = next_escalation(was, *rule, f->now, dc)) expected.push_back(*next);
    }
    std::vector<Timer> stored = timers;
    sort_timers(stored);
    sort_timers(expected);
    fits = fits && c.due_at == due && stored.size() == expected.size() &&
           std::equal(stored.begin(), stored.end(), expected.begin(), same_timer);
    if (fits) return std::nullopt;

    const std::int64_t last = replay.steps.back().event.global_seq;
    auto tampered = [&](std::string what) { return Problem{last, c.id, "timers", std::move(what)}; };
    // Tampering: the stored rows contradict each other or the chain.
    bool deadline_fired = false;
    for (const Fired& f : fired) {
        deadline_fired = deadline_fired || f.timer.kind == TimerKind::deadline;
        if (f.timer.state != c.state || !c.due_at || f.timer.due_at != *c.due_at)
            return Problem{last, c.id, "due_at",
                           "the case row says due " + when(c.due_at) + " in state " + c.state + " but its event " +
                               std::to_string(f.event->seq) + " (" + f.event->name + ") recorded due " +
                               format_utc(f.timer.due_at) + " in state " + f.timer.state +
                               " (the case row or its timers were altered)"};
    }
    for (const Timer& t : stored) {
        if (t.state != c.state)
            return tampered("timer " + std::to_string(t.id) + " belongs to state " + t.state +
                            " but the case is in " + c.state + " (a timer row was altered or left behind)");
        if (!c.due_at || t.due_at != *c.due_at)
            return tampered("timer " + std::to_string(t.id) + " is due " + format_utc(t.due_at) +
                            " but the case row says due " + when(c.due_at) + " (one of them was altered)");
    }
    for (std::size_t i = 1; i < stored.size(); ++i)
        if (stored[i].kind == stored[i - 1].kind && stored[i].ordinal == stored[i - 1].ordinal)
            return tampered("timers " + std::to_string(stored[i - 1].id) + " and " + std::to_string(stored[i].id) +
                            " are the same " + to_string(stored[i].kind) + " (a timer row was copied)");
    if (c.due_at && !deadline_fired &&
        std::none_of(stored.begin(), stored.end(), [](const Timer& t) { return t.kind == TimerKind::deadline; }))
        return tampered("the case is due " + when(c.due_at) +
                        " but its deadline timer is missing (a timer row was deleted)");
    if (c.due_at && c.due_at == due) {
        // The same deadline by today's calendar: each timer must sit where some
        // remind_before or escalate_every puts it.
        const Date due_day = local_date(*c.due_at, dc.timezone);
        for (const Timer& t : stored) {
            const bool placed =
                t.kind == TimerKind::reminder
                    ? t.ordinal > 0 && t.fire_at == at_local_time(dc.calendar.add_working_days(due_day, -t.ordinal), dc)
                    : t.ordinal >= 1 && (t.ordinal > 1 || t.fire_at == *c.due_at) && t.fire_at >= *c.due_at;
            if (!placed)
                return tampered("timer " + std::to_string(t.id) + " (" + to_string(t.kind) + " " +
                                std::to_string(t.ordinal) + ") fires " + format_utc(t.fire_at) +
                                ", where no deadline configuration puts it for due " + format_utc(*c.due_at) +
                                " (the timer row was altered)");
        }
    }
    // Coherent rows that another configuration gives: drift.
    Problem p{last, c.id, c.due_at != due ? "due_at" : "timers",
              drift_detail(c, due, stored, expected, rule, entered.occurred_at, dc) +
                  " (if the configuration did not change, these rows were altered)"};
    p.drift = true;
    return p;
}

std::optional<Problem> check_notices(const Engine& engine, const Workflow& wf, const CaseRecord& c,
                                     const Engine::Replay& replay, const std::vector<Notice>& notices) {
    if (notices.empty()) return std::nullopt;
    const TimeZone& tz = engine.deadline_clock().timezone;
    const std::string final_subject = wf.subject(replay.data);
    std::map<std::int64_t, const EventRecord*> by_global;
    for (const ReplayStep& s : replay.steps) by_global[s.event.global_seq] = &s.event;
    for (const Notice& n : notices) {
        const std::string row = "outbox row " + std::to_string(n.id);
        auto it = by_global.find(n.event_global_seq);
        if (it == by_global.end())
            return Problem{n.event_global_seq, c.id, "outbox",
                           row + " points to event " + std::to_string(n.event_global_seq) +
                               ", which is no event of case " + c.id + " (the row was altered or forged)"};
        const EventRecord& e = *it->second;
        auto f = is_timer_event(e.name) ? fired_by(e) : std::nullopt;
        if (!f)
            return Problem{e.global_seq, c.id, "outbox",
                           row + " points to event " + std::to_string(e.seq) + " (" + e.name +
                               "), which produces no notice (the row was altered or forged)"};
        auto text = [&](const std::string& subject) {
            json::object o = alur::detail::timer_notice(f->timer, c.id, c.workflow, subject, f->days_left, tz, f->calendar);
            o["recipient"] = n.recipient;
            return canonical_json(o);
        };
        bool same = n.payload == text(final_subject);
        if (!same) {  // the subject then may differ from today's (a corrected name): replay up to the event
            std::vector<EventRecord> events;
            for (const ReplayStep& s : replay.steps) events.push_back(s.event);
            auto then = alur::detail::replay_events(wf, events, {e.seq, std::nullopt});
            same = then && n.payload == text(wf.subject((*then)->data()));
        }
        if (!same)
            return Problem{e.global_seq, c.id, "outbox",
                           row + " (" + n.channel + ", " + n.recipient + ") does not hold the text its event " +
                               std::to_string(e.seq) + " (" + e.name + ") produces (the notice was altered)"};
        if (n.created_at != e.recorded_at)
            return Problem{e.global_seq, c.id, "outbox",
                           row + " was created " + format_utc(n.created_at) + " but its event was recorded " +
                               format_utc(e.recorded_at) + " (the row was altered)"};
    }
    return std::nullopt;
}

std::optional<Problem> check_keys(const CaseRecord& c, const Engine::Replay& replay,
                                  const std::vector<IdempotencyRecord>& keys) {
    for (const IdempotencyRecord& k : keys) {
        const std::string row = "idempotency key '" + k.key + "'";
        const auto n = static_cast<std::int64_t>(replay.steps.size());
        if (k.seq < 1 || k.seq > n)
            return Problem{n ? replay.steps.back().event.global_seq : 0, c.id, "idempotency",
                           row + " points to event " + std::to_string(k.seq) + " of case " + c.id + ", which has " +
                               std::to_string(n) + " events (the row was altered or forged)"};
        const EventRecord& e = replay.steps[static_cast<std::size_t>(k.seq - 1)].event;
        if (is_timer_event(e.name))
            return Problem{e.global_seq, c.id, "idempotency",
                           row + " points to event " + std::to_string(e.seq) + " (" + e.name +
                               "), which the engine's timers wrote, not a command (the row was altered)"};
        if (k.fingerprint.size() != 64 || k.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
            return Problem{e.global_seq, c.id, "idempotency",
                           row + " has no SHA-256 fingerprint (the row was altered)"};
    }
    return std::nullopt;
}

std::optional<Problem> check_orphans(const Stores& stores, const std::set<std::string, std::less<>>& projected) {
    for (const auto& [id, ts] : stores.timers)
        if (!projected.count(id))
            return Problem{0, id, "timers",
                           "timer " + std::to_string(ts.front().id) + " belongs to case " + id +
                               ", which has no projection row"};
    for (const auto& [id, ns] : stores.notices)
        if (!projected.count(id))
            return Problem{ns.front().event_global_seq, id, "outbox",
                           "outbox row " + std::to_string(ns.front().id) + " belongs to case " + id +
                               ", which has no projection row"};
    for (const auto& [id, ks] : stores.keys)
        if (!projected.count(id))
            return Problem{0, id, "idempotency",
                           "idempotency key '" + ks.front().key + "' points to case " + id +
                               ", which has no projection row"};
    return std::nullopt;
}

}  // namespace alur::audit::detail
