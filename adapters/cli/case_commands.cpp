// Commands that write: `alur init`, `alur open <workflow>`, `alur advance`.
//
// The options of `open <workflow>` are generated from the workflow's open
// event (field inaugurated_at -> --inaugurated-at), so the CLI never repeats a
// workflow's vocabulary. A field named `nip` is checked as a NIP first.
#include "app.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "nip.hpp"
#include "nip_text.hpp"
#include "output.hpp"
#include "values.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <list>

namespace alur::cli {
namespace {

/// The options every writing command shares.
struct Who {
    std::string actor;
    std::string role = "admin";
    std::string reason;
    std::string at;
    std::string key;
    CLI::Option* at_option = nullptr;
    CLI::Option* key_option = nullptr;
    CLI::Option* actor_option = nullptr;
    CLI::Option* role_option = nullptr;
    TokenArg token;
};

void add_who(CLI::App& sub, Who& who, bool defaults) {
    // --actor is required unless a token names the actor (checked in fill).
    who.actor_option = sub.add_option("--actor", who.actor, tr(defaults ? M::opt_actor_default : M::opt_actor));
    who.role_option = sub.add_option("--role", who.role, tr(M::opt_role));
    auto* reason = sub.add_option("--reason", who.reason, tr(defaults ? M::opt_reason_default : M::opt_reason));
    if (!defaults) reason->required();
    add_token_option(sub, who.token);
    who.at_option = sub.add_option("--at", who.at, tr(M::opt_at));
    who.key_option = sub.add_option("--key", who.key, tr(M::opt_key));
}

Result<void> fill(Command& cmd, const Who& who, const Context& ctx, bool actor_required) {
    cmd.actor = who.actor;
    cmd.role = who.role;
    cmd.reason = who.reason;
    if (auto taken = take_identity(cmd, ctx, who.token, who.actor_option, who.role_option); !taken) return taken;
    if (actor_required && cmd.actor.empty())
        return make_error(errc::invalid_input, tr(M::err_actor_required), "actor");
    if (who.at_option->count()) {
        auto when = parse_when("--at", who.at, ctx.timezone());
        if (!when) return when.error();
        cmd.occurred_at = *when;
    }
    if (who.key_option->count()) cmd.idempotency_key = who.key;
    return {};
}

std::string option_name(const std::string& field) {
    std::string out = "--" + field;
    for (char& c : out)
        if (c == '_') c = '-';
    return out;
}

std::string field_help(const FieldSpec& f) {
    std::string help = f.help;
    if (!f.choices.empty()) help += (help.empty() ? "" : " ") + std::string("(") + join(f.choices, "|") + ")";
    return help;
}

// --- init ----------------------------------------------------------------------

void add_init(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("init", tr(M::cmd_init));
    out.push_back({sub, Needs::new_database, [](Context& ctx) -> Result<void> {
                       const auto where = std::filesystem::absolute(ctx.globals.db).lexically_normal().string();
                       std::cout << trf(ctx.database_existed ? M::db_ready : M::db_created, {where}) << '\n';
                       return {};
                   }});
}

// --- open <workflow> -------------------------------------------------------------

struct OpenArgs {
    struct Bound {
        const FieldSpec* field;
        std::string value;
        CLI::Option* option;
    };
    std::shared_ptr<const Workflow> workflow;
    std::list<Bound> fields;  // a list: options keep pointers to each value
    Who who;
};

Result<void> run_open(const OpenArgs& args, Context& ctx) {
    Command cmd;
    cmd.workflow = args.workflow->name();
    if (auto filled = fill(cmd, args.who, ctx, false); !filled) return filled.error();
    if (cmd.actor.empty()) cmd.actor = os_user();
    if (cmd.reason.empty()) cmd.reason = "pembukaan kasus";
    for (const auto& b : args.fields) {
        if (!b.option->count()) continue;
        if (b.field->name == "nip") {
            const Date now = today(ctx.timezone());
            if (auto check = check_nip(b.value, now); !check) return make_error(errc::invalid_input, nip_problem_text(check.problem, b.value, now));
        }
        cmd.payload[b.field->name] = field_value(b.value, b.field);
    }
    auto outcome = ctx.engine->submit(cmd);
    if (!outcome) return outcome.error();
    if (outcome->replayed) std::cerr << "alur: " << trf(M::note_replayed, {args.who.key}) << '\n';
    std::cout << outcome->projection.id << '\n';
    return {};
}

void add_open(CLI::App& app, const Context& ctx, Registry& out) {
    auto* open = app.add_subcommand("open", tr(M::cmd_open));
    open->require_subcommand(1);
    for (const auto& workflow : ctx.workflows) {
        const EventSpec* spec = workflow->find_event(workflow->open_event());
        if (!spec) continue;
        auto* sub = open->add_subcommand(workflow->name(), trf(M::cmd_open_workflow, {workflow->name()}));
        auto args = std::make_shared<OpenArgs>();
        args->workflow = workflow;
        for (const auto& field : spec->fields) {
            if (field.derived) continue;
            auto& bound = args->fields.emplace_back(OpenArgs::Bound{&field, {}, nullptr});
            bound.option = sub->add_option(option_name(field.name), bound.value, field_help(field));
            if (field.required) bound.option->required();
        }
        add_who(*sub, args->who, true);
        out.push_back({sub, Needs::database, [args](Context& c) { return run_open(*args, c); }});
    }
}

// --- advance ---------------------------------------------------------------------

/// `corrected of=N field=F value=V`: V is read as the corrected field reads
/// it (value=821 stays text for a text field, value=85 is a number for a
/// number field), so it is typed like the original event's key=value.
Result<void> correction_value(boost::json::object& payload, const std::vector<std::string>& pairs,
                              const std::string& case_id, const Workflow& workflow, Context& ctx) {
    const auto* of = payload.if_contains("of");
    const auto* field = payload.if_contains("field");
    if (!of || !of->is_int64() || !field || !field->is_string()) return {};  // the engine says what is missing
    const auto text =
        std::find_if(pairs.begin(), pairs.end(), [](const std::string& p) { return p.starts_with("value="); });
    if (text == pairs.end()) return {};
    auto events = ctx.engine->journal().case_events(case_id);
    if (!events) return events.error();
    const auto seq = of->get_int64();
    if (seq < 1 || seq > static_cast<std::int64_t>(events->size())) return {};
    const EventSpec* target = workflow.find_event((*events)[static_cast<std::size_t>(seq - 1)].name);
    if (!target) return {};
    for (const auto& f : target->fields)
        if (f.name == field->get_string()) payload["value"] = field_value(std::string_view(*text).substr(6), &f);
    return {};
}

struct AdvanceArgs {
    std::string case_id;
    std::string event;
    std::vector<std::string> pairs;
    std::string data;
    std::int64_t expect = 0;
    CLI::Option* expect_option = nullptr;
    Who who;
};

Result<void> run_advance(const AdvanceArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    auto workflow = ctx.workflow(record->workflow);
    if (!workflow) return workflow.error();
    const bool correction = args.event == correction_event;
    const EventSpec* spec = (*workflow)->find_event(args.event);
    if (!spec && !correction)
        return make_error(errc::invalid_input,
                          trf(M::err_unknown_event, {args.event, record->workflow, record->workflow}));

    Command cmd;
    cmd.case_id = args.case_id;
    cmd.event = args.event;
    if (auto filled = fill(cmd, args.who, ctx, true); !filled) return filled.error();
    auto payload = build_payload(args.pairs, args.data, spec);
    if (!payload) return payload.error();
    cmd.payload = std::move(*payload);
    if (correction) {
        auto typed = correction_value(cmd.payload, args.pairs, record->id, **workflow, ctx);
        if (!typed) return typed.error();
    }
    if (args.expect_option->count()) cmd.expected_version = args.expect;

    auto outcome = ctx.engine->submit(cmd);
    if (!outcome) return outcome.error();
    if (outcome->replayed) std::cerr << "alur: " << trf(M::note_replayed, {args.who.key}) << '\n';
    std::cout << outcome->projection.id << ": " << outcome->state_before << " -> " << outcome->projection.state
              << " (v " << outcome->projection.version << ")\n";
    for (const auto& opened : outcome->opened)
        std::cout << trf(M::follow_up_opened, {opened.id, opened.workflow, opened.state}) << '\n';
    return {};
}

void add_advance(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("advance", tr(M::cmd_advance));
    auto args = std::make_shared<AdvanceArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_option("event", args->event, tr(M::arg_event))->required();
    sub->add_option("fields", args->pairs, tr(M::arg_fields));
    sub->add_option("--data", args->data, tr(M::opt_data));
    add_who(*sub, args->who, false);
    args->expect_option = sub->add_option("--expect-version", args->expect, tr(M::opt_expect_version));
    out.push_back({sub, Needs::database, [args](Context& c) { return run_advance(*args, c); }});
}

}  // namespace

void add_case_commands(CLI::App& app, const Context& ctx, Registry& out) {
    add_init(app, out);
    add_open(app, ctx, out);
    add_advance(app, out);
}

}  // namespace alur::cli
