#include "table_workflow.hpp"

#include "case_data.hpp"

#include "alur/engine/time.hpp"
#include "alur/workflows/nip.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace alur::workflows {

namespace json = boost::json;

TableWorkflow::TableWorkflow(std::string name, std::string prefix, std::vector<EventSpec> events,
                             std::vector<TransitionSpec> transitions)
    : name_(std::move(name)),
      prefix_(std::move(prefix)),
      events_(std::move(events)),
      transitions_(std::move(transitions)) {
    auto add = [this](const std::string& s) {
        if (std::find(states_.begin(), states_.end(), s) == states_.end()) states_.push_back(s);
    };
    // A state no row leaves is final, though internal rows (an acting
    // official recorded on a completed case) may annotate it.
    auto leaves = [this](const std::string& s) {
        return std::any_of(transitions_.begin(), transitions_.end(),
                           [&](const TransitionSpec& t) { return t.from == s && !t.internal; });
    };
    for (const auto& t : transitions_) {
        if (leaves(t.from)) add(t.from);
        if (!find_event(t.event)) throw std::logic_error(name_ + ": event without a spec: " + t.event);
    }
    for (const auto& t : transitions_) add(t.to);
    for (const auto& t : transitions_) add(t.from);
    for (const auto& s : states_)
        if (!leaves(s)) finals_.push_back(s);
}

namespace {

FieldSpec field(std::string name, FieldType type, std::string help, bool required) {
    FieldSpec f;
    f.name = std::move(name);
    f.type = type;
    f.required = required;
    f.help = std::move(help);
    return f;
}

FieldSpec bounded(FieldSpec f, double min, double max) {
    f.min = min;
    f.max = max;
    f.bounded = true;
    return f;
}

}  // namespace

FieldSpec text_field(std::string name, std::string help, bool required) {
    return field(std::move(name), FieldType::string, std::move(help), required);
}
FieldSpec date_field(std::string name, std::string help, bool required) {
    return field(std::move(name), FieldType::date, std::move(help), required);
}
FieldSpec choice_field(std::string name, std::vector<std::string> choices, std::string help, bool required) {
    FieldSpec f = field(std::move(name), FieldType::choice, std::move(help), required);
    f.choices = std::move(choices);
    return f;
}
FieldSpec number_field(std::string name, double min, double max, std::string help, bool required) {
    return bounded(field(std::move(name), FieldType::number, std::move(help), required), min, max);
}
FieldSpec integer_field(std::string name, double min, double max, std::string help, bool required) {
    return bounded(field(std::move(name), FieldType::integer, std::move(help), required), min, max);
}
FieldSpec derived_field(std::string name, FieldType type, std::string help, bool required) {
    FieldSpec f = field(std::move(name), type, std::move(help), required);
    f.derived = true;
    return f;
}

FieldSpec info_field(std::string name, std::string help, bool required) {
    FieldSpec f = text_field(std::move(name), std::move(help), required);
    f.informational = true;
    return f;
}

FieldSpec free_text_field(std::string name, std::string help, bool required) {
    FieldSpec f = info_field(std::move(name), std::move(help), required);
    f.free_text = true;
    return f;
}

FieldSpec nip_field(std::string name, std::string help, TimeZone tz, bool required) {
    FieldSpec f = text_field(std::move(name), std::move(help), required);
    f.check = [tz](const json::value& v, const json::object&, TimePoint at) -> std::optional<std::string> {
        const NipCheck nip = check_nip(v.get_string(), local_date(at, tz));
        if (nip) return std::nullopt;
        return std::string(nip_problem_english(nip.problem));
    };
    return f;
}

namespace {

/// The birth date the payload's "nip" carries, if it is a NIP at all.
std::optional<Date> nip_birth(const json::object& payload) {
    const json::value* nip = payload.if_contains("nip");
    if (!nip || !nip->is_string() || nip->get_string().size() != 18) return std::nullopt;
    auto birth = parse_date(std::string(nip->get_string().subview(0, 4)) + "-" +
                            std::string(nip->get_string().subview(4, 2)) + "-" +
                            std::string(nip->get_string().subview(6, 2)));
    if (!birth) return std::nullopt;
    return *birth;
}

}  // namespace

FieldSpec inauguration_field(std::string name, std::string help, bool required) {
    FieldSpec f = date_field(std::move(name), std::move(help), required);
    f.not_after_event = true;
    f.check = [](const json::value& v, const json::object& payload, TimePoint) -> std::optional<std::string> {
        const auto birth = nip_birth(payload);
        if (!birth) return std::nullopt;  // the NIP field refuses it
        const Date seventeen = add_years(*birth, 17);
        if (*parse_date(v.get_string()) < seventeen)
            return "lies before the official turned 17 (born " + format_date(*birth) + " by the NIP)";
        return std::nullopt;
    };
    return f;
}

