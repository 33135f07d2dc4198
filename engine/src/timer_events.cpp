// Firing timers: each due timer becomes a reminder_due or deadline_passed event
// of its case, committed with the case's remaining timers (the next escalation
// included) and its notices, through the same journal commit as any event.
#include "alur/engine/engine.hpp"
#include "alur/engine/json.hpp"

#include <boost/json.hpp>
#include <spdlog/logger.h>

#include <algorithm>

namespace alur {
namespace {

namespace json = boost::json;

std::string local_text(TimePoint t, const TimeZone& tz) {
    auto s = format_local(t, tz);  // 2024-04-23T16:00:00+07:00
    return s.substr(0, 10) + " " + s.substr(11, 5) + " " + tz.name;
}

/// The notice text, in Indonesian and English.
json::object message(const Timer& t, const std::string& case_id, const std::string& subject, int days_left,
                     const TimeZone& tz) {
    const std::string who = subject.empty() ? case_id : case_id + " (" + subject + ")";
    const std::string due = local_text(t.due_at, tz);
    if (t.kind == TimerKind::reminder) {
        return {{"id", "Pengingat: kasus " + who + " pada tahap " + t.state + " jatuh tempo " + due + "; sisa " +
                           std::to_string(days_left) + " hari kerja."},
                {"en", "Reminder: case " + who + " in state " + t.state + " is due " + due + "; " +
                           std::to_string(days_left) + " working day(s) left."}};
    }
    const int late = std::max(0, -days_left);
    return {{"id", "Eskalasi: kasus " + who + " pada tahap " + t.state + " melewati tenggat " + due + "; terlambat " +
                       std::to_string(late) + " hari kerja."},
            {"en", "Escalation: case " + who + " in state " + t.state + " passed its deadline " + due + "; " +
                       std::to_string(late) + " working day(s) overdue."}};
}

}  // namespace

Result<Engine::FireReport> Engine::fire_due(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    FireReport report;
    std::int64_t last_skipped = 0;
    // One due timer at a time: firing one rewrites its case's timers (the next
    // escalation), so the earliest due timer is asked for afresh each round.
    while (!limit || report.fired + report.skipped < limit) {
        auto due = options_.journal->due_timers(now, 1);
        if (!due) return due.error();
        if (due->empty()) break;
        const Timer timer = due->front();
        if (timer.id == last_skipped)
            return make_error(errc::corrupt, "timer " + std::to_string(timer.id) + " of case " + timer.case_id +
                                                 " belongs to state " + timer.state + ", which the case has left");
        for (int attempt = 0;; ++attempt) {
            bool retry = false, gone = false;
            auto outcome = fire_once(timer, now, retry, gone);
            if (outcome) {
                ++report.fired;
                report.max_lateness = std::max(report.max_lateness,
                                               std::chrono::duration_cast<std::chrono::milliseconds>(now - timer.fire_at));
                report.outcomes.push_back(std::move(*outcome));
                break;
            }
            if (gone) {
                ++report.skipped;
                last_skipped = timer.id;
                break;
            }
            if (!retry || attempt >= options_.conflict_retries) return outcome.error();
        }
    }
    return report;
}

Result<Outcome> Engine::fire_once(const Timer& timer, TimePoint now, bool& retry, bool& gone) {
    auto record = options_.journal->find_case(timer.case_id);
    if (!record) return record.error();
    auto pending = options_.journal->case_timers(timer.case_id);
    if (!pending) return pending.error();
    auto it = std::find_if(pending->begin(), pending->end(), [&](const Timer& t) { return t.id == timer.id; });
    if (it == pending->end() || record->state != timer.state) {
        gone = true;  // fired or cancelled by another process meanwhile
        return make_error(errc::conflict, "timer " + std::to_string(timer.id) + " is no longer pending");
    }
    auto wf = workflow_of(*record);
    if (!wf) return wf.error();

    const DeadlineClock& dc = options_.deadline_clock;
    const int days_left = working_days_left(timer.due_at, now, dc);
    const auto late = std::chrono::duration_cast<std::chrono::milliseconds>(now - timer.fire_at);

    json::object payload{{"timer", timer.id},
                         {"state", timer.state},
                         {"kind", to_string(timer.kind)},
                         {"ordinal", timer.ordinal},
                         {"due_at", format_utc(timer.due_at)},
                         {"fire_at", format_utc(timer.fire_at)},
                         {"late_ms", late.count()},
                         {"working_days_left", days_left}};

    std::vector<Timer> remaining;
    for (const Timer& t : *pending)
        if (t.id != timer.id) remaining.push_back(t);
    if (const DeadlineRule* rule = deadline_rule(record->workflow, record->state))
        if (auto next = next_escalation(timer, *rule, now, dc)) remaining.push_back(*next);
    std::stable_sort(remaining.begin(), remaining.end(), [](const Timer& a, const Timer& b) { return a.fire_at < b.fire_at; });

    auto data = parse_json_object(record->data, "case data");
    const std::string subject = data ? (*wf)->subject(*data) : std::string();
    json::object notice{{"case", record->id},
                        {"workflow", record->workflow},
                        {"state", timer.state},
                        {"kind", to_string(timer.kind)},
                        {"subject", subject},
                        {"due_at", format_local(timer.due_at, dc.timezone)},
                        {"working_days_left", days_left},
                        {"message", message(timer, record->id, subject, days_left, dc.timezone)}};

    CommitRequest request;
    request.case_id = record->id;
    request.case_prefix = (*wf)->case_prefix();
    request.expected_version = record->version;
    const bool reminder = timer.kind == TimerKind::reminder;
    request.event = NewEvent{reminder ? reminder_event : deadline_event,
                             canonical_json(payload),
                             "alur",
                             system_role,
                             reminder ? "pengingat tenggat" : "eskalasi tenggat",
                             timer.fire_at,
                             options_.clock->now()};
    request.projection = *record;
    request.timers = std::move(remaining);
    for (const auto& recipient : options_.recipients(record->workflow, record->state)) {
        notice["recipient"] = recipient;
        for (const auto& channel : options_.channels) {
            Notice n;
            n.channel = channel;
            n.recipient = recipient;
            n.payload = canonical_json(notice);
            request.notices.push_back(std::move(n));
        }
    }

    auto committed = options_.journal->commit(request);
    if (!committed) {
        if (committed.error().code == errc::conflict || committed.error().code == errc::busy) retry = true;
        return committed.error();
    }
    bump_cached(record->id, record->version, committed->projection.version);
    options_.logger->info("{} {} ({} of {}, due {}) fired {} ms late", record->id, request.event.name,
                          to_string(timer.kind), timer.state, format_utc(timer.due_at), late.count());
    return Outcome{committed->projection, committed->event, record->state, false};
}

}  // namespace alur
