// api_setup.hpp — the API as `alur serve` wires it, on a fresh in-memory
// journal with a manual clock: the three workflows (fuzz_workflows.hpp), the
// job fit batches JF-2025-001/-002, and three tokens — "admin-secret"
// (sari, admin), "ppk-secret" (bupati, ppk), "auditor-secret" (inspektorat,
// auditor). Used by fuzz_http.cpp and by the Catch2 tests of what it found
// (tests/adapters/api_fuzz_findings_test.cpp).
#pragma once

#include "fuzz_workflows.hpp"

#include "alur/engine/engine.hpp"
#include "alur/engine/memory_journal.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"

#include <memory>
#include <tuple>

namespace alur::fuzz {

struct ApiSetup {
    std::shared_ptr<MemoryJournal> journal = std::make_shared<MemoryJournal>();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_datetime("2026-01-01T00:00", TimeZone{}).value());
    std::unique_ptr<Engine> engine;
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;

    ApiSetup() {
        static const auto all = workflows();
        EngineOptions options;
        options.journal = journal;
        options.clock = clock;
        options.reference_exists = batch_exists;
        engine = std::make_unique<Engine>(options);
        for (const auto& w : all) engine->add_workflow(w);
        for (auto [name, role, secret] : {std::tuple{"sari", "admin", "admin-secret"},
                                          std::tuple{"bupati", "ppk", "ppk-secret"},
                                          std::tuple{"inspektorat", "auditor", "auditor-secret"}})
        {
            Token t;
            t.name = name;
            t.role = role;
            t.created_at = clock->now();
            t.granted_by = "fuzz";
            tokens.add(t, sha256_hex(secret)).value();
        }
        http::ApiOptions o;
        o.engine = engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        api = std::make_unique<http::Api>(std::move(o));
    }
};

}  // namespace alur::fuzz