FieldSpec birth_date_field(std::string name, std::string help, bool required) {
    FieldSpec f = date_field(std::move(name), std::move(help), required);
    f.check = [](const json::value& v, const json::object& payload, TimePoint) -> std::optional<std::string> {
        const auto birth = nip_birth(payload);
        if (!birth || format_date(*birth) == v.get_string()) return std::nullopt;
        return "differs from the birth date in the NIP (" + format_date(*birth) + ")";
    };
    return f;
}

FieldSpec dated_not_after_event(std::string name, std::string help, bool required) {
    FieldSpec f = date_field(std::move(name), std::move(help), required);
    f.not_after_event = true;
    return f;
}

FieldSpec inaugurated_on_field() {
    FieldSpec f = dated_not_after_event("date", "inauguration date");
    f.not_before_opened = true;
    return f;
}

FieldSpec case_field(std::string name, std::string help, bool required) {
    FieldSpec f = text_field(std::move(name), std::move(help), required);
    f.case_reference = true;
    return f;
}

FieldSpec period_until_field(std::string help) {
    FieldSpec f = date_field("until", std::move(help));
    f.check = [](const json::value& v, const json::object& payload, TimePoint) -> std::optional<std::string> {
        auto from = parse_date(text(payload, "from"));
        auto until = parse_date(std::string_view(v.get_string()));
        if (!from || !until || std::chrono::sys_days{*until} >= std::chrono::sys_days{*from})
            return std::nullopt;  // `from` refuses a bad date
        return "lies before 'from' (" + format_date(*from) + "): the period must run from 'from' to 'until'";
    };
    return f;
}

EventSpec recommendation_requested_event() {
    return {"recommendation_requested",
            {info_field("ref", "letter number"),
             derived_field("body", FieldType::string, "the oversight body in charge on the event's date"),
             derived_field("requested_on", FieldType::date, "the event's local date")},
            {"admin"},
            "request the oversight body's recommendation"};
}

EventSpec recommendation_received_event() {
    return {"recommendation_received",
            {choice_field("decision", {"approve", "reject"}, "the recommendation"), info_field("ref", "letter number"),
             free_text_field("notes", "notes", false)},
            {"admin"},
            "record the oversight body's recommendation"};
}

EventSpec ministerial_approval_event() {
    return {"ministerial_approval_recorded",
            {info_field("letter", "the Minister of Home Affairs' letter number"), dated_not_after_event("date", "letter date")},
            {"admin"},
            "record the written approval of the Minister of Home Affairs"};
}

EventSpec withdrawn_event() {
    return {"withdrawn", {free_text_field("reason", "why the case is withdrawn")}, {"admin"}, "withdraw the case"};
}

EventSpec inauguration_scheduled_event() {
    return {"inauguration_scheduled",
            {date_field("date", "inauguration date"),
             derived_field("election_window", FieldType::object, "the election window the date falls in", false)},
            {"admin"},
            "schedule the inauguration"};
}

EventSpec inaugurated_event() {
    return {"inaugurated",
            {inaugurated_on_field(), info_field("sk_number", "decree (SK) number"),
             derived_field("election_window", FieldType::object, "the election window the date falls in", false)},
            {"admin"},
            "record the inauguration (pelantikan)"};
}

Result<void> snapshot_profile(json::object& payload, std::string_view event,
                              const std::map<std::string, rules::ScoringProfile>& profiles,
                              const std::string& fallback, std::string_view name_field) {
    std::string name = fallback;
    if (const json::value* p = payload.if_contains(name_field); p && p->is_string())
        name = std::string(p->get_string());
    auto it = profiles.find(name);
    if (it == profiles.end()) {
        std::vector<std::string> names;
        for (const auto& [n, p] : profiles) names.push_back(n);
        return make_error(errc::invalid_input,
                          std::string(event) + ": field '" + std::string(name_field) + "': no scoring profile '" +
                              name + "' (profiles: " + joined(names) + ")",
                          std::string(name_field));
    }
    payload["scoring_profile"] = profile_json(it->second);
    return {};
}

void snapshot_oversight(json::object& payload, Date today, const std::vector<rules::OversightBody>& bodies) {
    payload["body"] = rules::oversight_body(today, bodies);
    payload["requested_on"] = format_date(today);
}

void snapshot_election_window(json::object& payload, Date today, const std::vector<rules::ElectionWindow>& windows,
                              std::string_view date_key) {
    payload[date_key] = format_date(today);
    snapshot_window_of_date(payload, windows, date_key);
}

void snapshot_window_of_date(json::object& payload, const std::vector<rules::ElectionWindow>& windows,
                             std::string_view date_key) {
    payload.erase("election_window");
    const json::value* text = payload.if_contains(date_key);
    if (!text || !text->is_string()) return;
    auto d = parse_date(std::string_view(text->get_string()));
    if (!d) return;
    if (auto w = rules::window_containing(windows, *d)) payload["election_window"] = window_json(*w);
}

}  // namespace alur::workflows
