// The engine's boundary: what every command must be before it is decided,
// whichever adapter it came from (CLI, HTTP, roster import, timers, a later
// one). Whatever passes here can be stored, read back, replayed and verified
// forever; whatever fails is refused with the field named and nothing written.
#include "alur/engine/engine.hpp"
#include "alur/engine/text.hpp"

#include <boost/json/value.hpp>

namespace alur {
namespace {

namespace json = boost::json;

Result<void> check_name(std::string_view field, std::string_view text) {
    return check_text(field, text, TextKind::line, max_name_chars);
}

}  // namespace

Result<void> Engine::check_command(const Command& c) const {
    if (c.case_id.empty() && c.workflow.empty())
        return make_error(errc::invalid_input, "a command names a case, or a workflow to open one in", "case");
    if (!c.case_id.empty())
        if (auto ok = check_name("case", c.case_id); !ok) return ok;
    if (!c.workflow.empty())
        if (auto ok = check_name("workflow", c.workflow); !ok) return ok;
    if (!c.event.empty())
        if (auto ok = check_name("event", c.event); !ok) return ok;
    if (auto ok = check_name("actor", c.actor); !ok) return ok;
    if (auto ok = check_name("role", c.role); !ok) return ok;
    if (auto ok = check_text("reason", c.reason, TextKind::free_text, max_free_text_chars, false); !ok) return ok;
    if (c.idempotency_key)
        if (auto ok = check_name("idempotency_key", *c.idempotency_key); !ok) return ok;
    if (c.expected_version && *c.expected_version < 0)
        return make_error(errc::invalid_input, "expected_version must not be negative", "expected_version");
    // Every text and number of the payload, before the workflow reads any of
    // it; the fields' own types and limits are checked by validate_payload.
    for (const auto& kv : c.payload) {
        if (auto ok = check_text("payload: a field name", kv.key(), TextKind::line, max_name_chars); !ok)
            return make_error(errc::invalid_input, ok.error().message, "payload");
        if (auto ok = check_json_text(kv.key(), kv.value()); !ok) return ok;
    }
    if (c.occurred_at)
        if (auto ok = check_occurred_at(*c.occurred_at, "at"); !ok) return ok;
    return {};
}

Result<void> Engine::check_occurred_at(TimePoint t, std::string_view field) const {
    if (!in_range(t))
        return make_error(errc::invalid_input,
                          std::string(field) + " " + format_utc(t) +
                              " is outside the times Alur accepts (1900-01-01 to 2200-12-31)",
                          std::string(field));
    const TimePoint latest = options_.clock->now() + options_.max_future_skew;
    if (t > latest)
        return make_error(errc::invalid_input,
                          std::string(field) + " " + format_local(t, options_.timezone) +
                              " lies in the future (at most " +
                              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options_.max_future_skew).count()) +
                              " s after now, " + format_local(options_.clock->now(), options_.timezone) +
                              "; [journal] max_future_skew)",
                          std::string(field));
    return {};
}

Result<void> Engine::check_order(const CaseRecord& record, TimePoint t) const {
    if (t < record.updated_at)
        return make_error(errc::invalid_input,
                          "at " + format_local(t, options_.timezone) + " lies before the last event of case " +
                              record.id + " (" + format_local(record.updated_at, options_.timezone) +
                              "): a case's events are entered in the order they happened",
                          "at");
    return {};
}

Result<void> Engine::check_context(const EventSpec& spec, const json::object& payload, TimePoint occurred_at,
                                   TimePoint opened_at) {
    const Date event_day = local_date(occurred_at, options_.timezone);
    const Date opened_day = local_date(opened_at, options_.timezone);
    for (const FieldSpec& f : spec.fields) {
        const json::value* v = payload.if_contains(f.name);
        if (!v || !v->is_string()) continue;
        const std::string_view text = v->get_string();
        auto refuse = [&](const std::string& why) {
            return make_error(errc::invalid_input, spec.name + ": field '" + f.name + "' " + why, f.name);
        };
        if (f.type == FieldType::date && (f.not_after_event || f.not_before_opened)) {
            auto d = parse_date(text);
            if (!d) continue;  // validate_payload refused it already
            if (f.not_after_event && *d > event_day)
                return refuse("(" + std::string(text) + ") lies after the event's own date (" + format_date(event_day) +
                              ")");
            if (f.not_before_opened && *d < opened_day)
                return refuse("(" + std::string(text) + ") lies before the case was opened (" +
                              format_date(opened_day) + ")");
        }
        if (f.case_reference) {
            auto found = options_.journal->find_case(text);
            if (!found && found.error().code == errc::not_found)
                return refuse("names case " + std::string(text) + ", which does not exist");
            if (!found) return found.error();
        }
        if (!f.reference_kind.empty()) {
            if (!options_.reference_exists)
                return refuse("names a " + f.reference_kind + " that cannot be checked here");
            auto exists = options_.reference_exists(f.reference_kind, text);
            if (!exists) return exists.error();
            if (!*exists) return refuse("names " + f.reference_kind + " " + std::string(text) + ", which does not exist");
        }
    }
    return {};
}

}  // namespace alur
