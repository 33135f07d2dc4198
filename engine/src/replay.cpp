#include "replay.hpp"

#include "alur/engine/json.hpp"

#include <boost/json.hpp>

#include <map>

namespace alur::detail {
namespace {

namespace json = boost::json;

using Patches = std::map<std::int64_t, json::object>;  // seq -> field -> corrected value

Error refused_on_replay(const EventRecord& e, const std::string& why) {
    return make_error(errc::corrupt, "case " + e.case_id + " event " + std::to_string(e.seq) + " (" + e.name +
                                         ") is refused on replay: " + why);
}

Result<json::object> payload_of(const EventRecord& e, const Patches& patches) {
    auto payload = parse_json_object(e.payload, "payload");
    if (!payload)
        return make_error(errc::corrupt, "case " + e.case_id + " event " + std::to_string(e.seq) + " (" + e.name +
                                             "): stored payload is not a JSON object");
    if (auto p = patches.find(e.seq); p != patches.end())
        for (const auto& kv : p->second) (*payload)[kv.key()] = kv.value();
    return payload;
}

Result<void> apply(CaseMachine& m, const EventRecord& e, const Patches& patches) {
    auto payload = payload_of(e, patches);
    if (!payload) return payload.error();
    EventInput in{e.name, std::move(*payload), e.occurred_at, e.actor, e.role, e.seq};
    if (auto r = m.apply(in); !r) return refused_on_replay(e, r.error().message);
    return {};
}

}  // namespace

Result<std::unique_ptr<CaseMachine>> replay_events(const Workflow& wf, const std::vector<EventRecord>& events,
                                                   const ReplayLimits& limits, std::vector<ReplayStep>* steps) {
    auto machine = wf.create();
    Patches patches;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const EventRecord& e = events[i];
        if (limits.upto_seq && e.seq > limits.upto_seq) break;
        if (limits.as_of && e.occurred_at > *limits.as_of) break;
        const std::string before = machine->state();
        if (e.name == correction_event) {
            auto c = payload_of(e, {});
            if (!c) return c.error();
            const json::value* of = c->if_contains("of");
            const json::value* field = c->if_contains("field");
            const json::value* value = c->if_contains("value");
            if (!of || !of->is_int64() || !field || !field->is_string() || !value)
                return refused_on_replay(e, "a correction needs of, field and value");
            patches[of->get_int64()][field->get_string()] = *value;
            // Rebuild from the start with every correction so far.
            machine = wf.create();
            for (std::size_t j = 0; j < i; ++j)
                if (!is_engine_event(events[j].name))
                    if (auto r = apply(*machine, events[j], patches); !r) return r.error();
        } else if (!is_engine_event(e.name)) {
            if (auto r = apply(*machine, e, patches); !r) return r.error();
        }
        if (steps) steps->push_back(ReplayStep{e, before, machine->state()});
    }
    return machine;
}

}  // namespace alur::detail
