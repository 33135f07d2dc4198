#include "alur/engine/engine.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/engine/json.hpp"

#include "pipeline.hpp"
#include "replay.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>

namespace alur {

bool is_timer_event(std::string_view name) { return name == reminder_event || name == deadline_event; }

bool is_engine_event(std::string_view name) { return is_timer_event(name) || name == correction_event; }

Engine::Engine(EngineOptions options) : options_(std::move(options)), pipeline_(std::make_unique<Pipeline>()) {
    if (!options_.clock) options_.clock = std::make_shared<SystemClock>();
    if (!options_.logger) {
        options_.logger = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::null_sink_mt>());
        options_.logger->set_level(spdlog::level::off);  // nothing formatted for nobody
    }
    if (!options_.recipients)
        options_.recipients = [](std::string_view, std::string_view) { return std::vector<std::string>{"role:admin"}; };
    if (options_.channels.empty()) options_.channels = {"log"};
}

const DeadlineRule* Engine::deadline_rule(std::string_view workflow, std::string_view state) const {
    if (auto it = options_.deadlines.find(workflow); it != options_.deadlines.end()) {
        auto rule = it->second.find(state);
        if (rule != it->second.end()) return &rule->second;
    }
    auto wf = workflows_.find(workflow);
    if (wf == workflows_.end()) return nullptr;
    auto found = default_deadlines_.find(workflow);
    if (found == default_deadlines_.end()) return nullptr;
    auto rule = found->second.find(state);
    return rule == found->second.end() ? nullptr : &rule->second;
}

Engine::~Engine() {
    // The committer writes what is queued, then stops.
    {
        std::lock_guard lock(pipeline_->queue_mutex);
        pipeline_->stopping = true;
    }
    pipeline_->queue_cv.notify_all();
    if (pipeline_->committer.joinable()) pipeline_->committer.join();
}

void Engine::add_workflow(std::shared_ptr<const Workflow> workflow) {
    auto name = workflow->name();
    default_deadlines_[name] = workflow->default_deadlines();
    workflows_[name] = std::move(workflow);
}

const Workflow* Engine::find_workflow(std::string_view name) const {
    auto it = workflows_.find(name);
    return it == workflows_.end() ? nullptr : it->second.get();
}

std::vector<std::shared_ptr<const Workflow>> Engine::workflows() const {
    std::vector<std::shared_ptr<const Workflow>> out;
    for (const auto& [name, wf] : workflows_) out.push_back(wf);
    return out;
}

std::string command_fingerprint(const Command& c) {
    boost::json::object o;
    o["case"] = c.case_id.empty() ? "new:" + c.workflow : c.case_id;
    o["event"] = c.event;
    o["payload"] = c.payload;
    o["actor"] = c.actor;
    o["role"] = c.role;
    o["reason"] = c.reason;
    if (c.occurred_at) o["occurred_at"] = format_utc(*c.occurred_at);
    return sha256_hex(canonical_json(o));
}

Result<Engine::Decided> Engine::decide(const Workflow& wf, const EventSpec& spec, CaseMachine& machine,
                                       boost::json::object payload, const Command& command, TimePoint occurred_at,
                                       std::int64_t version, TimePoint opened_at) {
    auto prepared = wf.prepare(spec.name, std::move(payload), occurred_at);
    if (!prepared) return prepared.error();
    auto valid = validate_payload(spec, *prepared, occurred_at);
    if (!valid) return valid.error();
    if (auto ok = check_context(spec, *valid, occurred_at, opened_at); !ok) return ok.error();

    const std::string state_before = machine.state();
    const bool opening = version == 0;
    Decided out{{}, EventInput{spec.name, *valid, occurred_at, command.actor, command.role, version + 1}};
    if (auto applied = machine.apply(out.input); !applied) return applied.error();

    CommitRequest& request = out.request;
    request.case_prefix = wf.case_prefix();
    request.expected_version = version;
    request.event = NewEvent{spec.name,      canonical_json(*valid), command.actor, command.role,
                             command.reason, occurred_at,            options_.clock->now()};
    request.event.recorded_by = command.recorded_by;
    request.projection.workflow = wf.name();
    request.projection.state = machine.state();
    request.projection.data = canonical_json(machine.data());
    request.projection.summary = with_links(wf.summary(machine.data()), machine.data());  // the list columns, indexed by the journal
    if (opening || machine.state() != state_before) {
        // Entering a state sets its timers and cancels the previous state's.
        request.timers.emplace();
        const DeadlineRule* rule = deadline_rule(wf.name(), machine.state());
        if (rule && !wf.is_final(machine.state())) {
            *request.timers = timers_for_state({}, machine.state(), *rule, occurred_at, options_.deadline_clock);
            request.projection.due_at = due_time_for(*rule, occurred_at, options_.deadline_clock);
        }
    }
    return out;
}

