#include "table_workflow.hpp"

#include "case_data.hpp"

#include <algorithm>
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
    for (const auto& t : transitions_) {
        add(t.from);
        if (!find_event(t.event)) throw std::logic_error(name_ + ": event without a spec: " + t.event);
    }
    for (const auto& t : transitions_) add(t.to);
    for (const auto& s : states_)
        if (events_from(s).empty()) finals_.push_back(s);
}

FieldSpec text_field(std::string name, std::string help, bool required) {
    return FieldSpec{std::move(name), FieldType::string, required, {}, 0, 0, false, false, std::move(help)};
}
FieldSpec date_field(std::string name, std::string help, bool required) {
    return FieldSpec{std::move(name), FieldType::date, required, {}, 0, 0, false, false, std::move(help)};
}
FieldSpec choice_field(std::string name, std::vector<std::string> choices, std::string help, bool required) {
    return FieldSpec{std::move(name), FieldType::choice, required, std::move(choices), 0, 0, false, false,
                     std::move(help)};
}
FieldSpec number_field(std::string name, double min, double max, std::string help, bool required) {
    return FieldSpec{std::move(name), FieldType::number, required, {}, min, max, true, false, std::move(help)};
}
FieldSpec integer_field(std::string name, double min, double max, std::string help, bool required) {
    return FieldSpec{std::move(name), FieldType::integer, required, {}, min, max, true, false, std::move(help)};
}
FieldSpec derived_field(std::string name, FieldType type, std::string help, bool required) {
    return FieldSpec{std::move(name), type, required, {}, 0, 0, false, true, std::move(help)};
}

EventSpec recommendation_requested_event() {
    return {"recommendation_requested",
            {text_field("ref", "letter number"),
             derived_field("body", FieldType::string, "KASN or BKN by the event's date"),
             derived_field("requested_on", FieldType::date, "the event's local date")},
            {"admin"},
            "request the oversight body's recommendation"};
}

EventSpec recommendation_received_event() {
    return {"recommendation_received",
            {choice_field("decision", {"approve", "reject"}, "the recommendation"), text_field("ref", "letter number"),
             text_field("notes", "notes", false)},
            {"admin"},
            "record the oversight body's recommendation"};
}

EventSpec ministerial_approval_event() {
    return {"ministerial_approval_recorded",
            {text_field("letter", "the Minister of Home Affairs' letter number"), date_field("date", "letter date")},
            {"admin"},
            "record the written approval of the Minister of Home Affairs"};
}

EventSpec withdrawn_event() {
    return {"withdrawn", {text_field("reason", "why the case is withdrawn")}, {"admin"}, "withdraw the case"};
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

void snapshot_oversight(json::object& payload, Date today, Date oversight_switch) {
    payload["body"] = rules::oversight_body(today, oversight_switch);
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
