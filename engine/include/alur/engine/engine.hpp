// alur/engine/engine.hpp — the runtime: the one command path of every adapter.
//
//   Command -> load the case's machine (cache, else replay its events)
//           -> validate payload, check role -> apply on a copy
//           -> Journal::commit (event + projection, one transaction) -> swap
//
// A refused or invalid command writes nothing and says why. When the caller
// gave no expected version, a commit that lost a race with another writer
// (another thread or process) is retried on the fresh state; with an expected
// version it fails with errc::conflict. Idempotency keys make retries safe.
//
// The pipeline (after leveldb's writer queue): a command is decided on the
// calling thread under its case's lock (not an engine-wide one), on the
// state the case's previous command left, committed or still queued; the
// decided commit goes to ONE committer thread, which takes everything queued
// (bounded by max_batch_commands and max_batch_bytes) and writes it in one
// transaction with one sync (Journal::commit_units, a savepoint per
// command), then completes each command with its own result. A command is
// acknowledged only after the transaction holding it committed.
//
// Thread-safety: every public method may be called from several threads.
// Never call submit() from a completion handler (the committer's thread).
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/journal.hpp"
#include "alur/engine/refusals.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"
#include "alur/engine/workflow.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace alur {

/// What the committer did in one group commit (EngineOptions::on_commit).
struct CommitStats {
    std::size_t commands = 0;  ///< commands (units: an event with the cases it opens) in the transaction
    std::size_t bytes = 0;     ///< payload bytes of their events
    /// Around Journal::commit_group alone: the transaction with its sync.
    std::chrono::nanoseconds latency{0};
    std::size_t queued = 0;  ///< commands still waiting when it finished
};

struct EngineOptions {
    /// Where events and projections are stored. Required.
    std::shared_ptr<Journal> journal;
    /// Reads "now" for recorded_at and for events given no business time.
    /// Default: SystemClock.
    std::shared_ptr<const Clock> clock;
    /// Default: a logger that discards everything.
    std::shared_ptr<spdlog::logger> logger;
    /// The agency's time zone (for dates in refusals). Default: WIB.
    TimeZone timezone;
    /// How often a commit that lost a race is retried on fresh state. Default: 8.
    int conflict_retries = 8;
    /// Working-day calendar, time zone and due time of deadlines.
    /// Default: weekends only, WIB, 16:00.
    DeadlineClock deadline_clock;
    /// Deadlines per workflow name; a workflow not named here uses its
    /// default_deadlines().
    std::map<std::string, DeadlinePolicy, std::less<>> deadlines;
    /// Who is notified when a timer of (workflow, state) fires: roles as
    /// "role:admin" or addresses. Default: {"role:admin"} everywhere.
    std::function<std::vector<std::string>(std::string_view workflow, std::string_view state)> recipients;
    /// The channels a notice is written for, one outbox row each. Default: {"log"}.
    std::vector<std::string> channels;
    /// Whether `channel` takes `recipient`: a pair it refuses gets no outbox
    /// row (the email channel takes addresses only, not "role:NAME").
    /// Default: every channel takes every recipient.
    std::function<bool(std::string_view channel, std::string_view recipient)> takes;
    /// Where refused commands are recorded (refusals.hpp): every submit
    /// refused as forbidden, refused, invalid_input or conflict is appended.
    /// A failing append is logged, never returned. Default: none (not recorded).
    std::shared_ptr<RefusalLog> refusals;
    /// Who records, when a command names nobody (Command::recorded_by empty):
    /// the operating-system user of the CLI, the user running `serve` for
    /// fired timers. Default: empty.
    std::string recorded_by;
    /// How far after the clock's now an event's occurred_at may lie
    /// (`[journal] max_future_skew`). Default: 10 minutes.
    std::chrono::milliseconds max_future_skew{std::chrono::minutes{10}};
    /// Whether `id` names an existing thing of `kind` (FieldSpec::reference_kind,
    /// e.g. "jobfit_batch"). Case references are checked by the engine itself.
    /// Default: none; a field with a kind nobody checks is refused.
    std::function<Result<bool>(std::string_view kind, std::string_view id)> reference_exists;
    /// Group commit bounds (`[journal] batch_commands`, `batch_bytes`): the
    /// committer takes at most this many commands, and stops adding once
    /// their payloads reach this many bytes. Defaults: 1000, 4 MiB.
    std::size_t max_batch_commands = 1000;
    std::size_t max_batch_bytes = 4u << 20;
    /// Called on the committer's thread after every group commit (metrics).
    /// Must not block. Default: none.
    std::function<void(const CommitStats&)> on_commit;
};

/// The events the engine's own timers submit (role "system", actor "alur").
/// Valid in every state that has the timer; they change no state and are
/// journaled like any other event, so auditors see every reminder sent.
inline constexpr const char* reminder_event = "reminder_due";
inline constexpr const char* deadline_event = "deadline_passed";
inline constexpr const char* system_role = "system";
bool is_timer_event(std::string_view name);

