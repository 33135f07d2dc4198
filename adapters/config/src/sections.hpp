// sections.hpp — one reader per top-level table of the configuration file.
//
// Each reads its table (absent: the defaults already in `config` stay),
// refusing unknown keys, wrong types and impossible values through `r`.
// Private to alur_config.
#pragma once

#include "alur/config/config.hpp"
#include "toml_reader.hpp"

namespace alur::config::detail {

/// [agency] name, timezone (also sets mutation.timezone and deadline_clock.timezone), due_time.
Result<void> read_agency(const Reader& r, const toml::table& root, Config& config);
/// [oversight] switch_date.
Result<void> read_oversight(const Reader& r, const toml::table& root, Config& config);
/// [[election_windows]] label, determination + until | head_inaugurated.
Result<void> read_election_windows(const Reader& r, const toml::table& root, Config& config);
/// [scoring] default_profile, [scoring.profiles.<name>] weights, keep_at, rotate_at.
Result<void> read_scoring(const Reader& r, const toml::table& root, Config& config);
/// [calendar] weekend, holiday_files, shipped_holidays -> deadline_clock.calendar.
Result<void> read_calendar(const Reader& r, const toml::table& root, Config& config);
/// [deadlines.<workflow>.<state>] working_days, remind_before, escalate_every, calendar_months.
Result<void> read_deadlines(const Reader& r, const toml::table& root, Config& config);
/// [notify] channels, [notify.file] path, [notify.webhook] url, timeout_ms, ca_file, secret,
/// secret_file, secret_env, [notify.recipients].
/// [journal] max_future_skew.
Result<void> read_journal(const Reader& r, const toml::table& root, Config& config);
Result<void> read_notify(const Reader& r, const toml::table& root, Config& config);

/// [server] threads, max_connections, max_connections_per_peer, the session and sign-in keys (server.cpp).
Result<void> read_server(const Reader& r, const toml::table& root, Config& config);

/// [log] format, level (log.cpp).
Result<void> read_log(const Reader& r, const toml::table& root, Config& config);
/// [http] tls_cert, tls_key, tls_min_version (http.cpp).
Result<void> read_http(const Reader& r, const toml::table& root, Config& config);

/// [cli] require_token (cli.cpp).
Result<void> read_cli(const Reader& r, const toml::table& root, Config& config);

/// [job_fit] profile, min_months_in_post, retirement_age, retirement_margin_months (after [scoring]).
Result<void> read_job_fit(const Reader& r, const toml::table& root, Config& config);
/// [open_selection] profile (after [scoring]).
Result<void> read_open_selection(const Reader& r, const toml::table& root, Config& config);
/// [development] profile (after [scoring]).
Result<void> read_development(const Reader& r, const toml::table& root, Config& config);
/// [performance_review] met_percent, min_months_in_post, improvement_months and
/// [performance_review.ratings.<rating>] tpp_cut_percent, tpp_cut_months, coaching, move_proposal.
Result<void> read_performance_review(const Reader& r, const toml::table& root, Config& config);
/// Copies what every workflow shares (oversight switch, election windows,
/// scoring profiles, time zone) from Config::mutation to the other workflows.
void share_settings(Config& config);

}  // namespace alur::config::detail
