#include "alur/engine/memory_journal.hpp"

#include <cstdio>

namespace alur {

Result<Committed> MemoryJournal::commit(const CommitRequest& req) {
    std::lock_guard lock(mutex_);
    if (req.idempotency && keys_.count(req.idempotency->key))
        return make_error(errc::conflict, "idempotency key '" + req.idempotency->key + "' was already used",
                          "idempotency_key");
    std::string case_id = req.case_id;
    CaseRecord projection;
    if (case_id.empty()) {
        if (req.expected_version != 0)
            return make_error(errc::conflict, "a new case must be committed at expected version 0");
        char buf[32];
        std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(serials_[req.case_prefix] + 1));
        case_id = req.case_prefix + "-" + buf;
        projection.opened_at = req.event.occurred_at;
    } else {
        auto it = cases_.find(case_id);
        if (it == cases_.end()) return make_error(errc::not_found, "no case " + case_id);
        if (it->second.version != req.expected_version)
            return make_error(errc::conflict, "case " + case_id + " is at version " +
                                                  std::to_string(it->second.version) + ", expected " +
                                                  std::to_string(req.expected_version));
        projection = it->second;
    }

    EventRecord e;
    e.case_id = case_id;
    e.seq = req.expected_version + 1;
    e.global_seq = static_cast<std::int64_t>(events_.size()) + 1;
    e.name = req.event.name;
    e.payload = req.event.payload;
    e.actor = req.event.actor;
    e.role = req.event.role;
    e.reason = req.event.reason;
    e.occurred_at = req.event.occurred_at;
    e.recorded_at = req.event.recorded_at;
    e.prev_hash = events_.empty() ? genesis_hash : events_.back().hash;
    e.hash = compute_event_hash(e);

    projection.id = case_id;
    projection.workflow = req.projection.workflow;
    projection.state = req.projection.state;
    projection.data = req.projection.data;
    projection.version = e.seq;
    projection.updated_at = e.occurred_at;

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
    return Committed{projection, e};
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
    std::vector<CaseRecord> out;
    for (const auto& [id, c] : cases_) {
        if (filter.workflow && c.workflow != *filter.workflow) continue;
        if (filter.state && c.state != *filter.state) continue;
        out.push_back(c);
        if (filter.limit && out.size() >= filter.limit) break;
    }
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

}  // namespace alur
