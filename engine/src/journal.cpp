// The parts of a commit that are the same in every Journal implementation:
// numbering, chaining and projecting, and the timer and outbox rows it stores.
#include "alur/engine/journal.hpp"

#include <cstdio>

namespace alur {

std::string case_id_for(std::string_view prefix, std::int64_t serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "-%06lld", static_cast<long long>(serial));
    return std::string(prefix) + buf;
}

EventRecord chain_event(const CommitRequest& r, std::string case_id, std::int64_t head_global_seq,
                        std::string head_hash) {
    EventRecord e;
    e.case_id = std::move(case_id);
    e.seq = r.expected_version + 1;
    e.global_seq = head_global_seq + 1;
    e.name = r.event.name;
    e.payload = r.event.payload;
    e.actor = r.event.actor;
    e.role = r.event.role;
    e.reason = r.event.reason;
    e.recorded_by = r.event.recorded_by;
    e.occurred_at = r.event.occurred_at;
    e.recorded_at = r.event.recorded_at;
    e.prev_hash = std::move(head_hash);
    e.hash = compute_event_hash(e);
    return e;
}

CaseRecord project(const CommitRequest& r, const EventRecord& event, TimePoint opened_at) {
    CaseRecord c;
    c.id = event.case_id;
    c.workflow = r.projection.workflow;
    c.state = r.projection.state;
    c.version = event.seq;
    c.data = r.projection.data;
    c.opened_at = opened_at;
    c.updated_at = event.occurred_at;
    c.due_at = r.projection.due_at;
    return c;
}

Error version_conflict(std::string_view case_id, std::int64_t stored, std::int64_t expected) {
    return make_error(errc::conflict,
                      "case " + std::string(case_id) + " is at version " + std::to_string(stored) + ", expected " +
                          std::to_string(expected),
                      "expected_version");
}

std::vector<Timer> timer_rows(const CommitRequest& r, const std::string& case_id) {
    std::vector<Timer> out;
    if (!r.timers) return out;
    out.reserve(r.timers->size());
    for (Timer t : *r.timers) {
        t.id = 0;
        t.case_id = case_id;
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Notice> outbox_rows(const CommitRequest& r, const EventRecord& event) {
    std::vector<Notice> out;
    out.reserve(r.notices.size());
    for (const Notice& given : r.notices) {
        Notice n;
        n.event_global_seq = event.global_seq;
        n.case_id = event.case_id;
        n.channel = given.channel;
        n.recipient = given.recipient;
        n.payload = given.payload;
        n.created_at = event.recorded_at;
        n.next_attempt_at = event.recorded_at;
        out.push_back(std::move(n));
    }
    return out;
}

Error not_written_after(std::size_t unit, std::size_t after) {
    return make_error(errc::conflict,
                      "command " + std::to_string(unit + 1) + " of the group was decided on command " +
                          std::to_string(after + 1) + ", which was not written",
                      "expected_version");
}

std::vector<Result<std::vector<Committed>>> Journal::commit_units(const std::vector<CommitUnit>& units) {
    std::vector<Result<std::vector<Committed>>> out;
    out.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const CommitUnit& unit = units[i];
        if (unit.after && (*unit.after >= i || !out[*unit.after])) {
            out.push_back(not_written_after(i, *unit.after));
        } else if (unit.requests.size() == 1) {
            auto one = commit(unit.requests.front());
            if (one) out.push_back(std::vector<Committed>{std::move(*one)});
            else out.push_back(one.error());
        } else {
            out.push_back(commit_all(unit.requests));
        }
    }
    return out;
}

}  // namespace alur
