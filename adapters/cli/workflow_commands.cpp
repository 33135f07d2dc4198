// Commands that describe a workflow: `alur events`, `alur diagram`.
//
// Everything printed comes from the Workflow object (its EventSpecs and its
// transition table), never from a list kept here.
#include "app.hpp"
#include "messages.hpp"

#include "alur/i18n/help_texts.hpp"
#include "alur/i18n/labels.hpp"
#include "output.hpp"

#include <boost/json/serialize.hpp>

#include <iostream>

namespace alur::cli {
namespace {

std::string number(double x) { return boost::json::serialize(boost::json::value(x)); }

std::string bounds(const FieldSpec& f) {
    if (!f.bounded) return {};
    auto whole = [](double x) { return x == static_cast<double>(static_cast<long long>(x)); };
    auto show = [&](double x) { return whole(x) ? std::to_string(static_cast<long long>(x)) : number(x); };
    return show(f.min) + ".." + show(f.max);
}

boost::json::object field_json(const FieldSpec& f) {
    boost::json::object o;
    o["name"] = f.name;
    o["label"] = i18n::label(f.name);
    o["type"] = to_string(f.type);
    o["required"] = f.required;
    o["derived"] = f.derived;
    if (!f.choices.empty()) {
        boost::json::array choices;
        for (const auto& c : f.choices) choices.emplace_back(c);
        o["choices"] = std::move(choices);
    }
    if (f.bounded) {
        o["min"] = f.min;
        o["max"] = f.max;
    }
    o["help"] = f.help;
    return o;
}

boost::json::object event_json(const Workflow& w, const EventSpec& spec, std::string_view from) {
    boost::json::object o;
    o["name"] = spec.name;
    o["label"] = i18n::label(spec.name);
    boost::json::array roles;
    for (const auto& r : spec.roles) roles.emplace_back(r);
    o["roles"] = std::move(roles);
    o["help"] = spec.help;
    boost::json::array targets;
    for (const auto& t : w.transitions()) {
        if (t.from != from || t.event != spec.name) continue;
        boost::json::object target;
        target["to"] = t.to;
        target["internal"] = t.internal;
        if (!t.guard.empty()) target["guard"] = t.guard;
        targets.emplace_back(std::move(target));
    }
    if (!from.empty()) o["targets"] = std::move(targets);
    boost::json::array fields;
    for (const auto& f : spec.fields) fields.emplace_back(field_json(f));
    o["fields"] = std::move(fields);
    return o;
}

void print_fields(const EventSpec& spec) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : spec.fields) {
        std::string need = f.derived ? tr(M::lbl_derived) : f.required ? tr(M::lbl_required) : tr(M::lbl_optional);
        std::string detail = i18n::help_text(f.help, language());
        const std::string values = !f.choices.empty() ? join(f.choices, " | ") : bounds(f);
        if (!values.empty()) detail += (detail.empty() ? "" : ": ") + values;
        const std::string label = i18n::label(f.name);
        rows.push_back({"      " + f.name, label == f.name ? std::string() : label, to_string(f.type), need, detail});
    }
    print_table(std::cout, rows);
}

void print_event(const Workflow& w, const EventSpec& spec, std::string_view from) {
    std::vector<std::string> targets;
    for (const auto& t : w.transitions()) {
        if (t.from != from || t.event != spec.name) continue;
        std::string target = t.internal ? std::string(tr(M::lbl_stays)) : i18n::with_label(t.to);
        if (!t.guard.empty()) target += " [" + t.guard + "]";
        targets.push_back(target);
    }
    std::cout << "  " << i18n::with_label(spec.name);
    if (!targets.empty()) std::cout << "  -> " << join(targets, " | ");
    std::cout << "  (" << tr(M::lbl_roles) << ": " << join(spec.roles) << ")\n";
    if (!spec.help.empty()) std::cout << "      " << i18n::help_text(spec.help, language()) << '\n';
    print_fields(spec);
}

struct EventsArgs {
    std::string workflow;
    bool json = false;
};

Result<void> run_events(const EventsArgs& args, Context& ctx) {
    auto found = ctx.workflow(args.workflow);
    if (!found) return found.error();
    const Workflow& w = **found;
    const EventSpec* open = w.find_event(w.open_event());

    if (args.json) {
        boost::json::object o;
        o["workflow"] = w.name();
        o["workflow_label"] = i18n::label(w.name());
        if (open) o["open_event"] = event_json(w, *open, {});
        boost::json::array states;
        for (const auto& s : w.states()) {
            boost::json::object state;
            state["name"] = s;
            state["label"] = i18n::label(s);
            state["final"] = w.is_final(s);
            boost::json::array events;
            for (const auto& name : w.events_from(s))
                if (const auto* spec = w.find_event(name); spec && name != w.open_event())
                    events.emplace_back(event_json(w, *spec, s));
            state["events"] = std::move(events);
            states.emplace_back(std::move(state));
        }
        o["states"] = std::move(states);
        print_json(std::cout, o);
        return {};
    }

    if (open) {
        std::cout << tr(M::lbl_open_event) << " (`alur open " << w.name() << "`):\n";
        print_event(w, *open, {});
    }
    for (const auto& s : w.states()) {
        std::cout << '\n' << trf(M::lbl_state_heading, {i18n::with_label(s)});
        if (w.is_final(s)) std::cout << " (" << tr(M::lbl_final) << ")";
        std::cout << '\n';
        auto names = w.events_from(s);
        if (names.empty()) std::cout << "  " << tr(M::lbl_none) << '\n';
        for (const auto& name : names)
            if (const auto* spec = w.find_event(name)) print_event(w, *spec, s);
    }
    return {};
}

struct DiagramArgs {
    std::string workflow;
    std::string format = "mermaid";
};

Result<void> run_diagram(const DiagramArgs& args, Context& ctx) {
    auto found = ctx.workflow(args.workflow);
    if (!found) return found.error();
    std::cout << (args.format == "dot" ? to_dot(**found) : to_mermaid(**found));
    return {};
}

}  // namespace

void add_workflow_commands(CLI::App& app, const Context&, Registry& out) {
    auto* events = app.add_subcommand("events", tr(M::cmd_events));
    auto events_args = std::make_shared<EventsArgs>();
    events->add_option("workflow", events_args->workflow, tr(M::arg_workflow))->required();
    events->add_flag("--json", events_args->json, tr(M::opt_json));
    out.push_back({events, Needs::nothing, [events_args](Context& c) { return run_events(*events_args, c); }});

    auto* diagram = app.add_subcommand("diagram", tr(M::cmd_diagram));
    auto diagram_args = std::make_shared<DiagramArgs>();
    diagram->add_option("workflow", diagram_args->workflow, tr(M::arg_workflow))->required();
    diagram->add_option("--format", diagram_args->format, tr(M::opt_format))->check(CLI::IsMember({"mermaid", "dot"}));
    out.push_back({diagram, Needs::nothing, [diagram_args](Context& c) { return run_diagram(*diagram_args, c); }});
}

}  // namespace alur::cli
