// alur/engine/audit.hpp — what auditors run: verify the journal, keep checkpoints.
//
// verify() reads the whole journal once, in global order, and checks, row by row,
// the SHA-256 chain (each row's hash is the hash of its content and its
// predecessor's hash), the global and per-case sequence numbers, and then that
// replaying every case through its workflow's machine gives exactly its stored
// projection, and that the rows the engine trusts without a hash agree with
// the chain: every case of the chain has a projection and every projection
// events; due_at and the pending timers are what the chain and the deadline
// configuration give (a coherent difference is reported as drift); every
// outbox row names a timer event of its case and holds the text it produces;
// every idempotency key names an event a command produced. Timers, outbox and
// keys are read in bulk, not per case. It stops at the first bad row and names it.
// One streaming pass: pages of rows are hashed on a few worker threads while
// the next page is read, and each case is replayed (on the same workers) as
// soon as its last event has streamed by; a finding is the same one a
// row-by-row, case-by-case walk would name first. A checkpoint is the
// journal's head (event count and head hash) as one line an auditor keeps
// outside the system; verifying against it proves the journal still begins
// with exactly the events it covered. Read-only; thread-safe as the journal is.
#pragma once

#include "alur/engine/engine.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace alur::audit {

/// The first thing found wrong: which row (global sequence, case), which
/// column or projection field, and what.
struct Problem {
    std::int64_t global_seq = 0;
    std::string case_id;
    std::string field;
    std::string what;
    /// The row agrees with the chain and with itself but not with today's
    /// deadline configuration: the configuration changed since (or the row
    /// was altered consistently). Otherwise the row contradicts the chain.
    bool drift = false;
};

struct Checkpoint {
    std::int64_t events = 0;
    std::string head_hash;  ///< genesis_hash for an empty journal

    /// "alur-checkpoint v1 events=1234 head=<64 hex>"
    std::string line() const;
    /// invalid_input naming what is wrong with the line.
    static Result<Checkpoint> parse(std::string_view line);
};

struct VerifyOptions {
    std::optional<std::string> case_id;       ///< replay only this case (the chain is always checked whole)
    std::optional<Checkpoint> checkpoint;     ///< also prove the journal begins with these events
    std::size_t page = 10000;                 ///< events read per query
    /// Worker threads that check hashes and replay cases (0: one per core);
    /// the calling thread reads the journal and helps.
    unsigned threads = 0;
    /// Called on the calling thread after each page with the number of
    /// events checked so far (a background job's progress).
    std::function<void(std::int64_t events_checked)> progress{};
    /// When stop is requested, verify returns errc::busy at the next page.
    std::stop_token stop{};
};

struct VerifyReport {
    std::int64_t events = 0;    ///< events whose chain was checked
    std::int64_t cases = 0;     ///< cases replayed and compared
    /// The pass reading and checking every row's hash, link and sequences.
    std::chrono::milliseconds chain_time{0};
    /// From the first case handed to replay to the last one checked; cases
    /// are replayed while the chain is still being read, so the two overlap.
    std::chrono::milliseconds replay_time{0};
    std::optional<Problem> problem;
    bool ok() const { return !problem; }
};

/// errc only for failures to read (io, busy); what is wrong with the data is
/// reported in VerifyReport::problem.
Result<VerifyReport> verify(Engine& engine, const VerifyOptions& options = {});

/// The current head of the journal.
Result<Checkpoint> checkpoint(Journal& journal);

}  // namespace alur::audit
