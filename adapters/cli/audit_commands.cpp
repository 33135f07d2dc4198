// What auditors run: `alur audit replay`, `alur audit verify`,
// `alur audit checkpoint` (and `alur export`, export_commands.cpp).
//
// replay rebuilds a case from its events alone through the workflow's machine
// (Engine::replay_steps, never the stored projection), step by step; with
// --as-of it stops at that business time and shows the deadline the case had
// then. verify checks the whole journal (alur::audit::verify) and exits 6
// naming the first bad row. checkpoint prints the journal's head as the one
// line an auditor keeps outside the system. All read only.
#include "alur/engine/audit.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <chrono>
#include <cmath>
#include <iostream>
#include <optional>

namespace alur::cli {

void add_export_command(CLI::App& app, const Context& ctx, Registry& out);  // export_commands.cpp

namespace {

/// A text for one table cell: line breaks shown as ⏎, so a step stays one line.
std::string one_line(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (text[i] == '\n' || text[i] == '\r') out += "\u23CE";
        else out += text[i];
    }
    return out;
}

// --- replay ----------------------------------------------------------------------

struct ReplayArgs {
    std::string case_id;
    std::string as_of;
    bool json = false;
};

/// --as-of: a date means the end of that local day (the case as it stood at
/// the close of it); a date and time means that instant.
Result<TimePoint> as_of_time(const std::string& text, const TimeZone& tz) {
    if (text.size() == 10)
        if (auto d = parse_date(text)) {
            const Date next{std::chrono::sys_days(*d) + std::chrono::days(1)};
            return start_of_local_day(next, tz) - std::chrono::milliseconds(1);
        }
    return parse_when("--as-of", text, tz);
}

Result<void> run_replay(const ReplayArgs& args, Context& ctx) {
    std::optional<TimePoint> as_of;
    const auto& tz = ctx.timezone();
    if (!args.as_of.empty()) {
        auto t = as_of_time(args.as_of, tz);
        if (!t) return t.error();
        as_of = *t;
    }
    auto replay = ctx.engine->replay_steps(args.case_id, as_of);
    if (!replay) return replay.error();
    if (replay->steps.empty())  // --as-of before the case was opened
        return make_error(errc::not_found, trf(M::replay_not_yet, {args.case_id, local_text(*as_of, tz)}));
    const auto* wf = ctx.engine->find_workflow(replay->workflow);
    const bool final = wf && wf->is_final(replay->state);

    if (args.json) {
        boost::json::array steps;
        for (const auto& s : replay->steps) {
            const auto& e = s.event;
            steps.push_back(boost::json::object{{"seq", e.seq},
                                                {"global_seq", e.global_seq},
                                                {"event", e.name},
                                                {"before", s.before},
                                                {"after", s.after},
                                                {"actor", e.actor},
                                                {"role", e.role},
                                                {"recorded_by", e.recorded_by},
                                                {"reason", e.reason},
                                                {"occurred_at", format_local(e.occurred_at, tz)},
                                                {"payload", parse_stored(e.payload)}});
        }
        boost::json::object o{{"case", args.case_id},
                              {"workflow", replay->workflow},
                              {"as_of", as_of ? boost::json::value(format_local(*as_of, tz)) : nullptr},
                              {"steps", std::move(steps)},
                              {"state", replay->state},
                              {"final", final},
                              {"data", replay->data},
                              {"due_at", replay->due_at ? boost::json::value(format_local(*replay->due_at, tz))
                                                        : nullptr}};
        print_json(std::cout, o);
        return {};
    }

    std::cout << args.case_id << " · " << replay->workflow << " · "
              << trf(M::replay_heading, {std::to_string(replay->steps.size())});
    if (as_of) std::cout << " · " << trf(M::replay_as_of, {local_text(*as_of, tz)});
    std::cout << "\n\n";
    std::vector<std::vector<std::string>> rows{{"#", tr(M::col_event), tr(M::col_transition), tr(M::col_actor),
                                                tr(M::col_role), tr(M::col_occurred), tr(M::col_reason)}};
    for (const auto& s : replay->steps) {
        const auto& e = s.event;
        rows.push_back({std::to_string(e.seq), e.name, (s.before.empty() ? "-" : s.before) + " \u2192 " + s.after,
                        e.actor, e.role, local_text(e.occurred_at, tz), one_line(e.reason)});
    }
    print_table(std::cout, rows);
    std::string state = replay->state;
    if (final) state += " (" + std::string(tr(M::lbl_final)) + ")";
    std::cout << '\n';
    print_table(std::cout, {{std::string(tr(M::lbl_replay_state)) + ":", state},
                            {std::string(tr(as_of ? M::lbl_due_then : M::lbl_due)) + ":",
                             replay->due_at ? local_text(*replay->due_at, tz) : tr(M::lbl_none)}});
    std::cout << '\n' << tr(M::lbl_data) << ":\n";
    print_json(std::cout, replay->data);
    return {};
}

void add_replay(CLI::App& audit, Registry& out) {
    auto* sub = audit.add_subcommand("replay", tr(M::cmd_audit_replay));
    auto args = std::make_shared<ReplayArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_option("--as-of", args->as_of, tr(M::opt_as_of))->option_text("DATE|DATETIME");
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_replay(*args, c); }});
}

// --- verify ----------------------------------------------------------------------

struct VerifyArgs {
    std::string case_id;
    std::string checkpoint;
    CLI::Option* checkpoint_option = nullptr;
    bool json = false;
};

