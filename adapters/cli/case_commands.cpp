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

#include "alur/engine/text.hpp"
#include "alur/sqlite/journal.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
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
    CLI::Option* reason_option = nullptr;
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
    add_token_option(sub, who.token);
    who.reason_option = reason;
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

// --- checkpoint ------------------------------------------------------------------

void add_checkpoint(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("checkpoint", tr(M::cmd_checkpoint));
    out.push_back({sub, Needs::database, [](Context& ctx) -> Result<void> {
                       auto* sqlite = dynamic_cast<sqlite::SqliteJournal*>(&ctx.engine->journal());
                       if (sqlite)
                           if (auto done = sqlite->checkpoint(); !done) return done.error();
                       const auto where = std::filesystem::absolute(ctx.globals.db).lexically_normal().string();
                       std::cout << trf(M::checkpoint_done, {where}) << '\n';
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
    std::string now;  ///< --now: the engine's clock starts there (a case opened at a later date, in a test)
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
        sub->add_option("--now", args->now, tr(M::opt_now_run))->option_text("DATETIME");
        out.push_back({sub, Needs::database, [args](Context& c) { return run_open(*args, c); },
                       [args] { return args->now; }});
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
    std::string batch;
    bool json = false;
    CLI::Option* case_option = nullptr;
    CLI::Option* event_option = nullptr;
    CLI::Option* pairs_option = nullptr;
    CLI::Option* data_option = nullptr;
    CLI::Option* expect_option = nullptr;
    CLI::Option* batch_option = nullptr;
    Who who;
};

Result<void> run_advance_batch(const AdvanceArgs& args, Context& ctx);

Result<void> run_advance(const AdvanceArgs& args, Context& ctx) {
    if (args.batch_option->count()) {
        if (args.case_option->count() || args.event_option->count() || args.pairs_option->count() ||
            args.data_option->count() || args.expect_option->count() || args.who.key_option->count())
            return make_error(errc::invalid_input, tr(M::err_batch_with_args), "batch");
        return run_advance_batch(args, ctx);
    }
    if (!args.case_option->count() || !args.event_option->count())
        return make_error(errc::invalid_input, tr(M::err_advance_needs), "case");
    if (!args.who.reason_option->count()) return make_error(errc::invalid_input, tr(M::err_reason_required), "reason");
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
    for (const auto& linked : outcome->linked)
        std::cout << trf(M::follow_up_linked, {linked.id, linked.workflow, linked.state}) << '\n';
    return {};
}

// --- advance --batch ---------------------------------------------------------------

/// The largest batch file read: 64 MiB.
constexpr std::size_t max_batch_bytes = 64u << 20;

/// One input line: its command, or why it is not one.
struct BatchLine {
    std::size_t number = 0;
    Command command;
    std::optional<Error> error;
};

/// A line's JSON object as a command over `base` (the flags' actor,
/// role, reason and time).
Result<Command> batch_command(std::string_view text, const Command& base, Context& ctx) {
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(text, ec);
    if (ec || !parsed.is_object())
        return make_error(errc::invalid_input, trf(M::batch_line_not_object, {ec ? ec.message() : "JSON"}));
    Command cmd = base;
    const auto must = [&](const char* field, const char* what) {
        return make_error(errc::invalid_input, trf(M::batch_line_field, {field, what}), field);
    };
    for (const auto& kv : parsed.as_object()) {
        const std::string_view key = kv.key();
        const boost::json::value& v = kv.value();
        if (key == "payload") {
            if (!v.is_object()) return must("payload", "an object / objek");
            cmd.payload = v.as_object();
        } else if (key == "expected_version") {
            if (!v.is_int64()) return must("expected_version", "an integer / bilangan bulat");
            cmd.expected_version = v.as_int64();
        } else if (key == "case" || key == "workflow" || key == "event" || key == "actor" || key == "role" ||
                   key == "reason" || key == "at" || key == "key") {
            if (!v.is_string()) return must(std::string(key).c_str(), "text / teks");
            std::string value(v.as_string());
            if (key == "case") cmd.case_id = std::move(value);
            else if (key == "workflow") cmd.workflow = std::move(value);
            else if (key == "event") cmd.event = std::move(value);
            else if (key == "actor") cmd.actor = std::move(value);
            else if (key == "role") cmd.role = std::move(value);
            else if (key == "reason") cmd.reason = std::move(value);
            else if (key == "key") cmd.idempotency_key = std::move(value);
            else {
                auto when = parse_when("at", value, ctx.timezone());
                if (!when) return make_error(errc::invalid_input, when.error().message, "at");
                cmd.occurred_at = *when;
            }
        } else {
            return make_error(errc::invalid_input, trf(M::batch_line_unknown_field, {std::string(key)}),
                              std::string(key));
        }
    }
    if (cmd.case_id.empty() && cmd.workflow.empty()) return must("case", "a case id, or \"workflow\" to open one");
    if (!cmd.case_id.empty() && cmd.event.empty()) return must("event", "an event name / nama peristiwa");
    if (cmd.actor.empty()) return make_error(errc::invalid_input, tr(M::batch_line_actor), "actor");
    if (cmd.reason.empty()) return must("reason", "a reason / alasan (or --reason)");
    return cmd;
}

boost::json::object batch_json(std::size_t number, const Result<Outcome>& r) {
    boost::json::object o{{"line", number}, {"ok", static_cast<bool>(r)}};
    if (!r) {
        boost::json::object e{{"code", std::string(to_string(r.error().code))}, {"message", r.error().message}};
        if (!r.error().field.empty()) e["field"] = r.error().field;
        o["error"] = std::move(e);
        return o;
    }
    o["case"] = r->projection.id;
    o["workflow"] = r->projection.workflow;
    o["state_before"] = r->state_before;
    o["state"] = r->projection.state;
    o["version"] = r->projection.version;
    o["seq"] = r->event.seq;
    o["global_seq"] = r->event.global_seq;
    o["replayed"] = r->replayed;
    boost::json::array opened;
    for (const auto& c : r->opened) opened.push_back(boost::json::object{{"case", c.id}, {"workflow", c.workflow}});
    o["opened"] = std::move(opened);
    boost::json::array linked;
    for (const auto& c : r->linked)
        linked.push_back(boost::json::object{{"case", c.id}, {"workflow", c.workflow}, {"state", c.state}});
    o["linked"] = std::move(linked);
    return o;
}

Result<void> run_advance_batch(const AdvanceArgs& args, Context& ctx) {
    auto text = read_input(args.batch, max_batch_bytes);
    if (!text) return text.error();
    Command base;
    if (auto filled = fill(base, args.who, ctx, false); !filled) return filled.error();

    // Every line is decided in input order and queued; the committer writes
    // them in as few transactions as its bounds allow.
    std::vector<BatchLine> lines;
    std::vector<std::future<Result<Outcome>>> answers;
    std::size_t number = 0;
    for (std::size_t at = 0; at <= text->size();) {
        std::size_t end = text->find('\n', at);
        if (end == std::string::npos) end = text->size();
        std::string_view line(text->data() + at, end - at);
        at = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        BatchLine& l = lines.emplace_back();
        l.number = number;
        auto cmd = batch_command(line, base, ctx);
        if (!cmd) {
            l.error = cmd.error();
            answers.emplace_back();
            continue;
        }
        auto promise = std::make_shared<std::promise<Result<Outcome>>>();
        answers.push_back(promise->get_future());
        ctx.engine->submit_async(std::move(*cmd), [promise](Result<Outcome> r) { promise->set_value(std::move(r)); });
    }
    if (lines.empty())
        return make_error(errc::invalid_input,
                          trf(M::batch_empty, {args.batch == "-" ? tr(M::roster_stdin) : args.batch}), "batch");

    std::size_t failed = 0;
    std::optional<std::pair<std::size_t, Error>> first;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Result<Outcome> r = lines[i].error ? Result<Outcome>(*lines[i].error) : answers[i].get();
        const std::string n = std::to_string(lines[i].number);
        if (!r) {
            ++failed;
            if (!first) first.emplace(lines[i].number, r.error());
        }
        if (args.json) {
            std::cout << compact_json(batch_json(lines[i].number, r)) << '\n';
        } else if (r) {
            std::cout << trf(M::batch_line_ok, {n, r->projection.id, r->state_before, r->projection.state,
                                                std::to_string(r->projection.version)})
                      << '\n';
            for (const auto& opened : r->opened)
                std::cout << trf(M::follow_up_opened, {opened.id, opened.workflow, opened.state}) << '\n';
            for (const auto& linked : r->linked)
                std::cout << trf(M::follow_up_linked, {linked.id, linked.workflow, linked.state}) << '\n';
        } else {
            std::cout << trf(M::batch_line_failed, {n, error_prefix(r.error().code), escape_controls(r.error().message)})
                      << '\n';
        }
    }
    std::cout.flush();
    if (!first) return {};
    return make_error(first->second.code, trf(M::batch_failed, {std::to_string(failed), std::to_string(lines.size()),
                                                                 std::to_string(first->first), first->second.message}));
}

void add_advance(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("advance", tr(M::cmd_advance));
    auto args = std::make_shared<AdvanceArgs>();
    args->case_option = sub->add_option("case", args->case_id, tr(M::arg_case));
    args->event_option = sub->add_option("event", args->event, tr(M::arg_event));
    args->pairs_option = sub->add_option("fields", args->pairs, tr(M::arg_fields));
    args->data_option = sub->add_option("--data", args->data, tr(M::opt_data));
    add_who(*sub, args->who, false);
    args->expect_option = sub->add_option("--expect-version", args->expect, tr(M::opt_expect_version));
    args->batch_option = sub->add_option("--batch", args->batch, tr(M::opt_batch));
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::database, [args](Context& c) { return run_advance(*args, c); }});
}

}  // namespace

void add_case_commands(CLI::App& app, const Context& ctx, Registry& out) {
    add_init(app, out);
    add_checkpoint(app, out);
    add_open(app, ctx, out);
    add_advance(app, out);
}

}  // namespace alur::cli
