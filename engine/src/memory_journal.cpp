#include "alur/engine/memory_journal.hpp"

#include <algorithm>

namespace alur {

Result<Committed> MemoryJournal::commit(const CommitRequest& req) {
    std::lock_guard lock(mutex_);
    return commit_locked(req);
}

Result<std::vector<Committed>> MemoryJournal::commit_all(const std::vector<CommitRequest>& requests) {
    std::lock_guard lock(mutex_);
    return commit_all_locked(requests);
}

std::vector<Result<std::vector<Committed>>> MemoryJournal::commit_units(const std::vector<CommitUnit>& units) {
    std::lock_guard lock(mutex_);
    std::vector<Result<std::vector<Committed>>> out;
    out.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (units[i].after && (*units[i].after >= i || !out[*units[i].after])) {
            out.emplace_back(not_written_after(i, *units[i].after));
            continue;
        }
        auto written = commit_all_locked(units[i].requests);
        if (written) out.emplace_back(std::move(*written));
        else out.emplace_back(written.error());
    }
    return out;
}

Result<std::vector<Committed>> MemoryJournal::commit_all_locked(const std::vector<CommitRequest>& requests) {
    // Check every request first (commit_locked fails only where check_locked
    // does), so that nothing is applied unless all of them are.
    std::set<std::string> keys;
    for (const auto& req : requests) {
        if (auto ok = check_locked(req); !ok) return ok.error();
        if (req.idempotency && !keys.insert(req.idempotency->key).second)
            return make_error(errc::conflict, "idempotency key '" + req.idempotency->key + "' is given twice",
                              "idempotency_key");
    }
    std::vector<Committed> out;
    for (const auto& req : requests) out.push_back(commit_locked(req).value());
    return out;
}

Result<void> MemoryJournal::check_locked(const CommitRequest& req) const {
    if (req.idempotency && keys_.count(req.idempotency->key))
        return make_error(errc::conflict, "idempotency key '" + req.idempotency->key + "' was already used",
                          "idempotency_key");
    if (req.case_id.empty()) {
        if (req.case_prefix.empty())
            return make_error(errc::invalid_input, "a new case needs a case prefix", "case_prefix");
        if (req.expected_version != 0) return version_conflict("(new)", 0, req.expected_version);
        return {};
    }
    auto it = cases_.find(req.case_id);
    if (it == cases_.end()) return make_error(errc::not_found, "no case " + req.case_id);
    if (it->second.version != req.expected_version)
        return version_conflict(req.case_id, it->second.version, req.expected_version);
    return {};
}

Result<Committed> MemoryJournal::commit_locked(const CommitRequest& req) {
    if (auto ok = check_locked(req); !ok) return ok.error();
    std::string case_id = req.case_id;
    TimePoint opened_at = req.event.occurred_at;
    if (case_id.empty()) case_id = case_id_for(req.case_prefix, serials_[req.case_prefix] + 1);
    else opened_at = cases_.at(case_id).opened_at;
    EventRecord e = chain_event(req, case_id, static_cast<std::int64_t>(events_.size()),
                                events_.empty() ? genesis_hash : events_.back().hash);
    CaseRecord projection = project(req, e, opened_at);
    std::vector<Notice> notices = outbox_rows(req, e);

    // Nothing above can fail past this point: apply all of it.
    if (req.case_id.empty()) ++serials_[req.case_prefix];
    events_.push_back(e);
    cases_[case_id] = projection;
    if (req.idempotency) {
        IdempotencyRecord rec = *req.idempotency;
        rec.case_id = case_id;
        rec.seq = e.seq;
        keys_[rec.key] = rec;
    }
    if (req.timers) replace_timers(case_id, timer_rows(req, case_id));
    for (Notice& n : notices) {
        n.id = static_cast<std::int64_t>(outbox_.size()) + 1;
        outbox_.push_back(std::move(n));
    }
    ++changes_;
    return Committed{projection, e};
}

void MemoryJournal::replace_timers(const std::string& case_id, std::vector<Timer> timers) {
    auto held = case_timers_.find(case_id);
    if (held != case_timers_.end()) {
        for (const TimerKey& k : held->second) timers_.erase(k);
        case_timers_.erase(held);
    }
    if (timers.empty()) return;
    std::set<TimerKey>& keys = case_timers_[case_id];
    for (Timer& t : timers) {
        t.id = ++last_timer_id_;
        TimerKey k{t.fire_at, t.id};
        keys.insert(k);
        timers_.emplace(k, std::move(t));
    }
}

Result<CaseRecord> MemoryJournal::find_case(std::string_view case_id) {
    std::lock_guard lock(mutex_);
    auto it = cases_.find(case_id);
    if (it == cases_.end()) return make_error(errc::not_found, "no case " + std::string(case_id));
    return it->second;
}

Result<std::vector<EventRecord>> MemoryJournal::case_events(std::string_view case_id) {
    std::lock_guard lock(mutex_);
    std::vector<EventRecord> out;
    for (const auto& e : events_)
        if (e.case_id == case_id) out.push_back(e);
    return out;
}

