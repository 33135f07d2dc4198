// GET /api/workflows, /api/workflows/{name} (what each workflow declares:
// states, events with their fields and roles, transitions) and
// GET /api/refusals (refusals.cpp's handler).
#include "routes.hpp"

#include "alur/engine/workflow.hpp"

#include <boost/json.hpp>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

json::object event_spec_json(const EventSpec& e) {
    json::array fields, roles;
    for (const auto& f : e.fields) {
        json::object fo{{"name", f.name}, {"type", to_string(f.type)}, {"required", f.required},
                        {"derived", f.derived}, {"help", f.help}};
        if (!f.choices.empty()) {
            json::array choices;
            for (const auto& c : f.choices) choices.push_back(json::string(c));
            fo["choices"] = std::move(choices);
        }
        if (f.bounded) {
            fo["min"] = f.min;
            fo["max"] = f.max;
        }
        fields.push_back(std::move(fo));
    }
    for (const auto& r : e.roles) roles.push_back(json::string(r));
    return json::object{{"name", e.name}, {"help", e.help}, {"roles", std::move(roles)}, {"fields", std::move(fields)}};
}

Response workflow_detail(const Workflow& w) {
    json::array states, finals, events, transitions;
    for (const auto& s : w.states()) states.push_back(json::string(s));
    for (const auto& s : w.final_states()) finals.push_back(json::string(s));
    for (const auto& e : w.events()) events.push_back(event_spec_json(e));
    for (const auto& t : w.transitions())
        transitions.push_back(json::object{
            {"from", t.from}, {"event", t.event}, {"to", t.to}, {"guard", t.guard}, {"internal", t.internal}});
    return reply(200, json::object{{"name", w.name()},
                                   {"case_prefix", w.case_prefix()},
                                   {"open_event", w.open_event()},
                                   {"states", std::move(states)},
                                   {"final_states", std::move(finals)},
                                   {"events", std::move(events)},
                                   {"transitions", std::move(transitions)},
                                   {"mermaid", to_mermaid(w)}});
}

constexpr const char* workflow_list_schema = R"({"type":"object","required":["workflows"],"properties":{
 "workflows":{"type":"array","items":{"type":"object","properties":{
  "name":{"type":"string"},"case_prefix":{"type":"string"},"open_event":{"type":"string"}}}}}})";

constexpr const char* workflow_schema = R"({"type":"object","required":["name","states","events","transitions"],
 "properties":{"name":{"type":"string"},"case_prefix":{"type":"string"},"open_event":{"type":"string"},
 "states":{"type":"array","items":{"type":"string"}},"final_states":{"type":"array","items":{"type":"string"}},
 "events":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"help":{"type":"string"},
   "roles":{"type":"array","items":{"type":"string"}},
   "fields":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"type":{"type":"string"},
     "required":{"type":"boolean"},"derived":{"type":"boolean"},"help":{"type":"string"},
     "choices":{"type":"array","items":{"type":"string"}},"min":{"type":"number"},"max":{"type":"number"}}}}}}},
 "transitions":{"type":"array","items":{"type":"object","properties":{"from":{"type":"string"},"event":{"type":"string"},
   "to":{"type":"string"},"guard":{"type":"string"},"internal":{"type":"boolean"}}}},
 "mermaid":{"type":"string"}}})";

constexpr const char* refusals_schema = R"({"type":"object","properties":{"refusals":{"type":"array","items":{
 "type":"object","properties":{"seq":{"type":"integer"},"at":{"type":"string","format":"date-time"},
 "case":{"type":"string"},"event":{"type":"string"},"actor":{"type":"string"},"role":{"type":"string"},
 "code":{"type":"string"},"message":{"type":"string"},"prev_hash":{"type":"string"},"hash":{"type":"string"}}}}}})";

}  // namespace

void add_service_routes(Routes& routes) {
    routes.add({.method = "GET",
                .pattern = "/api/workflows",
                .summary = "The workflows this server runs",
                .response_body = workflow_list_schema,
                .errors = {401},
                .tag = "workflows",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    json::array out;
                    for (const auto& w : call.engine.workflows())
                        out.push_back(json::object{
                            {"name", w->name()}, {"case_prefix", w->case_prefix()}, {"open_event", w->open_event()}});
                    return reply(200, json::object{{"workflows", std::move(out)}});
                }});
    routes.add({.method = "GET",
                .pattern = "/api/workflows/{name}",
                .summary = "One workflow: its states, events (fields, roles) and transitions",
                .params = {{"name", "path", "string", true, "the workflow's name, e.g. mutation"}},
                .response_body = workflow_schema,
                .errors = {401, 404},
                .tag = "workflows",
                .handler = [](const Call& call, const PathArgs& args) -> std::variant<Response, Write> {
                    const std::string& name = args.at("name");
                    const Workflow* w = call.engine.find_workflow(name);
                    if (!w) return fail(404, "not_found", "no workflow named " + name);
                    return workflow_detail(*w);
                }});
    routes.add({.method = "GET",
                .pattern = "/api/refusals",
                .summary = "The refusals log: every refused command, hash-chained",
                .description = "In log order; each entry with its hash and prev_hash. Times are UTC (Z).",
                .roles = {"auditor", "admin"},
                .params = {{"case", "query", "string", false, "only this case's refusals"},
                           {"since", "query", "string", false, "a date or date-time (the agency's zone)"},
                           {"limit", "query", "integer", false, "at most this many (1 to 1000)"}},
                .response_body = refusals_schema,
                .errors = {400, 401, 403},
                .tag = "audit",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return list_refusals(call);
                }});
}

}  // namespace alur::http::detail
