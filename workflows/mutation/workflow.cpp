// The mutation workflow's vocabulary (events, payload fields, roles) and the
// configuration facts `prepare` copies into payloads. The states and
// transitions come from the MSM table in machine.cpp.
#include "machine.hpp"

#include "alur/workflows/mutation.hpp"

#include <algorithm>
#include <stdexcept>

namespace alur::mutation {

const std::vector<std::string>& record_items() {
    static const std::vector<std::string> items{"career_history", "achievements",  "skp",
                                                "edijab",         "competency_test", "superior_recommendation",
                                                "neutrality",     "discipline"};
    return items;
}

namespace {

namespace json = boost::json;

FieldSpec text(std::string name, std::string help, bool required = true) {
    return FieldSpec{std::move(name), FieldType::string, required, {}, 0, 0, false, false, std::move(help)};
}
FieldSpec date(std::string name, std::string help, bool required = true) {
    return FieldSpec{std::move(name), FieldType::date, required, {}, 0, 0, false, false, std::move(help)};
}
FieldSpec choice(std::string name, std::vector<std::string> choices, std::string help) {
    return FieldSpec{std::move(name), FieldType::choice, true, std::move(choices), 0, 0, false, false, std::move(help)};
}
FieldSpec derived(std::string name, FieldType type, std::string help, bool required = true) {
    return FieldSpec{std::move(name), type, required, {}, 0, 0, false, true, std::move(help)};
}

const std::vector<std::string> admin{"admin"};

std::vector<EventSpec> event_specs() {
    FieldSpec score{"value", FieldType::number, true, {}, 0, 100, true, false, "score 0-100"};
    return {
        {"opened",
         {text("nip", "18-digit NIP"), text("name", "the official's name"),
          choice("grade", rules::grades(), "grade (jenjang jabatan)"), text("post", "current post"),
          text("target", "proposed post", false), text("unit", "OPD / unit", false),
          date("inaugurated_at", "inaugurated into the current post on"),
          text("profile", "scoring profile name (default: the configured default)", false),
          derived("scoring_profile", FieldType::object, "the scoring profile in effect")},
         admin,
         "open a mutation case"},
        {"record_added",
         {choice("item", record_items(), "record item"), text("value", "what was found"),
          text("source", "where it comes from", false)},
         admin,
         "record one track-record item (a later value replaces an earlier one)"},
        {"records_completed", {}, admin, "close record gathering"},
        {"visit_scheduled", {date("date", "visit date"), text("team", "visiting team")}, admin, "schedule the field visit"},
        {"interview_recorded",
         {choice("role", {"rt_head", "community_figure", "neighbour"}, "who was interviewed"),
          text("name", "interviewee"), text("summary", "what they said")},
         admin,
         "record one field-visit interview"},
        {"visit_completed", {}, admin, "close the field visit"},
        {"score_recorded", {text("component", "scoring component of the profile"), score}, admin, "record one score"},
        {"scoring_completed", {}, admin, "compute the weighted total and outcome"},
        {"recommendation_requested",
         {text("ref", "letter number"), derived("body", FieldType::string, "KASN or BKN by the event's date"),
          derived("requested_on", FieldType::date, "the event's local date")},
         admin,
         "request the oversight body's recommendation"},
        {"recommendation_received",
         {choice("decision", {"approve", "reject"}, "the recommendation"), text("ref", "letter number"),
          text("notes", "notes", false)},
         admin,
         "record the oversight body's recommendation"},
        {"ppk_decided",
         {choice("decision", {"approve", "reject"}, "the PPK's decision"), text("post", "the post decided"),
          text("sk_number", "decree (SK) number"), derived("decided_on", FieldType::date, "the event's local date"),
          derived("election_window", FieldType::object, "the election window the date falls in", false)},
         {"ppk"},
         "the PPK's decision"},
        {"inauguration_scheduled", {date("date", "inauguration date")}, admin, "schedule the inauguration"},
        {"inaugurated", {date("date", "inauguration date"), text("sk_number", "decree (SK) number")}, admin,
         "record the inauguration (pelantikan)"},
        {"withdrawn", {text("reason", "why the case is withdrawn")}, admin, "withdraw the case"},
        {"ministerial_approval_recorded",
         {text("letter", "the Minister of Home Affairs' letter number"), date("date", "letter date")},
         admin,
         "record the written approval of the Minister of Home Affairs"},
        {"exception_recorded",
         {choice("kind", {"legal_violation", "requirements_unmet"}, "exception to the two-year rule"),
          text("ref", "reference (report, finding)")},
         admin,
         "record an exception to the two-year rule (UU 5/2014 art. 116)"},
    };
}

json::object profile_json(const rules::ScoringProfile& p) {
    json::object weights;
    for (const auto& [c, w] : p.weights) weights[c] = w;
    return {{"name", p.name}, {"weights", weights}, {"keep_at", p.keep_at}, {"rotate_at", p.rotate_at}};
}

class MutationWorkflow final : public Workflow {
public:
    explicit MutationWorkflow(Settings settings)
        : settings_(std::move(settings)), events_(event_specs()), transitions_(detail::transition_table()) {
        // States in table order: every source state, then the targets that are
        // never a source (the final states).
        auto add = [this](const std::string& s) {
            if (std::find(states_.begin(), states_.end(), s) == states_.end()) states_.push_back(s);
        };
        for (const auto& t : transitions_) {
            add(t.from);
            if (!find_event(t.event)) throw std::logic_error("mutation: event without a spec: " + t.event);
        }
        for (const auto& t : transitions_) add(t.to);
        for (const auto& s : states_)
            if (events_from(s).empty()) finals_.push_back(s);
    }

