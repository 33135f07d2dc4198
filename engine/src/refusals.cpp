// The refusals log: making, chaining and verifying entries, and the in-memory log.
#include "alur/engine/refusals.hpp"

#include "alur/engine/engine.hpp"
#include "alur/engine/event.hpp"
#include "alur/engine/text.hpp"

namespace alur {

bool is_recorded_refusal(errc code) noexcept {
    return code == errc::forbidden || code == errc::refused || code == errc::invalid_input || code == errc::conflict;
}

Refusal make_refusal(const Command& command, const Error& error, TimePoint at) {
    Refusal r;
    r.at = at;
    r.case_id = escape_controls(command.case_id);
    if (command.case_id.empty()) r.workflow = escape_controls(command.workflow);
    r.event = escape_controls(command.event);
    r.actor = escape_controls(command.actor);
    r.role = escape_controls(command.role);
    r.recorded_by = escape_controls(command.recorded_by);
    r.code = to_string(error.code);
    r.message = escape_controls(error.message);
    r.field = escape_controls(error.field);
    return r;
}

std::string compute_refusal_hash(const Refusal& r) {
    return chained_hash("alur-refusal-v1", r.prev_hash,
                        {std::to_string(r.seq), format_utc(r.at), r.case_id, r.workflow, r.event, r.actor, r.role,
                         r.recorded_by, r.code, r.message, r.field});
}

Refusal chain_refusal(Refusal r, std::int64_t head_seq, const std::string& head_hash) {
    r.seq = head_seq + 1;
    r.prev_hash = head_hash;
    r.hash = compute_refusal_hash(r);
    return r;
}

boost::json::object refusal_json(const Refusal& r) {
    return {{"seq", r.seq},         {"at", format_utc(r.at)},
            {"case_id", r.case_id}, {"workflow", r.workflow},
            {"event", r.event},     {"actor", r.actor},
            {"role", r.role},       {"recorded_by", r.recorded_by},
            {"code", r.code},       {"message", r.message},
            {"field", r.field},     {"prev_hash", r.prev_hash},
            {"hash", r.hash}};
}

bool matches(const Refusal& r, const RefusalFilter& filter) {
    if (filter.case_id && r.case_id != *filter.case_id) return false;
    if (filter.since && r.at < *filter.since) return false;
    return true;
}

Result<RefusalCheck> verify_refusals(RefusalLog& log) {
    auto all = log.list({});
    if (!all) return all.error();
    RefusalCheck check;
    std::string prev = genesis_hash;
    for (const Refusal& r : *all) {
        ++check.entries;
        const auto fail = [&](std::string what) {
            check.bad_seq = r.seq;
            check.problem = std::move(what);
        };
        if (r.seq != check.entries) fail("refusal " + std::to_string(r.seq) + " is out of sequence (expected " +
                                         std::to_string(check.entries) + ")");
        else if (r.prev_hash != prev) fail("refusal " + std::to_string(r.seq) + ": prev_hash does not match the hash of the entry before it");
        else if (compute_refusal_hash(r) != r.hash) fail("refusal " + std::to_string(r.seq) + ": hash does not match its fields (altered)");
        if (check.bad_seq) return check;
        prev = r.hash;
    }
    return check;
}

Result<Refusal> MemoryRefusalLog::append(const Refusal& r) {
    std::lock_guard lock(mutex_);
    const std::int64_t head = static_cast<std::int64_t>(entries_.size());
    entries_.push_back(chain_refusal(r, head, entries_.empty() ? genesis_hash : entries_.back().hash));
    return entries_.back();
}

Result<std::vector<Refusal>> MemoryRefusalLog::list(const RefusalFilter& filter) {
    std::lock_guard lock(mutex_);
    std::vector<Refusal> out;
    for (const auto& r : entries_) {
        if (filter.limit && out.size() >= filter.limit) break;
        if (matches(r, filter)) out.push_back(r);
    }
    return out;
}

}  // namespace alur