Result<Outcome> Engine::answer_replayed(const IdempotencyRecord& rec, const std::string& fingerprint) {
    if (rec.fingerprint != fingerprint)
        return make_error(errc::conflict, "idempotency key '" + rec.key +
                                              "' was already used for a different command (case " + rec.case_id +
                                              ", event " + std::to_string(rec.seq) + ")",
                          "idempotency_key");
    auto record = options_.journal->find_case(rec.case_id);
    if (!record) return record.error();
    auto wf = workflow_of(*record);
    if (!wf) return wf.error();
    auto events = options_.journal->case_events(rec.case_id);
    if (!events) return events.error();
    std::vector<ReplayStep> steps;
    auto machine = detail::replay_events(**wf, *events, {rec.seq, std::nullopt}, &steps);
    if (!machine) return machine.error();
    const std::string before = steps.empty() ? std::string() : steps.back().before;
    auto it = std::find_if(events->begin(), events->end(), [&](const EventRecord& e) { return e.seq == rec.seq; });
    if (it == events->end()) return make_error(errc::corrupt, "idempotency key '" + rec.key + "' names a missing event");
    Outcome out;
    out.projection = *record;
    out.projection.state = (*machine)->state();
    out.projection.version = rec.seq;
    out.projection.data = canonical_json((*machine)->data());
    out.event = *it;
    out.state_before = before;
    out.replayed = true;
    return out;
}

Result<const Workflow*> Engine::workflow_of(const CaseRecord& record) const {
    if (const Workflow* wf = find_workflow(record.workflow)) return wf;
    return make_error(errc::corrupt, "case " + record.id + " belongs to unknown workflow '" + record.workflow + "'");
}

Result<CaseView> Engine::view(std::string_view case_id, std::string_view role) {
    auto record = options_.journal->find_case(case_id);
    if (!record) return record.error();
    auto wf = workflow_of(*record);
    if (!wf) return wf.error();
    CaseView view{*record, role.empty() ? (*wf)->events_from(record->state) : (*wf)->events_from(record->state, role)};
    return view;
}

Result<Engine::History> Engine::history(std::string_view case_id) {
    auto record = options_.journal->find_case(case_id);
    if (!record) return record.error();
    auto wf = workflow_of(*record);
    if (!wf) return wf.error();
    auto events = options_.journal->case_events(case_id);
    if (!events) return events.error();
    return History{std::move(*record), *wf, std::move(*events)};
}

Result<std::unique_ptr<CaseMachine>> Engine::replay(std::string_view case_id) {
    auto h = history(case_id);
    if (!h) return h.error();
    return detail::replay_events(*h->workflow, h->events);
}

Result<Engine::Replay> Engine::replay_steps(std::string_view case_id, std::optional<TimePoint> as_of) {
    auto h = history(case_id);
    if (!h) return h.error();
    const Workflow* wf = h->workflow;
    Replay out;
    out.workflow = h->record.workflow;
    auto machine = detail::replay_events(*wf, h->events, {0, as_of}, &out.steps);
    if (!machine) return machine.error();
    out.state = (*machine)->state();
    out.data = (*machine)->data();
    // The deadline then: from the event that entered the state it was in.
    const ReplayStep* entered = nullptr;
    for (const auto& step : out.steps)
        if (step.event.seq == 1 || step.before != step.after) entered = &step;
    if (entered && !wf->is_final(out.state))
        if (const DeadlineRule* rule = deadline_rule(wf->name(), out.state))
            out.due_at = due_time_for(*rule, entered->event.occurred_at, options_.deadline_clock);
    return out;
}

}  // namespace alur
