// The engine's command pipeline, inside: per-case slots, pending commits, the
// committer's queue and the idempotency keys in flight (pipeline.cpp).
#pragma once

#include "alur/engine/engine.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace alur {

/// One case in the engine: its lock, and the case as its last decided
/// command left it. `pending` commands were decided on it and not yet
/// completed; while there are any, `record` and `machine` are ahead of the
/// journal (speculative). Any commit of the case that fails invalidates the
/// slot and bumps `epoch`: a command decided in an earlier epoch is decided
/// again instead of being written.
struct Engine::Slot {
    std::mutex mutex;
    bool valid = false;
    CaseRecord record;
    std::unique_ptr<CaseMachine> machine;
    int pending = 0;
    std::uint64_t epoch = 0;

    void invalidate() {
        valid = false;
        machine.reset();
        ++epoch;
    }
};

/// A decided commit waiting for the committer.
struct Engine::Pending {
    CommitUnit unit;
    std::size_t bytes = 0;
    /// The case of unit.requests[0] when it exists (null: the command opens a case).
    std::shared_ptr<Slot> slot;
    /// Decided on the slot's state, which it moved ahead (a workflow event);
    /// otherwise decided from the journal (a correction, a fired timer).
    bool speculative = false;
    std::uint64_t epoch = 0;
    /// Per request: the machine of the case it leaves (new cases; a
    /// correction's case), or null (kept in the slot, or unchanged).
    std::vector<std::unique_ptr<CaseMachine>> machines;
    /// The requests that are events on existing cases a FollowUp submitted
    /// to (not cases opened): their index in the unit and their case.
    struct Linked {
        std::size_t index;
        std::string case_id;
    };
    std::vector<Linked> linked;

    // A command: answered through `done`, decided again after a conflict.
    Command command;
    Done done;
    int attempt = 0;
    std::string state_before;

    // A fired timer (commit_and_wait): the journal's result as it is.
    std::function<void(Result<std::vector<Committed>>)> raw;
};

struct Engine::Pipeline {
    std::mutex slots_mutex;
    std::unordered_map<std::string, std::shared_ptr<Slot>> slots;

    /// Idempotency keys of commands decided and not yet completed, with the
    /// commands that came with the same key meanwhile (answered from the
    /// first one's result).
    struct Waiter {
        Command command;
        std::string fingerprint;
        Done done;
    };
    std::mutex keys_mutex;
    std::map<std::string, std::vector<Waiter>, std::less<>> keys;

    std::mutex queue_mutex;
    std::condition_variable queue_cv;
    std::deque<std::unique_ptr<Pending>> queue;
    std::size_t depth = 0;  ///< queue.size(), readable under queue_mutex
    bool stopping = false;
    std::thread committer;  ///< started with the first commit
};

}  // namespace alur