/// A correction of an earlier event's data, valid in any state of any
/// workflow: {of: seq, field, value, reason}. The original stays in the
/// journal; replay applies the correction from this event on.
inline constexpr const char* correction_event = "corrected";
/// Timer events and corrections: handled by the engine, not the workflow's machine.
bool is_engine_event(std::string_view name);

/// One event of a replay: the state before and after it.
struct ReplayStep {
    EventRecord event;
    std::string before;
    std::string after;
};

struct Command {
    std::string case_id;  ///< empty with `workflow` set: open a new case
    std::string workflow; ///< for opening only
    std::string event;    ///< empty when opening: the workflow's open event
    boost::json::object payload;
    std::string actor;
    std::string role;
    std::string reason;
    /// Who submits it, besides the claimed actor (the token's name over HTTP);
    /// empty: EngineOptions::recorded_by. Not part of the idempotency fingerprint.
    std::string recorded_by;
    std::optional<TimePoint> occurred_at;  ///< default: the clock's now
    std::optional<std::string> idempotency_key;
    std::optional<std::int64_t> expected_version;
};

struct Outcome {
    CaseRecord projection;
    EventRecord event;
    std::string state_before;
    bool replayed = false;  ///< answered from an idempotency key, nothing written
    /// The cases the event opened (Workflow::follow_ups), committed with it.
    std::vector<CaseRecord> opened;
    /// The existing cases it submitted an event to (a FollowUp with a
    /// case_id), as they are after it, committed with it.
    std::vector<CaseRecord> linked = {};
};

/// The completion of Engine::submit_async.
using SubmitHandler = std::function<void(Result<Outcome>)>;

/// A case with what may happen to it next.
struct CaseView {
    CaseRecord record;
    std::vector<std::string> allowed_events;  ///< for the role asked about (all roles if empty)
};

class Engine {
public:
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    void add_workflow(std::shared_ptr<const Workflow> workflow);
    const Workflow* find_workflow(std::string_view name) const;
    std::vector<std::shared_ptr<const Workflow>> workflows() const;

    /// Opens a case (case_id empty) or advances one. The cases the event
    /// opens (Workflow::follow_ups; no role check, recorded with the
    /// command's actor and role) are committed with it, all or nothing.
    /// A refusal (forbidden, refused, invalid_input, conflict) is appended to
    /// EngineOptions::refusals before it is returned (refusal_record.cpp).
    Result<Outcome> submit(const Command& command);

    /// The same command path without blocking the caller on the commit: the
    /// command is decided on the calling thread under its case's lock, its
    /// commit is queued for the committer, and `done` is called once the
    /// transaction that holds it has committed (on the committer's thread),
    /// or at once (on the calling thread) if it is refused before that.
    /// `done` must not block; post to your own executor (async.hpp does).
    /// submit() is submit_async() and a wait.
    void submit_async(Command command, SubmitHandler done);

    /// Commands decided and waiting for the committer.
    std::size_t queue_depth() const;

    Result<CaseView> view(std::string_view case_id, std::string_view role = {});

    /// What fire_due did.
    struct FireReport {
        std::size_t fired = 0;    ///< timer events journaled
        std::size_t skipped = 0;  ///< timers gone by the time they were fired (another process)
        std::chrono::milliseconds max_lateness{0};
        std::vector<Outcome> outcomes;
        /// Timers that could not be fired because their case or their row
        /// cannot be read ("timer 7 of case MUT-000001: ..."): logged and
        /// skipped, so the other cases' timers still fire.
        std::vector<std::string> problems;
    };

    /// Fires every timer due at `now` (up to `limit`, 0: all), in due order,
    /// each as a reminder_due / deadline_passed event with its notices,
    /// recording how late it fired. Timers of distinct cases due together are
    /// committed together (group commit: one transaction, one sync).
    Result<FireReport> fire_due(TimePoint now, std::size_t limit = 0);
    /// Timers fired per group commit.
    static constexpr std::size_t group_size = 256;

    /// The deadline rule of a workflow's state, if any.
    const DeadlineRule* deadline_rule(std::string_view workflow, std::string_view state) const;

    /// Rebuilds a case's machine by running all its events from the start.
    /// errc::corrupt if a stored event is refused on replay.
    Result<std::unique_ptr<CaseMachine>> replay(std::string_view case_id);

    /// A case rebuilt from its events alone (never from the stored
    /// projection), step by step; with `as_of`, as it stood at that business
    /// time, with the deadline it had then.
    struct Replay {
        std::string workflow;
        std::vector<ReplayStep> steps;
        std::string state;
        boost::json::object data;
        std::optional<TimePoint> due_at;
    };
    Result<Replay> replay_steps(std::string_view case_id, std::optional<TimePoint> as_of = std::nullopt);

    Journal& journal() { return *options_.journal; }
    /// EngineOptions::refusals (null if refusals are not recorded).
    RefusalLog* refusals() { return options_.refusals.get(); }

