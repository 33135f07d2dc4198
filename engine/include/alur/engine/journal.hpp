// alur/engine/journal.hpp — the storage port: events, case projections, idempotency.
//
// A Journal stores the append-only event log and, in the same atomic commit,
// the projection of the case the event belongs to (workflow, state, version,
// data). Implementations: the in-memory journal (engine/, for tests) and the
// SQLite journal (adapters/sqlite/). Each commit is all-or-nothing: on any
// error nothing of it is visible, to this process or any other.
//
// Thread-safety: implementations are safe to call from several threads; the
// SQLite journal is also safe across processes sharing one file.
#pragma once

#include "alur/engine/event.hpp"
#include "alur/engine/notice.hpp"
#include "alur/engine/timers.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/summary.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace alur {

/// The current state of one case, as projected from its events.
struct CaseRecord {
    std::string id;
    std::string workflow;
    std::string state;
    std::int64_t version = 0;  ///< number of events of the case
    std::string data;          ///< canonical JSON object: the workflow's case data
    TimePoint opened_at;
    TimePoint updated_at;
    /// The deadline of the current state, if it has one.
    std::optional<TimePoint> due_at;
    /// The list columns, as the case's workflow summarises its data
    /// (Workflow::summary): stored with the projection, filtered on by
    /// list_cases. Empty for a workflow that says nothing.
    CaseSummary summary;
};

/// A reply remembered for an idempotency key: the same key and the same command
/// return it again; the same key with another command is a conflict.
struct IdempotencyRecord {
    std::string key;
    std::string fingerprint;  ///< SHA-256 of the command's canonical form
    std::string case_id;
    std::int64_t seq = 0;  ///< the event the command produced
};

/// The event a command produced, before the journal numbers and hashes it.
struct NewEvent {
    std::string name;
    std::string payload;  ///< canonical JSON
    std::string actor;
    std::string role;
    std::string reason;
    TimePoint occurred_at;
    TimePoint recorded_at;
    /// Who recorded it (EventRecord::recorded_by); empty: nobody named.
    std::string recorded_by{};
};

struct CommitRequest {
    /// The case; empty to open a new case, whose id the journal allocates as
    /// `<case_prefix>-<6-digit serial>` (MUT-000001) inside the commit.
    std::string case_id;
    std::string case_prefix;
    /// The version the case had when the command was decided: 0 for a new case
    /// (any other value with an empty case_id is errc::conflict). A different
    /// stored version fails with errc::conflict (field "expected_version"),
    /// writing nothing.
    std::int64_t expected_version = 0;
    NewEvent event;
    /// The projection after the event: workflow, state, data, due_at and
    /// summary are taken; id, version and times are set by the journal.
    CaseRecord projection;
    /// If set, stored with the event; a key already stored fails with
    /// errc::conflict (field "idempotency_key"), writing nothing.
    std::optional<IdempotencyRecord> idempotency;
    /// If set, the case's pending timers after the event: they replace the
    /// stored ones (case_id is filled in, ids are assigned). If unset, the
    /// stored timers stay as they are.
    std::optional<std::vector<Timer>> timers;
    /// Notices appended to the outbox (case_id, event_global_seq, created_at and
    /// next_attempt_at filled in from the event).
    std::vector<Notice> notices;
};

/// One all-or-nothing piece of a group commit: a command's event with the
/// cases it opens (linked), usually a single request.
struct CommitUnit {
    std::vector<CommitRequest> requests;
    /// An earlier unit of the same group this one was decided on (the same
    /// case, its previous command): if that one is not written, neither is
    /// this one (errc::conflict), whatever the stored version says.
    std::optional<std::size_t> after;
};

struct Committed {
    CaseRecord projection;  ///< as stored
    EventRecord event;      ///< as stored, numbered and hashed
};

/// The orders list_cases can return cases in. Every order ends with the id,
/// so it is total and a position in it (CasePosition) is exact.
enum class CaseOrder {
    id,       ///< by case id
    due,      ///< by due_at, cases without a deadline after those with one
    opened,   ///< by opened_at
    updated,  ///< by updated_at
};

/// "id", "due", "opened", "updated".
const char* to_string(CaseOrder order) noexcept;

/// A place in a CaseOrder: the sort key of a case and its id. `at` is the
/// case's due_at, opened_at or updated_at for those orders (nullopt for a
/// case without a deadline in due order) and ignored in id order.
struct CasePosition {
    std::optional<TimePoint> at;
    std::string id;
};

/// The position of `c` in `order`.
CasePosition position_of(const CaseRecord& c, CaseOrder order);

/// A half-open interval of instants: from <= t < before; an unset end is open.
struct TimeRange {
    std::optional<TimePoint> from;
    std::optional<TimePoint> before;
    bool contains(TimePoint t) const { return (!from || t >= *from) && (!before || t < *before); }
    bool any() const { return from || before; }
};

