// alur/i18n/messages.hpp — what the CLI itself says, in Indonesian (default) or English.
//
// Headings, labels, help texts and the CLI's own error messages come from one
// table (messages.cpp), with the terms of the glossary in DESIGN.md. Texts the
// engine or a workflow produce (refusals citing a rule) stay as they are and
// are printed after a translated prefix. The language is chosen once, at the
// start of main, before anything is printed; not meant to change afterwards.
#pragma once

#include "alur/engine/result.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace alur::cli {

enum class Lang { id, en };

/// "id" or "en"; false for anything else.
bool parse_lang(std::string_view text, Lang& out);
void set_language(Lang lang);
Lang language();

enum class M {
    // help texts
    app_description, app_footer, opt_db, opt_config, opt_lang, opt_help,
    cmd_init, cmd_open, cmd_open_workflow, cmd_advance, cmd_show, cmd_history, cmd_list, cmd_events,
    cmd_diagram, arg_case, arg_event, arg_fields, arg_workflow, opt_data, opt_actor, opt_actor_default,
    opt_role, opt_reason, opt_reason_default, opt_at, opt_key, opt_expect_version, opt_json, opt_show_role,
    opt_filter_workflow, opt_filter_state, opt_format, cmd_serve, cmd_run_due, opt_now_run, opt_now_read,
    opt_overdue,
    // output
    db_created, db_ready, lbl_case, lbl_workflow, lbl_state, lbl_version, lbl_opened, lbl_updated,
    lbl_data, lbl_allowed, lbl_allowed_role, lbl_none, lbl_final, lbl_events_count, lbl_actor, lbl_reason,
    lbl_recorded, lbl_payload, col_id, col_workflow, col_state, col_version, col_updated, col_name,
    no_cases, lbl_open_event, lbl_roles, lbl_required, lbl_optional, lbl_derived, lbl_stays, lbl_state_heading,
    note_replayed, lbl_due, due_late, due_late_today, due_left, due_today, lbl_timers, timer_reminder,
    timer_escalation, lbl_notices, notices_summary, notices_failing, col_due, col_late, no_overdue, kind_reminder, kind_escalation,
    serve_ready, serve_ready_none, serve_stopped, fired_line, run_due_summary, run_due_retry,
    // errors
    err_invalid_input, err_refused, err_forbidden, err_not_found, err_conflict, err_corrupt, err_busy,
    err_io, err_usage, err_see_help, err_pair, err_pair_key, err_pair_twice, err_data, err_datetime,
    err_lang, err_unknown_workflow, err_unknown_state, err_unknown_event, err_internal, err_field,
    err_config_workflow, err_config_state, err_config_final, err_serve_signal,
    nip_length, nip_digits, nip_birth_date, nip_birth_year, nip_appointment_month, nip_appointment_year,
    nip_appointment_future, nip_sex,
    // audit (audit_commands.cpp, export_commands.cpp, event_rows.cpp)
    cmd_audit, cmd_audit_replay, cmd_audit_verify, cmd_audit_checkpoint, cmd_export, opt_history_format,
    opt_export_format, opt_since, opt_out, opt_as_of, opt_verify_case, opt_checkpoint, history_corrected_by,
    export_done, replay_heading, replay_as_of, replay_not_yet, col_event, col_transition, col_actor, col_role,
    col_occurred, col_reason, lbl_replay_state, lbl_due_then, lbl_verify_chain, lbl_verify_replay,
    lbl_verify_rate, verify_chain, verify_replay, verify_rate, verify_ok, verify_ok_checkpoint, verify_problem,
    verify_problem_row, verify_drift, err_export_write,
    // tokens and the HTTP API (token_commands.cpp, timer_commands.cpp)
    cmd_token, cmd_token_add, cmd_token_list, cmd_token_revoke, arg_token_name, opt_token_role, token_created,
    token_once, token_revoked, no_tokens, col_token_name, col_created, col_revoked, opt_listen, serve_listening,
    err_listen, opt_threads,
    // roster (roster_commands.cpp)
    cmd_roster, cmd_roster_import, arg_roster_file, opt_dry_run, cmd_roster_list, opt_roster_unit, opt_roster_format,
    roster_checking, roster_writing, roster_comparing, roster_no_file, roster_read_failed, roster_not_regular,
    roster_too_large, roster_stdin, file_directory, file_fifo, file_character_device, file_block_device, file_socket,
    file_other, roster_rejected,
    roster_at_line, roster_at_field, roster_no_header, roster_no_rows, roster_not_utf8, roster_unclosed_quote,
    roster_stray_quote,
    roster_missing_column, roster_unknown_column, roster_duplicate_column, roster_field_count, roster_empty_value,
    roster_nip_as_number, roster_bad_date, roster_birth_mismatch, roster_bad_grade, roster_bad_text, roster_too_young, roster_future,
    roster_duplicate_nip, roster_added, roster_summary, roster_dry_summary, roster_dry_nothing, roster_none,
    roster_count, col_roster_nip, col_roster_grade, col_roster_post, col_roster_unit, col_roster_inaugurated,
    col_roster_birth,
    // job fit (jobfit_commands.cpp)
    cmd_jobfit, cmd_jobfit_start, cmd_jobfit_report, opt_jobfit_as_of, opt_jobfit_unit, opt_jobfit_profile,
    opt_jobfit_reason, opt_jobfit_dry_run, opt_jobfit_format, arg_batch, err_jobfit_as_of, err_jobfit_profile,
    err_jobfit_nobody, err_jobfit_open, jobfit_whole_agency, jobfit_dry_run_id, jobfit_reason_default,
    jobfit_opened, jobfit_would_open, jobfit_excluded, jobfit_report_heading, col_outcome, col_linked,
    col_excluded, follow_up_opened,
    // open selection (selection_commands.cpp)
    cmd_selection, cmd_selection_applicants, opt_selection_format, err_not_selection, selection_heading,
    selection_none, col_current_post, col_status, col_reasons, col_total, col_ranking, status_registered,
    status_withdrawn, status_eligible, status_failed, status_shortlisted, status_chosen,
    // accountability (identity.cpp, refusal_commands.cpp, audit_commands.cpp)
    opt_token, err_token_required, err_token_who, err_token_unknown, err_token_admin, lbl_recorded_by,
    lbl_last_event, col_recorded_by, col_granted_by, cmd_audit_refusals, opt_refusals_case, opt_refusals_since,
    refusals_none, refusals_heading, col_when, col_case, col_code, col_refusal, lbl_verify_refusals,
    verify_refusals, lbl_verify_grants, verify_grants, verify_refusals_bad, verify_grants_bad, err_actor_required,
    // advance --batch
    opt_batch, err_batch_with_args, err_advance_needs, err_reason_required, batch_line_not_object,
    batch_line_field, batch_line_unknown_field, batch_line_ok, batch_line_failed, batch_failed, batch_empty,
    batch_line_actor, cmd_checkpoint, checkpoint_done,
    // the case list's filters and pages (read_commands.cpp)
    opt_list_unit, opt_list_subject, opt_list_sort, opt_list_limit, opt_list_cursor, opt_list_from, opt_list_before,
    word_due, word_opened, word_updated, list_next, err_list_sort,
    // alur rules (rules_commands.cpp)
    cmd_rules, opt_rules_at, err_rules_at, rules_heading, col_rule, col_basis, col_period, col_verified, word_policy,
    word_yes, word_no, rules_footer, nip_serial,
    // acting officials, Plt (acting_commands.cpp)
    cmd_acting, cmd_acting_list, opt_acting_at, err_acting_at, acting_none, acting_heading, col_acting_post,
    col_acting_from, col_acting_until, col_acting_letter, col_acting_vacated, lbl_acting, acting_serving,
    acting_upcoming, acting_ended_early, acting_finished,
    // selection start (selection_commands.cpp)
    cmd_selection_start, opt_selection_posts, opt_selection_unit, opt_selection_grade, opt_selection_profile,
    opt_selection_sk, opt_selection_chair, opt_selection_members, opt_selection_member_count, err_selection_post_line,
    err_selection_post_twice, err_selection_no_posts, err_selection_check, err_selection_open,
    selection_reason_default, selection_started,
    // the holiday calendar (calendar_commands.cpp; the gap notes also in show)
    cmd_calendar, opt_calendar_year, opt_calendar_from, opt_calendar_working_days, err_calendar_year,
    err_calendar_from, err_calendar_working_days, err_calendar_needs_from, err_calendar_year_and_from,
    calendar_heading, calendar_year_confirmed, calendar_year_provisional, calendar_year_missing, calendar_no_days,
    col_date, col_weekday, col_kind, col_holiday, col_note, kind_libur_nasional, kind_cuti_bersama, kind_weekend,
    word_provisional, weekday_names, calendar_due, calendar_skipped, calendar_nothing_skipped, gap_provisional,
    gap_missing, lbl_calendar,
    // linked cases (case_commands.cpp)
    follow_up_linked,
    // performance reviews (review_commands.cpp)
    cmd_review, cmd_review_start, cmd_review_report, opt_review_year, opt_review_unit, opt_review_grade,
    err_review_year, err_review_grade, err_review_nobody, err_review_open, review_reason_default, review_opened,
    review_report_heading, col_achievement, col_rating, col_consequence, col_linked_cases,
    // selection start --from-jobfit (selection_commands.cpp)
    opt_selection_from_jobfit, err_selection_posts_or_batch, err_selection_no_vacancy, selection_already_open,
    selection_vacancy_develop, selection_vacancy_plt,
    // links between cases (links_commands.cpp; also in show and jobfit report)
    cmd_cases, cmd_cases_linked, lbl_linked, lbl_came_from, lbl_opened_cases, lbl_jobfit_batch, lbl_missing_origin,
    jobfit_report_selections, opt_list_origin,
    // review start (review_commands.cpp)
    review_left_out,
    // export --format xlsx (export_commands.cpp)
    err_export_xlsx_out,
    // list --q (read_commands.cpp)
    opt_list_q,
    // users who sign in (user_commands.cpp; audit verify)
    cmd_user, cmd_user_add, cmd_user_list, cmd_user_passwd, cmd_user_disable, arg_user_name, opt_user_unit,
    user_password_prompt, user_password_again, user_password_mismatch, user_password_missing, user_password_rule,
    user_exists, user_unknown, user_added, user_password_changed, user_disabled, no_users, col_user_unit,
    col_user_disabled, col_user_added_by, lbl_verify_users, verify_users, verify_users_bad,
    // the roster and job fit over HTTP (adapters/http/src/roster_routes.cpp, jobfit_routes.cpp)
    api_roster_rejected, api_jobfit_running, api_jobfit_opened, api_jobfit_interrupted, api_jobfit_as_of,
    api_jobfit_profile,
    // export --headers (export_commands.cpp)
    opt_export_headers,
    // backup, restore; serve's lock and file modes (backup_commands.cpp, timer_commands.cpp)
    cmd_backup, arg_backup_dest, opt_backup_force, cmd_restore, arg_restore_src, backup_no_database,
    backup_is_directory, backup_same_file, backup_exists, backup_newer_schema, backup_verify_failed, backup_done,
    backup_old_schema, restore_no_source, restore_not_file, restore_same_file, restore_verify_failed, restore_done,
    restore_kept, restore_server_running, serve_already_running, serve_mode_warning,
    // serve over TLS (adapters/cli/timer_commands.cpp)
    serve_listening_tls,
};

/// The text of `m` in the current language.
const char* tr(M m);

/// tr(m) with each "{}" replaced by the next argument, in order.
std::string trf(M m, std::initializer_list<std::string_view> args);

/// The text of `m` in `lang`, whatever the current language: for the HTTP
/// API, which answers each request in the language it asks for. Thread-safe.
const char* tr(M m, Lang lang);
/// tr(m, lang) with each "{}" replaced by the next argument, in order. Thread-safe.
std::string trf(M m, Lang lang, std::initializer_list<std::string_view> args);

/// The prefix an error of this code is printed with ("ditolak", "refused", ...).
const char* error_prefix(errc code);

}  // namespace alur::cli
