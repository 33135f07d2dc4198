#include "alur/engine/memory_journal.hpp"

namespace alur {

Result<Committed> MemoryJournal::commit(const CommitRequest& req) {
    std::lock_guard lock(mutex_);
    if (req.idempotency && keys_.count(req.idempotency->key))
        return make_error(errc::conflict, "idempotency key '" + req.idempotency->key + "' was already used",
                          "idempotency_key");
    std::string case_id = req.case_id;
    TimePoint opened_at = req.event.occurred_at;
    if (case_id.empty()) {
        if (req.expected_version != 0) return version_conflict("(new)", 0, req.expected_version);
        case_id = case_id_for(req.case_prefix, serials_[req.case_prefix] + 1);
    } else {
        auto it = cases_.find(case_id);
        if (it == cases_.end()) return make_error(errc::not_found, "no case " + case_id);
        if (it->second.version != req.expected_version)
            return version_conflict(case_id, it->second.version, req.expected_version);
        opened_at = it->second.opened_at;
    }
    EventRecord e = chain_event(req, case_id, static_cast<std::int64_t>(events_.size()),
                                events_.empty() ? genesis_hash : events_.back().hash);
    CaseRecord projection = project(req, e, opened_at);

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