    /// How deadlines are counted (calendar, time zone, due time), as configured.
    const DeadlineClock& deadline_clock() const { return options_.deadline_clock; }
    const Clock& clock() const { return *options_.clock; }
    const TimeZone& timezone() const { return options_.timezone; }

private:
    // The pipeline (pipeline.hpp, pipeline.cpp): a command is decided under
    // its case's lock on the case's Slot (its machine and projection as of
    // the last command decided), queued as a Pending commit, written by the
    // committer in one group commit with the others queued, and completed.
    struct Slot;
    struct Pending;
    struct Pipeline;
    /// The completion inside the pipeline: with the command it answers.
    using Done = std::function<void(const Command&, Result<Outcome>)>;

    /// A stored case, its workflow and its events, for replaying.
    struct History {
        CaseRecord record;
        const Workflow* workflow = nullptr;
        std::vector<EventRecord> events;
    };
    Result<History> history(std::string_view case_id);
    /// The workflow a stored case belongs to; corrupt if it is not registered.
    Result<const Workflow*> workflow_of(const CaseRecord& record) const;

    /// Decides `command` and queues its commit, or completes `done` at once
    /// with a refusal or a remembered answer. `attempt`: how often it was
    /// sent back by the committer (a conflict); 0 checks the boundary and
    /// takes its idempotency key.
    void start(Command command, Done done, int attempt);
    /// The commit of an event on a case (slot locked; null: opening), or a refusal.
    Result<std::unique_ptr<Pending>> decide_event(const Command& command, const Workflow& wf,
                                                  const std::shared_ptr<Slot>& slot);
    Result<std::unique_ptr<Pending>> decide_correction(const Command& command, const Workflow& wf,
                                                       const std::shared_ptr<Slot>& slot);
    /// An event decided on `machine` (which it moves): the commit request
    /// (event, projection, and timers when the state changes; no case id,
    /// idempotency or previous deadline) and the input the machine saw.
    struct Decided {
        CommitRequest request;
        EventInput input;
    };
    Result<Decided> decide(const Workflow& wf, const EventSpec& spec, CaseMachine& machine,
                           boost::json::object payload, const Command& command, TimePoint occurred_at,
                           std::int64_t version, TimePoint opened_at);
    /// The event a FollowUp submits to an existing case (`follow.case_id`,
    /// locked here after the causing case's lock), decided on that case's
    /// machine, which it leaves in `machine`; nullopt when the case's state
    /// takes no such event (skipped).
    Result<std::optional<Decided>> decide_linked(FollowUp& follow, const Command& cause, TimePoint occurred_at,
                                                 std::unique_ptr<CaseMachine>& machine);
    /// The boundary checks of a command before anything is looked up: its
    /// texts, its payload's texts and numbers, its time's range and skew.
    Result<void> check_command(const Command& command) const;
    /// A business time: in range and not after now + max_future_skew.
    Result<void> check_occurred_at(TimePoint occurred_at, std::string_view field) const;
    /// The time of an event on a stored case: not before its last event.
    Result<void> check_order(const CaseRecord& record, TimePoint occurred_at) const;
    /// What validate_payload cannot know: dates against the event and the
    /// case's opening, references to other cases and records.
    Result<void> check_context(const EventSpec& spec, const boost::json::object& payload, TimePoint occurred_at,
                               TimePoint opened_at);
    Result<Outcome> answer_replayed(const IdempotencyRecord& rec, const std::string& fingerprint);
    /// The case's slot, created empty if it has none.
    std::shared_ptr<Slot> slot_for(std::string_view case_id);
    /// Fills an empty slot (locked) from the journal: the case and its machine replayed.
    Result<void> load(Slot& slot, std::string_view case_id);
    /// A case just committed with its machine (a new case, a correction).
    void remember(const CaseRecord& record, std::unique_ptr<CaseMachine> machine);

    void enqueue(std::vector<std::unique_ptr<Pending>> items);
    void run_committer();
    void commit_batch(std::vector<std::unique_ptr<Pending>>& batch);
    void complete(std::unique_ptr<Pending> pending, Result<std::vector<Committed>> result);
    /// Commits the units through the committer and waits (fire_due): each
    /// unit's first request is on an existing case.
    std::vector<Result<std::vector<Committed>>> commit_and_wait(std::vector<CommitUnit> units);
    /// The commit that fires `timer` (its event, the case's remaining timers
    /// and its notices); nullopt if the timer is no longer pending.
    Result<std::optional<CommitRequest>> prepare_fire(const Timer& timer, TimePoint now);

    EngineOptions options_;
    std::map<std::string, std::shared_ptr<const Workflow>, std::less<>> workflows_;
    std::map<std::string, DeadlinePolicy, std::less<>> default_deadlines_;
    std::mutex mutex_;  ///< one fire_due at a time
    std::set<std::string, std::less<>> reported_timer_rows_;  ///< unreadable timer rows already logged
    std::unique_ptr<Pipeline> pipeline_;
};

/// The fingerprint of a command for idempotency: SHA-256 of its canonical form.
std::string command_fingerprint(const Command& command);

}  // namespace alur
