#include "event_rows.hpp"

#include "alur/engine/engine.hpp"
#include "alur/engine/text.hpp"
#include "messages.hpp"
#include "output.hpp"

namespace alur::cli {

std::map<std::int64_t, std::vector<Correction>> corrections_of(const std::vector<EventRecord>& events) {
    std::map<std::int64_t, std::vector<Correction>> out;
    for (const auto& e : events) {
        if (e.name != correction_event) continue;
        const auto payload = parse_stored(e.payload);
        if (!payload.is_object()) continue;
        const auto& p = payload.get_object();
        const auto* of = p.if_contains("of");
        const auto* field = p.if_contains("field");
        const auto* value = p.if_contains("value");
        if (!of || !of->is_int64() || !field || !field->is_string() || !value) continue;
        Correction c;
        c.by_seq = e.seq;
        c.by_global_seq = e.global_seq;
        c.field = std::string(field->get_string());
        c.value = *value;
        const auto* why = p.if_contains("reason");
        c.reason = why && why->is_string() ? std::string(why->get_string()) : e.reason;
        c.actor = e.actor;
        c.occurred_at = e.occurred_at;
        out[of->get_int64()].push_back(std::move(c));
    }
    return out;
}

std::string correction_text(const Correction& c) {
    return trf(M::history_corrected_by,
               {std::to_string(c.by_seq), escape_controls(c.field), compact_json(c.value), escape_controls(c.reason)});
}

boost::json::object correction_json(const Correction& c, const TimeZone& tz) {
    return {{"by_seq", c.by_seq},
            {"by_global_seq", c.by_global_seq},
            {"field", c.field},
            {"value", c.value},
            {"reason", c.reason},
            {"actor", c.actor},
            {"occurred_at", format_local(c.occurred_at, tz)}};
}

}  // namespace alur::cli
