// alur/engine/memory_journal.hpp — a Journal held in memory, for tests and tools.
//
// Same contract as every Journal (the conformance tests run on it and on the
// SQLite journal); nothing survives the process. Thread-safe (one mutex).
#pragma once

#include "alur/engine/journal.hpp"

#include <map>
#include <mutex>

namespace alur {

class MemoryJournal final : public Journal {
public:
    Result<Committed> commit(const CommitRequest& request) override;
    Result<CaseRecord> find_case(std::string_view case_id) override;
    Result<std::vector<EventRecord>> case_events(std::string_view case_id) override;
    Result<std::vector<CaseRecord>> list_cases(const CaseFilter& filter) override;
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view key) override;
    Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) override;

private:
    std::mutex mutex_;
    std::vector<EventRecord> events_;
    std::map<std::string, CaseRecord, std::less<>> cases_;
    std::map<std::string, IdempotencyRecord, std::less<>> keys_;
    std::map<std::string, std::int64_t, std::less<>> serials_;
};

}  // namespace alur