Result<std::vector<CaseRecord>> MemoryJournal::list_cases(const CaseFilter& filter) {
    std::lock_guard lock(mutex_);
    // A scan and a sort: the reference the SQLite journal's indexed queries
    // are checked against (journal_conformance_test), not a fast path.
    const CaseOrder order = filter.effective_order();
    std::vector<const CaseRecord*> hits;
    for (const auto& [id, c] : cases_)
        if (filter.matches(c) && (!filter.after || filter.before(*filter.after, position_of(c, order))))
            hits.push_back(&c);
    const auto by_order = [&](const CaseRecord* a, const CaseRecord* b) {
        return filter.before(position_of(*a, order), position_of(*b, order));
    };
    const std::size_t n = filter.limit && filter.limit < hits.size() ? filter.limit : hits.size();
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), by_order);
    std::vector<CaseRecord> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(*hits[i]);
    return out;
}

Result<std::optional<IdempotencyRecord>> MemoryJournal::find_idempotency(std::string_view key) {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(key);
    if (it == keys_.end()) return std::optional<IdempotencyRecord>{};
    return std::optional<IdempotencyRecord>{it->second};
}

Result<std::vector<EventRecord>> MemoryJournal::read_events(std::int64_t after, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<EventRecord> out;
    for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(after, 0)); i < events_.size(); ++i) {
        out.push_back(events_[i]);
        if (limit && out.size() >= limit) break;
    }
    return out;
}

Result<std::vector<IdempotencyRecord>> MemoryJournal::read_idempotency(std::string_view after, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<IdempotencyRecord> out;
    for (auto it = keys_.upper_bound(after); it != keys_.end(); ++it) {
        out.push_back(it->second);
        if (limit && out.size() >= limit) break;
    }
    return out;
}

// --- Timers ------------------------------------------------------------------

Result<std::vector<Timer>> MemoryJournal::case_timers(std::string_view case_id) {
    std::lock_guard lock(mutex_);
    std::vector<Timer> out;
    auto held = case_timers_.find(case_id);
    if (held == case_timers_.end()) return out;
    for (const TimerKey& k : held->second) out.push_back(timers_.at(k));
    return out;
}

Result<std::optional<Timer>> MemoryJournal::next_timer() {
    std::lock_guard lock(mutex_);
    if (timers_.empty()) return std::optional<Timer>{};
    return std::optional<Timer>{timers_.begin()->second};
}

Result<std::vector<Timer>> MemoryJournal::due_timers(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<Timer> out;
    for (const auto& [key, t] : timers_) {
        if (key.first > now || (limit && out.size() >= limit)) break;
        out.push_back(t);
    }
    return out;
}

Result<std::int64_t> MemoryJournal::timer_count() {
    std::lock_guard lock(mutex_);
    return static_cast<std::int64_t>(timers_.size());
}

// --- Outbox ------------------------------------------------------------------

Notice* MemoryJournal::find_notice(std::int64_t id) {
    if (id < 1 || id > static_cast<std::int64_t>(outbox_.size())) return nullptr;
    return &outbox_[static_cast<std::size_t>(id - 1)];
}

Result<std::vector<Notice>> MemoryJournal::pending_notices(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<Notice> out;
    for (const Notice& n : outbox_) {
        if (limit && out.size() >= limit) break;
        if (!n.delivered_at && n.next_attempt_at <= now) out.push_back(n);
    }
    return out;
}

Result<void> MemoryJournal::notice_delivered(std::int64_t id, TimePoint at) {
    std::lock_guard lock(mutex_);
    Notice* n = find_notice(id);
    if (!n) return make_error(errc::not_found, "no notice " + std::to_string(id));
    ++n->attempts;
    n->delivered_at = at;
    ++changes_;
    return {};
}

Result<void> MemoryJournal::notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) {
    std::lock_guard lock(mutex_);
    Notice* n = find_notice(id);
    if (!n) return make_error(errc::not_found, "no notice " + std::to_string(id));
    ++n->attempts;
    n->last_error = std::string(error);
    n->next_attempt_at = retry_at;
    ++changes_;
    return {};
}

Result<std::vector<Notice>> MemoryJournal::case_notices(std::string_view case_id) {
    std::lock_guard lock(mutex_);
    std::vector<Notice> out;
    for (const Notice& n : outbox_)
        if (n.case_id == case_id) out.push_back(n);
    return out;
}

Result<std::vector<Notice>> MemoryJournal::read_notices(std::int64_t after, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<Notice> out;
    for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(after, 0)); i < outbox_.size(); ++i) {
        out.push_back(outbox_[i]);
        if (limit && out.size() >= limit) break;
    }
    return out;
}

Result<std::uint64_t> MemoryJournal::change_counter() {
    std::lock_guard lock(mutex_);
    return changes_;
}

}  // namespace alur