/// What list_cases returns: every filter set must hold (all unset: every
/// case), in `order`, from just after `after`, at most `limit` cases.
struct CaseFilter {
    /// The four filters of earlier versions, in their order (so
    /// `CaseFilter{workflow, state, overdue_at, limit}` still reads the same).
    CaseFilter(std::optional<std::string> workflow_ = std::nullopt, std::optional<std::string> state_ = std::nullopt,
               std::optional<TimePoint> overdue_at_ = std::nullopt, std::size_t limit_ = 0)
        : workflow(std::move(workflow_)), state(std::move(state_)), overdue_at(overdue_at_), limit(limit_) {}

    std::optional<std::string> workflow;
    std::optional<std::string> state;
    /// Only cases whose due_at is before this instant (most overdue first
    /// unless `order` says otherwise).
    std::optional<TimePoint> overdue_at;
    std::size_t limit = 0;  ///< 0: no limit
    /// CaseSummary::unit equals this.
    std::optional<std::string> unit;
    /// CaseSummary::subject equals this (the official's NIP, or the post).
    std::optional<std::string> subject;
    /// CaseSummary::origin equals this: the cases opened from that case.
    std::optional<std::string> origin;
    /// CaseSummary::jobfit_batch equals this: the cases opened from that batch.
    std::optional<std::string> jobfit_batch;
    /// Search (`GET /api/cases?q=`, `alur list --q`): cases whose id,
    /// CaseSummary::subject (the NIP, or the vacant post) or one of the string
    /// fields of their data named in case_search_fields (the official's name
    /// and post, the vacant post) holds this text. ASCII letters match either
    /// case; expected as search_text (case_list.hpp) gives it: trimmed, not
    /// empty, ASCII letters in lower case.
    std::optional<std::string> text;
    /// Only cases in one of these (workflow, state) pairs: the states in
    /// which a role has an event ("my tasks", alur::task_states). Set and
    /// empty: no case.
    std::optional<std::vector<std::pair<std::string, std::string>>> in_states;
    /// Cases with a deadline inside the range (a case without one never matches).
    TimeRange due;
    TimeRange opened;
    TimeRange updated;
    /// Unset: id order, or due order with overdue_at (the old behaviour).
    std::optional<CaseOrder> order;
    /// The order reversed (newest, latest deadline, highest id first; in due
    /// order the cases without a deadline come first).
    bool descending = false;
    /// Keyset paging: only the cases strictly after this position in the
    /// order (the position of the last case of the previous page). Cases
    /// committed meanwhile take their own place: a page never repeats a case
    /// whose key did not change, and never skips one.
    std::optional<CasePosition> after;

    /// The order in effect (`order`, else as documented there).
    CaseOrder effective_order() const { return order ? *order : overdue_at ? CaseOrder::due : CaseOrder::id; }
    /// Whether `c` passes every filter (not the position or the limit).
    bool matches(const CaseRecord& c) const;
    /// Whether `a` comes before `b` in the effective order (with `descending`).
    bool before(const CasePosition& a, const CasePosition& b) const;
};

/// The fields of a case's data CaseFilter::text looks in, as paths of
/// object keys ("official.name": the "name" of the "official" object).
inline constexpr std::array<const char*, 3> case_search_fields{"official.name", "official.post", "post"};

/// Whether `c` holds `needle` (CaseFilter::text) in its id, subject or a
/// case_search_fields string.
bool search_matches(const CaseRecord& c, std::string_view needle);

// --- Pieces every Journal implementation shares ----------------------------

/// The id of a new case: `<prefix>-<serial, 6 digits>` (MUT-000001).
std::string case_id_for(std::string_view prefix, std::int64_t serial);

/// The record a commit appends to case `case_id`: numbered after the journal's
/// head (`head_global_seq` and `head_hash`: 0 and genesis_hash when empty) and
/// hashed onto it.
EventRecord chain_event(const CommitRequest& request, std::string case_id, std::int64_t head_global_seq,
                        std::string head_hash);

/// The projection a commit stores with `event`, for a case opened at `opened_at`.
CaseRecord project(const CommitRequest& request, const EventRecord& event, TimePoint opened_at);

/// The errc::conflict for a stored version other than the expected one.
Error version_conflict(std::string_view case_id, std::int64_t stored, std::int64_t expected);

/// The errc::conflict of unit `unit` of a group whose `after` unit failed.
Error not_written_after(std::size_t unit, std::size_t after);

/// The timers a commit stores for case `case_id` (request.timers, or none):
/// each with case_id set and id 0, for the journal to number in this order.
std::vector<Timer> timer_rows(const CommitRequest& request, const std::string& case_id);

/// The outbox rows a commit appends with `event`: case_id and event_global_seq
/// from the event, created_at = next_attempt_at = event.recorded_at, attempts
/// 0, undelivered, no error; id 0, for the journal to number in this order.
std::vector<Notice> outbox_rows(const CommitRequest& request, const EventRecord& event);

class Journal {
public:
    virtual ~Journal() = default;

    /// Appends the event and writes the projection in one transaction.
    virtual Result<Committed> commit(const CommitRequest& request) = 0;

