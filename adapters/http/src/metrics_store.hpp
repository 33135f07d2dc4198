// The part of GET /metrics read from the journal's file at scrape time
// (alur/sqlite/stats.hpp) and the build's identity, in Prometheus' text format.
#pragma once

#include <string>
#include <string_view>

namespace alur::sqlite {
struct StoreStats;
}

namespace alur::http::detail {

/// `v` as a label value: backslash, double quote and newline escaped.
std::string prometheus_label(std::string_view v);

/// alur_cases, alur_cases_overdue, alur_timers_due_pending, alur_timers_not_due,
/// alur_outbox_pending, alur_outbox_failing, alur_outbox_oldest_age_seconds,
/// alur_journal_events_total, alur_journal_bytes, alur_schema_version.
std::string store_metrics_text(const sqlite::StoreStats& stats);

/// alur_build_info{version="0.1.0",commit="abc123"} 1.
std::string build_info_text();

/// The version (CMake's PROJECT_VERSION) and git commit this binary was configured from.
const char* build_version();
const char* build_commit();

}  // namespace alur::http::detail
