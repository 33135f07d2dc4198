// Firing timers: each due timer becomes a reminder_due or deadline_passed event
// of its case, committed with the case's remaining timers (the next escalation
// included) and its notices, through the same journal commit as any event.
#include "alur/engine/engine.hpp"
#include "alur/engine/json.hpp"
#include "notice_text.hpp"

#include <boost/json.hpp>
#include <spdlog/logger.h>

#include <algorithm>
#include <optional>
#include <set>

namespace alur {
namespace {
namespace json = boost::json;
}  // namespace

Result<Engine::FireReport> Engine::fire_due(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    FireReport report;
    std::set<std::int64_t> skipped;
    std::set<std::int64_t> broken;  // timers whose case cannot be read or fired: reported once, left alone
    int conflicts = 0;
    std::optional<Error> busy;  // the last failure, when the database was locked
    auto report_broken = [&](const Timer& timer, const Error& e) {
        broken.insert(timer.id);
        std::string problem = "timer " + std::to_string(timer.id) + " of case " + timer.case_id + ": " + e.message;
        options_.logger->error("skipped {}", problem);
        report.problems.push_back(std::move(problem));
    };
    // Rounds: the due timers of distinct cases (the earliest of each) fire
    // together in one group commit; firing rewrites a case's timers (the next
    // escalation), so each round asks for the due timers afresh.
    while (!limit || report.fired + report.skipped < limit) {
        const std::size_t want =
            (limit ? std::min(group_size, limit - report.fired - report.skipped) : group_size) + broken.size();
        auto due = options_.journal->due_timers(now, want);
        if (!due) return due.error();
        std::erase_if(*due, [&](const Timer& t) { return broken.count(t.id) > 0; });
        if (due->empty()) break;
        std::vector<CommitRequest> requests;
        std::vector<Timer> fired;
        std::set<std::string, std::less<>> cases;
        for (const Timer& timer : *due) {
            if (!cases.insert(timer.case_id).second) continue;  // one per case per round
            if (skipped.count(timer.id))
                return make_error(errc::corrupt, "timer " + std::to_string(timer.id) + " of case " + timer.case_id +
                                                     " belongs to state " + timer.state + ", which the case has left");
            auto request = prepare_fire(timer, now);
            if (!request) {
                if (request.error().code == errc::io || request.error().code == errc::busy) return request.error();
                report_broken(timer, request.error());
                continue;
            }
            if (!*request) {  // fired or cancelled by another process meanwhile
                ++report.skipped;
                skipped.insert(timer.id);
                continue;
            }
            requests.push_back(std::move(**request));
            fired.push_back(timer);
        }
        if (requests.empty()) continue;
        // Through the committer, with the commands queued meanwhile: one transaction.
        std::vector<CommitUnit> units;
        units.reserve(requests.size());
        for (auto& r : requests) units.push_back(CommitUnit{{std::move(r)}, std::nullopt});
        auto results = commit_and_wait(std::move(units));
        std::size_t progress = 0;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const Timer& timer = fired[i];
            if (!results[i]) {
                const errc code = results[i].error().code;
                if (code == errc::io) return results[i].error();
                if (code == errc::busy) busy = results[i].error();
                if (code != errc::conflict && code != errc::busy) {
                    report_broken(timer, results[i].error());
                    ++progress;  // nothing to retry for this one
                }
                continue;  // another writer moved the case: asked again next round
            }
            ++progress;
            ++report.fired;
            const Committed& c = results[i]->front();
            const auto late = std::chrono::duration_cast<std::chrono::milliseconds>(now - timer.fire_at);
            report.max_lateness = std::max(report.max_lateness, late);
            options_.logger->info("{} {} ({} of {}, due {}) fired {} ms late", timer.case_id, c.event.name,
                                  to_string(timer.kind), timer.state, format_utc(timer.due_at), late.count());
            if (const auto gaps = calendar_gaps(now, timer.due_at, options_.deadline_clock); !gaps.empty())
                options_.logger->warn("{} deadline {} counted without a confirmed calendar: {}", timer.case_id,
                                      format_utc(timer.due_at), calendar_gap_note(gaps));
            report.outcomes.push_back(Outcome{c.projection, c.event, timer.state, false, {}});
        }
        if (progress == 0 && ++conflicts > options_.conflict_retries && busy)
            return make_error(errc::busy, "the due timers could not be committed: " + busy->message);
        if (progress == 0 && conflicts > options_.conflict_retries)
            return make_error(errc::conflict, "due timers kept conflicting with other writers; try again");
    }
    for (auto& problem : options_.journal->unreadable_timers()) {
        if (reported_timer_rows_.insert(problem).second) options_.logger->error("skipped unreadable {}", problem);
        report.problems.push_back(std::move(problem));
    }
    return report;
}

Result<std::optional<CommitRequest>> Engine::prepare_fire(const Timer& timer, TimePoint now) {
    auto record = options_.journal->find_case(timer.case_id);
    if (!record) return record.error();
    auto pending = options_.journal->case_timers(timer.case_id);
    if (!pending) return pending.error();
    auto it = std::find_if(pending->begin(), pending->end(), [&](const Timer& t) { return t.id == timer.id; });
    if (it == pending->end() || record->state != timer.state) return std::optional<CommitRequest>{};
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
    // The years of the deadline counted without a confirmed calendar, kept in the
    // event (a new field, only when there are some) so the notice and verify read
    // what held when it fired, not today's calendar.
    const std::vector<CalendarYear> gaps = calendar_gaps(now, timer.due_at, dc);
    if (!gaps.empty()) payload["calendar"] = detail::calendar_json(gaps);

    std::vector<Timer> remaining;
    for (const Timer& t : *pending)
        if (t.id != timer.id) remaining.push_back(t);
    if (const DeadlineRule* rule = deadline_rule(record->workflow, record->state))
        if (auto next = next_escalation(timer, *rule, now, dc)) remaining.push_back(*next);
    std::stable_sort(remaining.begin(), remaining.end(), [](const Timer& a, const Timer& b) { return a.fire_at < b.fire_at; });

    auto data = parse_json_object(record->data, "case data");
    const std::string subject = data ? (*wf)->subject(*data) : std::string();
    json::object notice = detail::timer_notice(timer, record->id, record->workflow, subject, days_left, dc.timezone, gaps);

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
    request.event.recorded_by = options_.recorded_by;
    request.projection = *record;
    request.timers = std::move(remaining);
    for (const auto& recipient : options_.recipients(record->workflow, record->state)) {
        notice["recipient"] = recipient;
        for (const auto& channel : options_.channels) {
            if (options_.takes && !options_.takes(channel, recipient)) continue;
            Notice n;
            n.channel = channel;
            n.recipient = recipient;
            n.payload = canonical_json(notice);
            request.notices.push_back(std::move(n));
        }
    }

    return std::optional<CommitRequest>{std::move(request)};
}

}  // namespace alur
