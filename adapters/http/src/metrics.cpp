#include "alur/http/metrics.hpp"

#include "metrics_store.hpp"

#include <algorithm>
#include <cstdio>

namespace alur::http {
namespace {

std::string label(std::string_view v) { return detail::prometheus_label(v); }

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

/// One unlabelled counter or gauge with its HELP and TYPE lines.
void scalar(std::string& out, std::string_view name, std::string_view type, std::string_view help, std::uint64_t v) {
    const std::string n(name);
    out += "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " " + std::string(type) + "\n" + n + " " +
           std::to_string(v) + "\n";
}

}  // namespace

void Metrics::Histogram::observe(double v) {
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (v <= bounds[i]) {
            ++counts[i];
            break;
        }
    sum += v;
    ++count;
}

void Metrics::Histogram::render(std::string& out, std::string_view name, std::string_view help) const {
    const std::string n(name);
    out += "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += counts[i];
        out += n + "_bucket{le=\"" + number(bounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += n + "_bucket{le=\"+Inf\"} " + std::to_string(count) + "\n";
    out += n + "_sum " + number(sum) + "\n" + n + "_count " + std::to_string(count) + "\n";
}

void Metrics::transition(std::string_view workflow, std::string_view event) {
    std::lock_guard lock(mutex_);
    ++transitions_[{std::string(workflow), std::string(event)}];
}

void Metrics::refusal(std::string_view code) {
    std::lock_guard lock(mutex_);
    auto it = refusals_.find(code);
    if (it == refusals_.end()) it = refusals_.emplace(std::string(code), 0).first;
    ++it->second;
}

void Metrics::fired(double late_seconds) {
    std::lock_guard lock(mutex_);
    ++fired_;
    lateness_.observe(late_seconds);
}

void Metrics::commit_latency(double seconds) {
    std::lock_guard lock(mutex_);
    commit_.observe(seconds);
}

void Metrics::group_commit(std::size_t commands, std::size_t bytes, double seconds) {
    std::lock_guard lock(mutex_);
    group_commit_.observe(seconds);
    batch_.observe(static_cast<double>(commands));
    commit_bytes_ += bytes;
}

void Metrics::verified(bool ok, std::int64_t unix_seconds, std::int64_t events) {
    std::lock_guard lock(mutex_);
    ++verifies_[ok ? "ok" : "failed"];
    verified_ = true;
    verify_ok_ = ok;
    verify_at_ = unix_seconds;
    verify_events_ = events;
}

void Metrics::http_request(int status) {
    const int cls = status / 100;
    if (cls < 1 || cls > 5) return;
    std::lock_guard lock(mutex_);
    ++http_by_class_[static_cast<std::size_t>(cls - 1)];
}

std::string Metrics::render(std::int64_t timers_pending, std::int64_t outbox_backlog, std::size_t queue_depth) const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP alur_transitions_total Events journaled by this process, by workflow and event.\n"
           "# TYPE alur_transitions_total counter\n";
    for (const auto& [key, n] : transitions_)
        out += "alur_transitions_total{workflow=\"" + label(key.first) + "\",event=\"" + label(key.second) + "\"} " +
               std::to_string(n) + "\n";
    out += "# HELP alur_refusals_total Commands refused, by error code.\n# TYPE alur_refusals_total counter\n";
    for (const auto& [code, n] : refusals_)
        out += "alur_refusals_total{reason=\"" + label(code) + "\"} " + std::to_string(n) + "\n";
    scalar(out, "alur_timers_pending", "gauge", "Pending deadline timers (refreshed at most every 10 s).",
           static_cast<std::uint64_t>(std::max<std::int64_t>(timers_pending, 0)));
    scalar(out, "alur_timers_fired_total", "counter", "Timers fired by this process.", fired_);
    lateness_.render(out, "alur_timer_lateness_seconds", "How late fired timers were, after their fire time.");
    commit_.render(out, "alur_commit_latency_seconds", "API commands, from request to acknowledged commit.");
    group_commit_.render(out, "alur_group_commit_seconds",
                         "Group commits of the engine: the journal's transaction with its sync.");
    batch_.render(out, "alur_group_commit_commands", "Commands per group commit (batch size).");
    scalar(out, "alur_group_commit_bytes_total", "counter", "Event payload bytes committed by group commits.",
           commit_bytes_);
    scalar(out, "alur_command_queue_depth", "gauge", "Commands decided and waiting for the committer.", queue_depth);
    scalar(out, "alur_http_connections", "gauge", "Open HTTP connections.",
           static_cast<std::uint64_t>(std::max<std::int64_t>(connections_.load(), 0)));
    scalar(out, "alur_http_connections_refused_total", "counter",
           "Connections answered 503 busy or closed: over max_connections or max_connections_per_peer.",
           refused_.load());
    scalar(out, "alur_http_accept_backoffs_total", "counter",
           "Times the acceptor waited before accepting again, out of file descriptors or memory.", backoffs_.load());
    scalar(out, "alur_outbox_backlog", "gauge", "Undelivered notices due now (refreshed at most every 10 s).",
           static_cast<std::uint64_t>(std::max<std::int64_t>(outbox_backlog, 0)));
    out += "# HELP alur_http_requests_total HTTP requests answered by the API, by status class.\n"
           "# TYPE alur_http_requests_total counter\n";
    for (std::size_t i = 0; i < http_by_class_.size(); ++i)
        out += "alur_http_requests_total{code=\"" + std::to_string(i + 1) + "xx\"} " +
               std::to_string(http_by_class_[i]) + "\n";
    out += "# HELP alur_verify_runs_total Verifies of the journal run by this server (GET /api/audit/verify), by result.\n"
           "# TYPE alur_verify_runs_total counter\n";
    for (const char* result : {"ok", "failed"}) {
        const auto it = verifies_.find(result);
        out += std::string("alur_verify_runs_total{result=\"") + result + "\"} " +
               std::to_string(it == verifies_.end() ? 0 : it->second) + "\n";
    }
    if (verified_) {
        scalar(out, "alur_verify_last_ok", "gauge", "1 if the last verify found the journal intact, else 0.",
               verify_ok_ ? 1 : 0);
        scalar(out, "alur_verify_last_timestamp_seconds", "gauge", "When the last verify ended (Unix time).",
               static_cast<std::uint64_t>(std::max<std::int64_t>(verify_at_, 0)));
        scalar(out, "alur_verify_last_events", "gauge", "Events the last verify checked.",
               static_cast<std::uint64_t>(std::max<std::int64_t>(verify_events_, 0)));
    }
    return out;
}

}  // namespace alur::http
