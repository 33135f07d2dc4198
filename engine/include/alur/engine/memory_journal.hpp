// alur/engine/memory_journal.hpp — a Journal held in memory, for tests and tools.
//
// Same contract as every Journal (the conformance tests run on it and on the
// SQLite journal); nothing survives the process. change_counter() counts this
// journal's own commits and notice updates (there is no other writer).
// Thread-safe (one mutex).
#pragma once

#include "alur/engine/journal.hpp"

#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace alur {

class MemoryJournal final : public Journal {
public:
    Result<Committed> commit(const CommitRequest& request) override;
    Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& requests) override;
    std::vector<Result<std::vector<Committed>>> commit_units(const std::vector<CommitUnit>& units) override;
    Result<CaseRecord> find_case(std::string_view case_id) override;
    Result<std::vector<EventRecord>> case_events(std::string_view case_id) override;
    Result<std::vector<CaseRecord>> list_cases(const CaseFilter& filter) override;
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view key) override;
    Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) override;
    Result<std::vector<IdempotencyRecord>> read_idempotency(std::string_view after, std::size_t limit) override;

    Result<std::vector<Timer>> case_timers(std::string_view case_id) override;
    Result<std::optional<Timer>> next_timer() override;
    Result<std::vector<Timer>> due_timers(TimePoint now, std::size_t limit) override;
    Result<std::int64_t> timer_count() override;

    Result<std::vector<Notice>> pending_notices(TimePoint now, std::size_t limit) override;
    Result<void> notice_delivered(std::int64_t id, TimePoint at) override;
    Result<void> notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) override;
    Result<std::vector<Notice>> case_notices(std::string_view case_id) override;
    Result<std::vector<Notice>> read_notices(std::int64_t after, std::size_t limit) override;

    Result<std::uint64_t> change_counter() override;

private:
    Result<void> check_locked(const CommitRequest& request) const;
    Result<Committed> commit_locked(const CommitRequest& request);
    Result<std::vector<Committed>> commit_all_locked(const std::vector<CommitRequest>& requests);
    using TimerKey = std::pair<TimePoint, std::int64_t>;  ///< (fire_at, id): the firing order

    void replace_timers(const std::string& case_id, std::vector<Timer> timers);
    Notice* find_notice(std::int64_t id);

    std::mutex mutex_;
    std::vector<EventRecord> events_;
    std::map<std::string, CaseRecord, std::less<>> cases_;
    std::map<std::string, IdempotencyRecord, std::less<>> keys_;
    std::map<std::string, std::int64_t, std::less<>> serials_;
    std::map<TimerKey, Timer> timers_;
    std::map<std::string, std::set<TimerKey>, std::less<>> case_timers_;
    std::int64_t last_timer_id_ = 0;
    std::vector<Notice> outbox_;  ///< notice id n at index n - 1
    std::uint64_t changes_ = 0;
};

}  // namespace alur
