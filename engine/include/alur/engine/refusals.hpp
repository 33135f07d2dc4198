// alur/engine/refusals.hpp — the port that keeps refused commands as evidence.
//
// Every command Engine::submit refuses (a role that may not submit the event,
// a guard or transition refusal, invalid input, a conflict) is appended here
// with its time, who submitted it (actor, role, recorded_by), the case and
// event, and the reason (errc, message, field). The log is its own SHA-256
// chain, beside the event chain: it never changes a case and never moves the
// event chain's head, but altering, removing or reordering a row is detected
// by verify_refusals (run by `alur audit verify`).
//
// Texts of a refusal may be exactly what was refused (invalid UTF-8, control
// characters), so make_refusal stores every text escaped (alur::escape_controls):
// the log is always valid UTF-8 without control characters.
//
// Implementations: MemoryRefusalLog (here, for tests) and SqliteRefusalLog
// (adapters/sqlite, table `refusals`). Thread-safety: implementations are safe
// to call from several threads; the SQLite one also across processes.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace alur {

struct Command;

struct Refusal {
    std::int64_t seq = 0;  ///< 1-based position in the log
    TimePoint at;          ///< the engine clock's now when it was refused
    std::string case_id;   ///< empty when a new case was to be opened
    std::string workflow;  ///< the workflow of a new case (empty otherwise)
    std::string event;
    std::string actor;
    std::string role;
    std::string recorded_by;
    std::string code;  ///< to_string(errc): forbidden, refused, invalid_input, conflict
    std::string message;
    std::string field;
    std::string prev_hash;  ///< hex SHA-256 of the previous refusal, or 64 zeros first
    std::string hash;
};

/// True for the codes that are refusals of the command itself (recorded);
/// not_found, busy, io and corrupt are not.
bool is_recorded_refusal(errc code) noexcept;

/// The refusal of `command` with `error` at `at`, every text escaped.
Refusal make_refusal(const Command& command, const Error& error, TimePoint at);

/// The hash `r` should carry, from its prev_hash and fields ("alur-refusal-v1").
std::string compute_refusal_hash(const Refusal& r);

/// `r` numbered and hashed after a log whose last entry is (head_seq, head_hash).
Refusal chain_refusal(Refusal r, std::int64_t head_seq, const std::string& head_hash);

struct RefusalFilter {
    std::optional<std::string> case_id;
    std::optional<TimePoint> since;  ///< only refusals at or after this instant
    std::size_t limit = 0;           ///< 0: all
};

/// `r` as JSON, every field (the time as stored, UTC): what `alur audit
/// refusals --json` and GET /api/refusals print.
boost::json::object refusal_json(const Refusal& r);

/// True if `r` passes `filter` (for implementations that filter in memory).
bool matches(const Refusal& r, const RefusalFilter& filter);

class RefusalLog {
public:
    virtual ~RefusalLog() = default;
    /// Numbers and chains `r` after the last entry and stores it; returns it as stored.
    virtual Result<Refusal> append(const Refusal& r) = 0;
    /// The refusals passing `filter`, in log order.
    virtual Result<std::vector<Refusal>> list(const RefusalFilter& filter) = 0;
};

/// What verify_refusals found.
struct RefusalCheck {
    std::int64_t entries = 0;
    std::optional<std::int64_t> bad_seq;  ///< the first bad entry
    std::string problem;
    bool ok() const { return !bad_seq; }
};

/// Walks the whole log: sequence numbers 1..n, each prev_hash the previous
/// hash, each hash recomputed. Error only if the log cannot be read.
Result<RefusalCheck> verify_refusals(RefusalLog& log);

/// A RefusalLog in memory, for tests.
class MemoryRefusalLog final : public RefusalLog {
public:
    Result<Refusal> append(const Refusal& r) override;
    Result<std::vector<Refusal>> list(const RefusalFilter& filter) override;
    /// Tests only: the stored entries, to tamper with.
    std::vector<Refusal>& entries() { return entries_; }

private:
    std::mutex mutex_;
    std::vector<Refusal> entries_;
};

}  // namespace alur