/// "baris global 3, kasus MUT-000001, kolom reason: <what>" (what stays as the engine says it).
std::string problem_text(const audit::Problem& p) {
    const std::string row = std::to_string(p.global_seq);
    const std::string text = p.case_id.empty() ? trf(M::verify_problem_row, {row, p.field, p.what})
                             : trf(M::verify_problem, {row, p.case_id, p.field, p.what});
    return p.drift ? trf(M::verify_drift, {text}) : text;
}

}  // namespace

Result<JournalCheck> check_journal(Context& ctx, const audit::VerifyOptions& options) {
    JournalCheck out;
    const auto start = std::chrono::steady_clock::now();
    auto report = audit::verify(*ctx.engine, options);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report) return report.error();
    out.report = std::move(*report);
    auto side = verify_side_chains(ctx);  // the refusals log and the token grants
    if (!side) return side.error();
    out.side = std::move(*side);
    if (out.report.problem) out.problem = problem_text(*out.report.problem);
    else out.problem = out.side.problem;
    return out;
}

namespace {

Result<void> run_verify(const VerifyArgs& args, Context& ctx) {
    audit::VerifyOptions options;
    if (!args.case_id.empty()) options.case_id = args.case_id;
    if (args.checkpoint_option->count()) {
        auto cp = audit::Checkpoint::parse(args.checkpoint);
        if (!cp) return cp.error();
        options.checkpoint = *cp;
    }
    auto checked = check_journal(ctx, options);
    if (!checked) return checked.error();
    const auto* report = &checked->report;
    const auto* side = &checked->side;
    const double elapsed = checked->seconds;
    const auto rate = static_cast<std::int64_t>(std::llround(elapsed > 0 ? report->events / elapsed : 0.0));

    if (args.json) {
        boost::json::object o{{"ok", report->ok()},
                              {"events", report->events},
                              {"cases", report->cases},
                              {"chain_ms", report->chain_time.count()},
                              {"replay_ms", report->replay_time.count()},
                              {"events_per_second", rate},
                              {"checkpoint", options.checkpoint ? boost::json::value(options.checkpoint->events)
                                                                : nullptr}};
        o["refusals"] = side->refusals;
        o["grants"] = side->grants;
        o["tokens"] = side->tokens;
        o["users"] = side->users;
        o["side_problem"] = side->problem.empty() ? boost::json::value(nullptr) : boost::json::value(side->problem);
        o["ok"] = report->ok() && side->problem.empty();
        if (report->problem) {
            const auto& p = *report->problem;
            o["problem"] = boost::json::object{
                {"global_seq", p.global_seq}, {"case_id", p.case_id}, {"field", p.field}, {"what", p.what},
                {"kind", p.drift ? "drift" : "tampered"}};
        } else {
            o["problem"] = nullptr;
        }
        print_json(std::cout, o);
    } else {
        print_table(std::cout,
                    {{std::string(tr(M::lbl_verify_chain)) + ":",
                      trf(M::verify_chain, {std::to_string(report->events), std::to_string(report->chain_time.count())})},
                     {std::string(tr(M::lbl_verify_replay)) + ":",
                      trf(M::verify_replay, {std::to_string(report->cases), std::to_string(report->replay_time.count())})},
                     {std::string(tr(M::lbl_verify_rate)) + ":", trf(M::verify_rate, {std::to_string(rate)})},
                     {std::string(tr(M::lbl_verify_refusals)) + ":",
                      trf(M::verify_refusals, {std::to_string(side->refusals)})},
                     {std::string(tr(M::lbl_verify_grants)) + ":",
                      trf(M::verify_grants, {std::to_string(side->grants), std::to_string(side->tokens)})},
                     {std::string(tr(M::lbl_verify_users)) + ":",
                      trf(M::verify_users, {std::to_string(side->user_entries), std::to_string(side->users)})}});
        if (report->ok() && side->problem.empty()) {
            std::cout << '\n' << tr(M::verify_ok) << '\n';
            if (options.checkpoint)
                std::cout << trf(M::verify_ok_checkpoint, {std::to_string(options.checkpoint->events)}) << '\n';
        }
    }
    std::cout.flush();
    if (!checked->ok()) return make_error(errc::corrupt, checked->problem);
    return {};
}

void add_verify(CLI::App& audit, Registry& out) {
    auto* sub = audit.add_subcommand("verify", tr(M::cmd_audit_verify));
    auto args = std::make_shared<VerifyArgs>();
    sub->add_option("--case", args->case_id, tr(M::opt_verify_case));
    args->checkpoint_option =
        sub->add_option("--checkpoint", args->checkpoint, tr(M::opt_checkpoint))->option_text("LINE");
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_verify(*args, c); }});
}

// --- checkpoint ------------------------------------------------------------------

void add_checkpoint(CLI::App& audit, Registry& out) {
    auto* sub = audit.add_subcommand("checkpoint", tr(M::cmd_audit_checkpoint));
    out.push_back({sub, Needs::read_database, [](Context& ctx) -> Result<void> {
                       auto cp = audit::checkpoint(ctx.engine->journal());
                       if (!cp) return cp.error();
                       std::cout << cp->line() << '\n';
                       return {};
                   }});
}

}  // namespace

void add_audit_commands(CLI::App& app, const Context& ctx, Registry& out) {
    add_export_command(app, ctx, out);
    auto* audit = app.add_subcommand("audit", tr(M::cmd_audit));
    audit->require_subcommand(1);
    add_replay(*audit, out);
    add_verify(*audit, out);
    add_checkpoint(*audit, out);
    add_refusals_command(*audit, out);
}

}  // namespace alur::cli
