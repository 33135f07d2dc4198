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

/// The replay: `at(i)` is the i-th event, `step(i, before, after)` is called
/// once it has been applied (and `at(i)` is not asked for again after that
/// unless step keeps it: corrections rebuild from the earlier events).
template <class At, class Step>
Result<std::unique_ptr<CaseMachine>> run(const Workflow& wf, std::size_t n, const At& at, const ReplayLimits& limits,
                                         const Step& step) {
    auto machine = wf.create();
    Patches patches;
    for (std::size_t i = 0; i < n; ++i) {
        const EventRecord& e = at(i);
        if (limits.upto_seq && e.seq > limits.upto_seq) break;
        if (limits.as_of && e.occurred_at > *limits.as_of) break;
        std::string before = machine->state();
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
                if (!is_engine_event(at(j).name))
                    if (auto r = apply(*machine, at(j), patches); !r) return r.error();
        } else if (!is_engine_event(e.name)) {
            if (auto r = apply(*machine, e, patches); !r) return r.error();
        }
        step(i, std::move(before), machine->state());
    }
    return machine;
}

}  // namespace

Result<std::unique_ptr<CaseMachine>> replay_events(const Workflow& wf, const std::vector<EventRecord>& events,
                                                   const ReplayLimits& limits, std::vector<ReplayStep>* steps) {
    return run(
        wf, events.size(), [&](std::size_t i) -> const EventRecord& { return events[i]; }, limits,
        [&](std::size_t i, std::string before, std::string after) {
            if (steps) steps->push_back(ReplayStep{events[i], std::move(before), std::move(after)});
        });
}

Result<std::unique_ptr<CaseMachine>> replay_into_steps(const Workflow& wf, std::vector<EventRecord>&& events,
                                                       std::vector<ReplayStep>& steps) {
    steps.clear();
    steps.reserve(events.size());
    return run(
        wf, events.size(),
        [&](std::size_t i) -> const EventRecord& { return i < steps.size() ? steps[i].event : events[i]; }, {},
        [&](std::size_t i, std::string before, std::string after) {
            steps.push_back(ReplayStep{std::move(events[i]), std::move(before), std::move(after)});
        });
}

}  // namespace alur::detail
