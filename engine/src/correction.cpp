// Corrections without rewriting: a `corrected` event records a new value for
// one payload field of an earlier event. The original row stays as it was
// (the hash chain is untouched); replay applies the correction from the
// correction on, so history shows both, side by side.
#include "alur/engine/engine.hpp"
#include "alur/engine/case_list.hpp"
#include "alur/engine/corrections.hpp"
#include "alur/engine/json.hpp"
#include "alur/engine/text.hpp"

#include "pipeline.hpp"
#include "replay.hpp"

#include <boost/json.hpp>
#include <spdlog/logger.h>

#include <algorithm>

namespace alur {
namespace {

namespace json = boost::json;

Error bad(const std::string& why, const std::string& field) {
    return make_error(errc::invalid_input, std::string(correction_event) + ": " + why, field);
}

// A correction never changes a decision already taken: replaying the case as
// if the corrected value had been recorded in the first place (the correction
// placed right after the event it corrects) must accept every recorded event
// and leave the case in the same state after each of them.
Result<void> same_decisions(const Workflow& wf, const std::vector<EventRecord>& events, const EventRecord& draft,
                            std::int64_t target_seq) {
    std::vector<ReplayStep> recorded;
    if (auto m = detail::replay_events(wf, events, {}, &recorded); !m) return m.error();
    std::vector<EventRecord> patched;
    patched.reserve(events.size() + 1);
    for (const EventRecord& e : events) {
        patched.push_back(e);
        if (e.seq == target_seq) patched.push_back(draft);
    }
    const std::string what = "corrected: the correction of event " + std::to_string(target_seq) + " (" +
                             events[static_cast<std::size_t>(target_seq - 1)].name + ") would change a decision "
                             "already taken: ";
    std::vector<ReplayStep> replayed;
    auto m = detail::replay_events(wf, patched, {}, &replayed);
    if (!m) {
        // Name the recorded event that would now be refused, and its rule.
        std::string message = m.error().message;
        if (auto at = message.find(" event "); at != std::string::npos) message = message.substr(at + 1);
        const std::string on_replay = " is refused on replay: ";
        if (auto at = message.find(on_replay); at != std::string::npos)
            message.replace(at, on_replay.size(), " would then be refused: ");
        return make_error(errc::refused, what + message);
    }
    std::size_t k = 0;
    for (const ReplayStep& step : replayed) {
        if (step.event.seq == draft.seq) continue;  // the inserted correction
        const ReplayStep& was = recorded[k++];
        if (step.after != was.after)
            return make_error(errc::refused, what + "event " + std::to_string(was.event.seq) + " (" + was.event.name +
                                                 ") would leave the case in " + step.after + " instead of " +
                                                 was.after);
    }
    return {};
}

}  // namespace

Result<std::unique_ptr<Engine::Pending>> Engine::decide_correction(const Command& command, const Workflow& wf,
                                                                  const std::shared_ptr<Slot>& slot) {
    if (command.role != "admin")
        return make_error(errc::forbidden, "role '" + command.role + "' may not submit corrected (allowed: admin)");
    const json::object& p = command.payload;
    for (const auto& kv : p)
        if (kv.key() != "of" && kv.key() != "field" && kv.key() != "value" && kv.key() != "reason")
            return bad("unknown field '" + std::string(kv.key()) + "' (fields: of, field, value, reason)",
                       std::string(kv.key()));
    const json::value* of = p.if_contains("of");
    const json::value* field = p.if_contains("field");
    const json::value* value = p.if_contains("value");
    const json::value* why = p.if_contains("reason");
    if (!of || !of->is_int64() || of->get_int64() < 1) return bad("field 'of' must be the seq of an earlier event", "of");
    if (!field || !field->is_string() || field->get_string().empty()) return bad("field 'field' is required", "field");
    if (!value || value->is_null()) return bad("field 'value' is required", "value");
    if (!why || !why->is_string() || why->get_string().empty()) return bad("field 'reason' is required", "reason");

    auto record = options_.journal->find_case(command.case_id);
    if (!record) return record.error();
    if (command.expected_version && *command.expected_version != record->version)
        return version_conflict(record->id, record->version, *command.expected_version);
    const TimePoint occurred_at = command.occurred_at.value_or(options_.clock->now());
    if (auto ok = check_order(*record, occurred_at); !ok) return ok.error();
    auto events = options_.journal->case_events(record->id);
    if (!events) return events.error();
    const std::int64_t target_seq = of->get_int64();
    if (target_seq > record->version)
        return bad("case " + record->id + " has no event " + std::to_string(target_seq) + " (it has " +
                       std::to_string(record->version) + ")",
                   "of");
    const EventRecord& target = (*events)[static_cast<std::size_t>(target_seq - 1)];
    if (is_engine_event(target.name))
        return bad("event " + std::to_string(target_seq) + " (" + target.name +
                       ") is the engine's own; only workflow events can be corrected",
                   "of");
    const EventSpec* spec = wf.find_event(target.name);
    const std::string name(field->get_string());
    auto f = spec ? std::find_if(spec->fields.begin(), spec->fields.end(),
                                 [&](const FieldSpec& fs) { return fs.name == name && !fs.derived; })
                  : std::vector<FieldSpec>::const_iterator{};
    if (!spec || f == spec->fields.end()) {
        std::string names;
        if (spec)
            for (const auto& fs : spec->fields)
                if (!fs.derived) names += (names.empty() ? "" : ", ") + fs.name;
        return bad(target.name + " has no correctable field '" + name + "' (fields: " + names + ")", "field");
    }
    if (auto ok = check_text("corrected: field 'reason'", why->get_string(), TextKind::free_text, max_free_text_chars);
        !ok)
        return make_error(errc::invalid_input, ok.error().message, "reason");
    if (wf.is_final(record->state) && !f->informational)
        return make_error(errc::refused, "corrected: case " + record->id + " is closed (" + record->state +
                                             "): only fields that no rule reads (names, free text) may be corrected, "
                                             "and " + target.name + "." + name + " is read by the workflow's rules");
    // The corrected payload must still be a valid payload of that event, as
    // judged at that event's own time.
    auto original = parse_json_object(target.payload, "payload");
    if (!original) return make_error(errc::corrupt, original.error().message);
    (*original)[name] = *value;
    auto checked = validate_payload(*spec, *original, target.occurred_at);
    if (!checked) return make_error(errc::invalid_input, "corrected: " + checked.error().message, "value");
    if (auto ok = check_context(*spec, *checked, target.occurred_at, record->opened_at); !ok)
        return make_error(errc::invalid_input, "corrected: " + ok.error().message, "value");

    json::object payload{{"of", target_seq}, {"field", name}, {"value", checked->at(name)}, {"reason", *why}};
    EventRecord draft;
    draft.case_id = record->id;
    draft.seq = record->version + 1;
    draft.name = correction_event;
    draft.payload = canonical_json(payload);
    draft.occurred_at = occurred_at;
    if (auto same = same_decisions(wf, *events, draft, target_seq); !same) return same.error();
    events->push_back(draft);
    auto machine = detail::replay_events(wf, *events);
    if (!machine)
        return make_error(errc::refused, "the correction of event " + std::to_string(target_seq) + " (" + target.name +
                                             ") is refused: " + machine.error().message);

    CommitRequest request;
    request.case_id = record->id;
    request.case_prefix = wf.case_prefix();
    request.expected_version = record->version;
    request.event = NewEvent{correction_event, draft.payload,  command.actor, command.role,
                             command.reason,   occurred_at,    options_.clock->now()};
    request.event.recorded_by = command.recorded_by;
    request.projection.workflow = wf.name();
    request.projection.state = (*machine)->state();
    request.projection.data = canonical_json((*machine)->data());
    request.projection.summary = with_links(wf.summary((*machine)->data()), (*machine)->data());  // a corrected name or unit reaches the list
    request.projection.due_at = record->due_at;
    if ((*machine)->state() != record->state) {
        request.timers.emplace();
        request.projection.due_at.reset();
        if (const DeadlineRule* rule = deadline_rule(wf.name(), (*machine)->state());
            rule && !wf.is_final((*machine)->state())) {
            *request.timers = timers_for_state({}, (*machine)->state(), *rule, occurred_at, options_.deadline_clock);
            request.projection.due_at = due_time_for(*rule, occurred_at, options_.deadline_clock);
        }
    }
    if (command.idempotency_key)
        request.idempotency = IdempotencyRecord{*command.idempotency_key, command_fingerprint(command), {}, 0};
    // Decided from the journal, not on the slot: a command still queued for
    // the case makes this commit meet a newer version and be decided again.
    auto out = std::make_unique<Pending>();
    out->state_before = record->state;
    out->unit.requests.push_back(std::move(request));
    out->machines.push_back(std::move(*machine));
    out->bytes = out->unit.requests.front().event.payload.size() + out->unit.requests.front().projection.data.size();
    out->slot = slot;
    options_.logger->info("{} correcting event {} field {} by {} ({})", record->id, target_seq, name, command.actor,
                          command.role);
    return out;
}

}  // namespace alur

namespace alur {

std::map<std::int64_t, std::vector<Correction>> corrections_of(const std::vector<EventRecord>& events) {
    std::map<std::int64_t, std::vector<Correction>> out;
    std::map<std::int64_t, const EventRecord*> by_seq;
    for (const auto& e : events) {
        by_seq[e.seq] = &e;
        if (e.name != correction_event) continue;
        boost::system::error_code ec;
        const auto payload = boost::json::parse(e.payload, ec);
        if (ec || !payload.is_object()) continue;
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
        auto& earlier = out[of->get_int64()];
        const auto previous = std::find_if(earlier.rbegin(), earlier.rend(),
                                           [&](const Correction& x) { return x.field == c.field; });
        if (previous != earlier.rend()) {
            c.before = previous->value;
        } else if (auto target = by_seq.find(of->get_int64()); target != by_seq.end()) {
            const auto original = boost::json::parse(target->second->payload, ec);
            if (!ec && original.is_object())
                if (const auto* v = original.get_object().if_contains(c.field)) c.before = *v;
        }
        earlier.push_back(std::move(c));
    }
    return out;
}

}  // namespace alur
