// audit::verify beyond the chain and the projections: the rows the engine
// trusts without a hash (pending timers and due_at, the outbox, idempotency
// keys), each checked against what the chain and the configuration give.
// Private to the engine.
#pragma once

#include "alur/engine/audit.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace alur::audit::detail {

/// Every timer, notice and idempotency row, read in bulk (a few queries for
/// the whole journal, never one per case) and grouped by case.
struct Stores {
    std::map<std::string, std::vector<Timer>, std::less<>> timers;
    std::map<std::string, std::vector<Notice>, std::less<>> notices;
    std::map<std::string, std::vector<IdempotencyRecord>, std::less<>> keys;
};

/// The rows of `journal`; a row that cannot be read sets `problem` (io and
/// busy are errors).
Result<Stores> read_stores(Journal& journal, std::size_t page, std::optional<Problem>& problem);

/// The case's due_at and pending timers against what its chain and the
/// deadline configuration give. When they differ but agree with each other
/// and with the chain's own timer events, the problem is marked drift (the
/// configuration changed since) and says what differs; otherwise tampering.
std::optional<Problem> check_deadlines(const Engine& engine, const Workflow& wf, const CaseRecord& stored,
                                       const Engine::Replay& replay, const std::vector<Timer>& timers);

/// Each outbox row of the case names a timer event of the case and holds
/// exactly the text that event produces.
std::optional<Problem> check_notices(const Engine& engine, const Workflow& wf, const CaseRecord& stored,
                                     const Engine::Replay& replay, const std::vector<Notice>& notices);

/// Each idempotency row of the case names an event of the case that a
/// command produced (not a timer), with a SHA-256 fingerprint.
std::optional<Problem> check_keys(const CaseRecord& stored, const Engine::Replay& replay,
                                  const std::vector<IdempotencyRecord>& keys);

/// Rows of `stores` whose case has no projection (`projected` holds the ids that have one).
std::optional<Problem> check_orphans(const Stores& stores, const std::set<std::string, std::less<>>& projected);

}  // namespace alur::audit::detail