    /// Group commit: several requests (for different cases) in one
    /// transaction where the store supports it. Each request is all-or-nothing
    /// on its own: a refused one (conflict, ...) writes nothing and gets its
    /// error in its place of the result, and the accepted ones become durable
    /// together, with one sync. Default: one commit() each.
    virtual std::vector<Result<Committed>> commit_group(const std::vector<CommitRequest>& requests) {
        std::vector<Result<Committed>> out;
        out.reserve(requests.size());
        for (const auto& r : requests) out.push_back(commit(r));
        return out;
    }

    /// Group commit of units (Engine's committer): every unit in ONE
    /// transaction with one sync, each unit in a savepoint so that a refused
    /// one (conflict, not found, ...) writes nothing and affects no other; a
    /// unit whose `after` failed fails with errc::conflict. If the
    /// transaction itself fails, every unit gets that error and nothing is
    /// written. The results are in unit order, each the unit's requests'
    /// results in request order. Default: commit() or commit_all() per unit.
    virtual std::vector<Result<std::vector<Committed>>> commit_units(const std::vector<CommitUnit>& units);

    /// Linked commit: the requests (an event and the cases it opens) in one
    /// transaction, all or nothing: if any is refused, nothing is written and
    /// its error is returned. The results are in request order.
    virtual Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& requests) = 0;

    /// not_found if there is no such case.
    virtual Result<CaseRecord> find_case(std::string_view case_id) = 0;

    /// The case's events in sequence order; empty if there is no such case.
    virtual Result<std::vector<EventRecord>> case_events(std::string_view case_id) = 0;

    /// The cases `filter` selects, in its order, from its position, at most
    /// its limit (CaseFilter). Without order, filters past the first four and
    /// position: in id order (with overdue_at: in due_at order, earliest first).
    /// A page costs the same however many cases the store holds where the
    /// store has an index for it (the SQLite journal: see its header).
    virtual Result<std::vector<CaseRecord>> list_cases(const CaseFilter& filter) = 0;

    /// How many cases `filter` selects, whatever its position (`after`),
    /// order and limit: the "total" of a list. Default: list_cases without
    /// them, counted.
    virtual Result<std::int64_t> count_cases(const CaseFilter& filter);

    virtual Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view key) = 0;

    /// Up to `limit` events (0: all) with global_seq > `after`, in global order.
    virtual Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) = 0;

    /// Until the returned handle is released, every read the calling thread
    /// makes sees one snapshot of the journal: no commit made meanwhile (by
    /// this process's committer or another process) shows in between, so a
    /// verify of a live journal compares projections, events, timers and
    /// notices of the same moment. Writers are not blocked. nullptr: the store
    /// has no such snapshot (the default; each read is consistent on its own).
    /// Released on the thread that took it.
    virtual std::shared_ptr<void> read_snapshot() { return nullptr; }

    /// Up to `limit` idempotency records (0: all) with key > `after`, in key
    /// order (for audit::verify: one bulk read instead of one per case).
    virtual Result<std::vector<IdempotencyRecord>> read_idempotency(std::string_view after, std::size_t limit) = 0;

    // --- Timers --------------------------------------------------------------

    /// The case's pending timers in fire_at order.
    virtual Result<std::vector<Timer>> case_timers(std::string_view case_id) = 0;
    /// The pending timer that fires first, of all cases (nullopt if none).
    virtual Result<std::optional<Timer>> next_timer() = 0;
    /// Up to `limit` (0: all) pending timers with fire_at <= `now`, in fire_at
    /// order (ties by id).
    virtual Result<std::vector<Timer>> due_timers(TimePoint now, std::size_t limit) = 0;
    /// How many timers are pending.
    virtual Result<std::int64_t> timer_count() = 0;
    /// Timer rows that could not be read (a malformed time or kind), which
    /// next_timer and due_timers skip instead of failing, each with what is
    /// wrong ("timer 7 of case MUT-000001 has a malformed fire_at 'x'").
    /// Default: none (a store that cannot hold such rows).
    virtual std::vector<std::string> unreadable_timers() { return {}; }

    // --- Outbox --------------------------------------------------------------

    /// Up to `limit` (0: all) undelivered notices with next_attempt_at <= `now`, by id.
    virtual Result<std::vector<Notice>> pending_notices(TimePoint now, std::size_t limit) = 0;
    /// Records a delivery (attempts + 1, delivered_at).
    virtual Result<void> notice_delivered(std::int64_t id, TimePoint at) = 0;
    /// Records a failed attempt (attempts + 1, last_error) and when to try again.
    virtual Result<void> notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) = 0;
    /// Every notice of a case, by id (for show and tests).
    virtual Result<std::vector<Notice>> case_notices(std::string_view case_id) = 0;
    /// Up to `limit` notices (0: all) with id > `after`, delivered or not, by
    /// id (for audit::verify).
    virtual Result<std::vector<Notice>> read_notices(std::int64_t after, std::size_t limit) = 0;

    /// A number that changes whenever another connection or process commits
    /// (SQLite's PRAGMA data_version); cheap enough to poll every second.
    virtual Result<std::uint64_t> change_counter() = 0;
};

}  // namespace alur