    std::string name() const override { return "mutation"; }
    std::string case_prefix() const override { return "MUT"; }
    std::string open_event() const override { return "opened"; }
    const std::vector<std::string>& states() const override { return states_; }
    const std::vector<std::string>& final_states() const override { return finals_; }
    const std::vector<EventSpec>& events() const override { return events_; }
    const std::vector<TransitionSpec>& transitions() const override { return transitions_; }
    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period; README's
    // "Deadlines" section lists them. The oversight body gets the longest.
    DeadlinePolicy default_deadlines() const override {
        return {{"record_gathering", {10, {3, 1}, 2}}, {"field_visit", {10, {3, 1}, 2}},
                {"scoring", {5, {2, 1}, 2}},           {"recommendation", {20, {5, 2}, 5}},
                {"ppk_decision", {10, {3, 1}, 2}},     {"inauguration", {10, {3, 1}, 2}}};
    }

    std::string subject(const json::object& data) const override {
        const json::value* o = data.if_contains("official");
        if (!o || !o->is_object()) return {};
        auto field = [&](const char* key) {
            const json::value* v = o->get_object().if_contains(key);
            return v && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        std::string name = field("name"), nip = field("nip");
        return nip.empty() ? name : name + " (NIP " + nip + ")";
    }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        const Date today = local_date(at, settings_.timezone);
        if (event == "opened") {
            std::string name = settings_.default_profile;
            if (const json::value* p = payload.if_contains("profile"); p && p->is_string())
                name = std::string(p->get_string());
            auto it = settings_.profiles.find(name);
            if (it == settings_.profiles.end()) {
                std::string names;
                for (const auto& [n, p] : settings_.profiles) names += (names.empty() ? "" : ", ") + n;
                return make_error(errc::invalid_input,
                                  "opened: field 'profile': no scoring profile '" + name + "' (profiles: " + names + ")",
                                  "profile");
            }
            payload["scoring_profile"] = profile_json(it->second);
        } else if (event == "recommendation_requested") {
            payload["body"] = rules::oversight_body(today, settings_.oversight_switch);
            payload["requested_on"] = format_date(today);
        } else if (event == "ppk_decided") {
            payload["decided_on"] = format_date(today);
            payload.erase("election_window");
            if (auto w = rules::window_containing(settings_.election_windows, today))
                payload["election_window"] = json::object{{"label", w->label},
                                                          {"from", format_date(w->from)},
                                                          {"until", format_date(w->until)},
                                                          {"rule", w->rule}};
        }
        return payload;
    }

private:
    Settings settings_;
    std::vector<EventSpec> events_;
    std::vector<TransitionSpec> transitions_;
    std::vector<std::string> states_;
    std::vector<std::string> finals_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<MutationWorkflow>(std::move(settings));
}

}  // namespace alur::mutation
