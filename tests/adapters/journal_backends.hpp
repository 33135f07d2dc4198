// The backends the Journal conformance tests run on, and the requests they
// commit: journal_conformance_test (events, cases, keys), journal_timers_test
// (timers, overdue cases) and journal_outbox_test (notices, change counter).
#pragma once

#include "alur/engine/memory_journal.hpp"
#include "alur/sqlite/journal.hpp"

#include "test_support.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace alur::test {

struct MemoryBackend {
    std::shared_ptr<alur::Journal> journal = std::make_shared<alur::MemoryJournal>();
};

struct SqliteBackend {
    alur::test::TempDir dir;
    std::shared_ptr<alur::Journal> journal = alur::sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
};

inline const alur::TimePoint t0 =
    alur::TimePoint{std::chrono::sys_days{std::chrono::year{2024} / std::chrono::May / 2}} + std::chrono::hours{2} +
    std::chrono::minutes{30};

/// A request that opens (case_id empty) or advances a case, on day
/// `expected_version` after t0 (recorded 5 minutes later).
inline alur::CommitRequest request(std::string case_id, std::int64_t expected_version, std::string event,
                                   std::string state, std::string workflow = "mutation", std::string prefix = "MUT") {
    using std::chrono::days;
    alur::CommitRequest r;
    r.case_id = std::move(case_id);
    r.case_prefix = std::move(prefix);
    r.expected_version = expected_version;
    r.event.name = std::move(event);
    r.event.payload = R"({"n":)" + std::to_string(expected_version + 1) + "}";
    r.event.actor = "budi";
    r.event.role = "bkd_admin";
    r.event.reason = "step " + std::to_string(expected_version + 1);
    r.event.occurred_at = t0 + days(expected_version);
    r.event.recorded_at = t0 + days(expected_version) + std::chrono::minutes{5};
    r.projection.workflow = std::move(workflow);
    r.projection.state = std::move(state);
    r.projection.data = R"({"version":)" + std::to_string(expected_version + 1) + "}";
    return r;
}

/// The ids of `cases`, in order.
inline std::vector<std::string> case_ids(const std::vector<alur::CaseRecord>& cases) {
    std::vector<std::string> out;
    for (const auto& c : cases) out.push_back(c.id);
    return out;
}

inline alur::IdempotencyRecord key(std::string k, std::string fingerprint = "fp") {
    alur::IdempotencyRecord rec;
    rec.key = std::move(k);
    rec.fingerprint = std::move(fingerprint);
    return rec;
}

}  // namespace alur::test
