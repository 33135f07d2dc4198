// metrics_store.cpp — the journal's gauges and the build info of GET /metrics.
#include "metrics_store.hpp"

#include "alur/sqlite/stats.hpp"
#include "build_info.hpp"

#include <cstdio>
#include <set>

namespace alur::http::detail {

std::string prometheus_label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

namespace {

std::string label(std::string_view v) { return prometheus_label(v); }

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

void head(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ").append(name).append(" ")
        .append(type).append("\n");
}

}  // namespace

const char* build_version() { return alur::build::version; }
const char* build_commit() { return alur::build::commit; }

std::string build_info_text() {
    std::string out;
    head(out, "alur_build_info", "gauge", "The version and git commit of this build (always 1).");
    out += "alur_build_info{version=\"" + label(build_version()) + "\",commit=\"" + label(build_commit()) + "\"} 1\n";
    return out;
}

std::string store_metrics_text(const sqlite::StoreStats& s) {
    std::string out;
    head(out, "alur_cases", "gauge", "Cases in the journal, by workflow and current state (every process's writes).");
    std::set<std::string> workflows;
    for (const auto& [key, n] : s.cases) {
        workflows.insert(key.first);
        out += "alur_cases{workflow=\"" + label(key.first) + "\",state=\"" + label(key.second) + "\"} " +
               std::to_string(n) + "\n";
    }
    head(out, "alur_cases_overdue", "gauge", "Cases past the deadline of their current state, by workflow.");
    for (const auto& w : workflows) {
        const auto it = s.overdue.find(w);
        out += "alur_cases_overdue{workflow=\"" + label(w) + "\"} " +
               std::to_string(it == s.overdue.end() ? 0 : it->second) + "\n";
    }
    head(out, "alur_timers_due_pending", "gauge",
         "Pending timers whose fire time passed at least min_late_seconds ago (not fired yet).");
    for (const auto& [bound, n] : s.timers_late)
        out += "alur_timers_due_pending{min_late_seconds=\"" + std::to_string(bound) + "\"} " + std::to_string(n) + "\n";
    head(out, "alur_timers_not_due", "gauge", "Pending timers whose fire time is still ahead.");
    out += "alur_timers_not_due " + std::to_string(s.timers_not_due) + "\n";
    head(out, "alur_outbox_pending", "gauge", "Undelivered notices, by channel (due now or backing off).");
    for (const auto& [channel, b] : s.outbox)
        out += "alur_outbox_pending{channel=\"" + label(channel) + "\"} " + std::to_string(b.notices) + "\n";
    head(out, "alur_outbox_failing", "gauge", "Undelivered notices with at least one failed attempt, by channel.");
    for (const auto& [channel, b] : s.outbox)
        out += "alur_outbox_failing{channel=\"" + label(channel) + "\"} " + std::to_string(b.failing) + "\n";
    head(out, "alur_outbox_oldest_age_seconds", "gauge", "Age of the oldest undelivered notice, by channel.");
    for (const auto& [channel, b] : s.outbox)
        out += "alur_outbox_oldest_age_seconds{channel=\"" + label(channel) + "\"} " + number(b.oldest_age_seconds) +
               "\n";
    head(out, "alur_journal_events_total", "counter",
         "Events in the journal (its highest global sequence), written by any process.");
    out += "alur_journal_events_total " + std::to_string(s.events) + "\n";
    head(out, "alur_journal_bytes", "gauge", "Size of the journal's database file and of its write-ahead log.");
    out += "alur_journal_bytes{file=\"database\"} " + std::to_string(s.database_bytes) + "\n";
    out += "alur_journal_bytes{file=\"wal\"} " + std::to_string(s.wal_bytes) + "\n";
    head(out, "alur_schema_version", "gauge", "The schema version stored in the journal's file.");
    out += "alur_schema_version " + std::to_string(s.schema_version) + "\n";
    return out;
}

}  // namespace alur::http::detail
