// audit::verify's one pass over the journal: the events are read once, in
// global order, a page at a time. Each page's hashes are checked on the
// pool's threads while the next page is read (a row's hash covers its
// predecessor's hash, which the row itself carries); the links, global and
// per-case sequences are checked in order on the reading thread; and each
// case's events are gathered as they stream and handed to the pool to be
// replayed and compared once the case has as many events as its projection
// says (cases that end short are replayed at the end). No query per case:
// only a case that turns out to have more events than its projection says
// is read again, to report what the old one-case-at-a-time walk reported.
// Private to the engine.
#pragma once

#include "alur/engine/audit.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alur::audit::detail {

/// What replaying one case and comparing it with its stored rows found.
struct CaseOutcome {
    std::optional<Problem> problem;
    std::optional<Error> error;  ///< a failure to read, not a finding
    bool replayed = false;       ///< its events ran through the machine (counted in VerifyReport::cases)
};

/// Replays case `stored` from `events` (all of its events, seq order; the
/// last one is `last_global`) and checks it. Called on the pool's threads,
/// for distinct cases at once.
using CaseCheck =
    std::function<CaseOutcome(const CaseRecord& stored, std::vector<EventRecord> events, std::int64_t last_global)>;

/// A case of the chain: how many events it has and where its last one is.
struct Tally {
    std::int64_t events = 0;
    std::int64_t last_global = 0;
};

struct StreamResult {
    std::int64_t events = 0;         ///< rows whose chain was checked
    std::string head = genesis_hash;  ///< the hash of the last of them
    std::string hash_at_checkpoint;   ///< the hash of row VerifyOptions::checkpoint->events, once passed
    std::optional<Problem> chain_problem;
    std::optional<Error> error;  ///< reading failed (io, busy, stopped)
    /// Per projection, in the order given: its case's tally in the chain,
    /// and what checking it found (when it was checked).
    std::vector<Tally> tallies;
    std::vector<std::optional<CaseOutcome>> outcomes;
    /// Cases of the chain with no projection, by id.
    std::map<std::string, Tally, std::less<>> unprojected;
    std::chrono::milliseconds chain_time{0};
    std::chrono::milliseconds replay_time{0};
};

/// The pass. `cases`: the projections (null when they cannot be read: the
/// chain alone is checked); the cases `options.case_id` selects (all
/// without it) are checked with `check`. Stops at the first bad row.
StreamResult stream_verify(Journal& journal, const VerifyOptions& options, const std::vector<CaseRecord>* cases,
                           const CaseCheck& check);

}  // namespace alur::audit::detail
