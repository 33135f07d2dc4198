// GET /api/catalog and the structured refusal of an API error: the one
// catalog of the CLI and the page (adapters/i18n) as the page reads it.
#include "catalog.hpp"

#include "alur/i18n/citation.hpp"

#include "api_detail.hpp"

#include "alur/engine/text.hpp"
#include "alur/i18n/help_texts.hpp"
#include "alur/i18n/labels.hpp"
#include "alur/i18n/page_strings.hpp"
#include "alur/i18n/refusal.hpp"
#include "alur/i18n/rule_texts.hpp"

#include <boost/json/array.hpp>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

/// A refusal's parts come out of its message, which may quote what the client
/// sent (a role name): bytes that are not UTF-8 are shown escaped.
std::string as_utf8(std::string_view text) { return is_valid_utf8(text) ? std::string(text) : escape_controls(text); }

}  // namespace

json::object catalog_json(cli::Lang lang) {
    const bool en = lang == cli::Lang::en;
    json::object messages;
    for (const auto& s : i18n::page_strings()) messages[s.key] = en ? s.en : s.id;
    json::object labels;
    for (const auto& l : i18n::labels()) labels[l.name] = en ? l.en : l.id;
    json::object rules;
    for (const auto& r : i18n::rule_texts())
        rules[r.id] = json::object{{"title", en ? r.title_en : r.title_id},
                                   {"what_to_do", en ? r.what_to_do_en : r.what_to_do_id}};
    json::object help;  // the workflows' English help texts, each in `lang`
    for (const auto& h : i18n::help_texts()) help[h.en] = en ? h.en : h.id;
    return json::object{{"lang", en ? "en" : "id"},
                        {"messages", std::move(messages)},
                        {"labels", std::move(labels)},
                        {"rules", std::move(rules)},
                        {"help", std::move(help)}};
}

Response catalog_response(const std::map<std::string, std::string, std::less<>>& query) {
    cli::Lang lang = cli::Lang::id;
    if (auto it = query.find("lang"); it != query.end() && !cli::parse_lang(it->second, lang))
        return fail(400, "invalid_input", "lang must be id or en", "lang");
    Response r = reply(200, catalog_json(lang));
    r.cache_control = "public, max-age=3600";  // changes only with the binary
    return r;
}

namespace {

constexpr const char* catalog_schema = R"({"type":"object","required":["lang","messages","labels","rules","help"],"properties":{
 "lang":{"type":"string","enum":["id","en"]},
 "messages":{"type":"object","description":"the page's strings by key; {} and {0}, {1} are placeholders",
   "additionalProperties":{"type":"string"}},
 "labels":{"type":"object","description":"every state, event, payload field, choice value and role by name",
   "additionalProperties":{"type":"string"}},
 "rules":{"type":"object","description":"each rule of legal_bases.json by id",
   "additionalProperties":{"type":"object","properties":{"title":{"type":"string"},"what_to_do":{"type":"string"}}}},
 "help":{"type":"object","description":"the workflows' help texts (the help of each event and payload field in GET /api/workflows/{name}, English) keyed by that English text, each in the language asked",
   "additionalProperties":{"type":"string"}}}})";

}  // namespace

void add_catalog_routes(Routes& routes) {
    routes.add({.method = "GET",
                .pattern = "/api/catalog",
                .summary = "The catalog of the page: its strings, the workflows' labels and the rules' texts",
                .description = "One language per call (Indonesian by default). The same for every caller and "
                               "changed only by a new binary: open (no sign-in) and cacheable for an hour. "
                               "A refused write's error carries error.refusal {kind, event, state, rule, basis}; "
                               "the page reads it with labels and rules into a sentence (messages.refusal_*).",
                .open = true,
                .params = {{"lang", "query", "string", false, "id (default) or en"}},
                .response_body = catalog_schema,
                .errors = {400},
                .tag = "service",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return catalog_response(call.query);
                }});
}

std::optional<json::object> explained_refusal_json(const Error& e) {
    auto why = i18n::explain_refusal(e);
    if (!why) return std::nullopt;
    json::object o{{"kind", why->kind}};
    auto put = [&o](const char* key, const std::string& value) {
        if (!value.empty()) o[key] = as_utf8(value);
    };
    put("event", why->event);
    put("state", why->state);
    put("rule", why->rule);
    put("basis", why->basis);
    if (!why->basis.empty())  // the citation as a person reads it, in each language
        o["basis_text"] = json::object{{"id", as_utf8(i18n::citation_text(why->basis, cli::Lang::id))},
                                       {"en", as_utf8(why->basis)}};
    put("reason", why->reason);
    put("role", why->role);
    if (!why->allowed.empty()) {
        json::array allowed;
        for (const auto& a : why->allowed) allowed.emplace_back(as_utf8(a));
        o["allowed"] = std::move(allowed);
    }
    return o;
}

}  // namespace alur::http::detail
