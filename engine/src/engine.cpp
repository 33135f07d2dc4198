#include "alur/engine/engine.hpp"

#include "alur/engine/json.hpp"

#include "replay.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>

namespace alur {

struct Engine::Cached {
    std::int64_t version = 0;
    std::unique_ptr<CaseMachine> machine;
};

namespace {

constexpr std::size_t max_cached_cases = 10000;

}  // namespace

bool is_timer_event(std::string_view name) { return name == reminder_event || name == deadline_event; }

bool is_engine_event(std::string_view name) { return is_timer_event(name) || name == correction_event; }

Engine::Engine(EngineOptions options) : options_(std::move(options)) {
    if (!options_.clock) options_.clock = std::make_shared<SystemClock>();
    if (!options_.logger)
        options_.logger = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::null_sink_mt>());
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

Engine::~Engine() = default;

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

Result<Outcome> Engine::submit_unrecorded(const Command& command) {
    if (auto ok = check_command(command); !ok) return ok.error();
    if (is_timer_event(command.event))
        return make_error(errc::forbidden, command.event + " is submitted only by the engine's own timers");
    if (command.event == correction_event && command.case_id.empty())
        return make_error(errc::invalid_input, "a correction needs the case it corrects", "case");

    std::lock_guard lock(mutex_);
    const Workflow* wf = nullptr;
    if (command.case_id.empty()) {
        wf = find_workflow(command.workflow);
        if (!wf) {
            std::string names;
            for (const auto& [name, w] : workflows_) names += (names.empty() ? "" : ", ") + name;
            return make_error(errc::invalid_input,
                              "unknown workflow '" + command.workflow + "' (workflows: " + names + ")", "workflow");
        }
    } else {
        auto record = options_.journal->find_case(command.case_id);
        if (!record) return record.error();
        auto found = workflow_of(*record);
        if (!found) return found.error();
        wf = *found;
    }

    std::string fingerprint;
    if (command.idempotency_key) {
        fingerprint = command_fingerprint(command);
        auto found = options_.journal->find_idempotency(*command.idempotency_key);
        if (!found) return found.error();
        if (*found) return answer_replayed(command, **found, fingerprint);
    }

    for (int attempt = 0;; ++attempt) {
        bool retry = false;
        auto result = submit_once(command, *wf, retry);
        if (!retry || attempt >= options_.conflict_retries) return result;
        options_.logger->debug("retrying {} {} after: {}", command.case_id, command.event, result.error().message);
    }
}

Result<Outcome> Engine::submit_once(const Command& command, const Workflow& wf, bool& retry) {
    if (command.event == correction_event) {
        auto out = submit_correction(command, wf);
        if (!out && ((out.error().code == errc::conflict && !command.expected_version &&
                      out.error().field != "idempotency_key") ||
                     out.error().code == errc::busy)) {
            cache_.erase(command.case_id);
            retry = true;
        }
        return out;
    }
    const bool opening = command.case_id.empty();
    const std::string event_name = opening && command.event.empty() ? wf.open_event() : command.event;
    const EventSpec* spec = wf.find_event(event_name);
    if (!spec) {
        std::string names;
        for (const auto& e : wf.events()) names += (names.empty() ? "" : ", ") + e.name;
        return make_error(errc::invalid_input,
                          "unknown event '" + event_name + "' for workflow " + wf.name() + " (events: " + names + ")",
                          "event");
    }
    if (std::find(spec->roles.begin(), spec->roles.end(), command.role) == spec->roles.end()) {
        std::string roles;
        for (const auto& r : spec->roles) roles += (roles.empty() ? "" : ", ") + r;
        return make_error(errc::forbidden, "role '" + command.role + "' may not submit " + event_name +
                                               " (allowed: " + (roles.empty() ? "no role" : roles) + ")");
    }
    if (opening != (event_name == wf.open_event()))
        return make_error(errc::refused, opening ? "a case is opened with " + wf.open_event() + ", not " + event_name
                                                 : "case " + command.case_id + " is already open");

    const TimePoint occurred_at = command.occurred_at.value_or(options_.clock->now());
    std::unique_ptr<CaseMachine> machine;
    std::int64_t version = 0;
    std::optional<TimePoint> due_before;
    TimePoint opened_at = occurred_at;
    if (opening) {
        machine = wf.create();
    } else {
        auto record = options_.journal->find_case(command.case_id);
        if (!record) return record.error();
        if (auto ok = check_order(*record, occurred_at); !ok) return ok.error();
        auto cached = load(*record, wf);
        if (!cached) return cached.error();
        machine = (*cached)->machine->clone();
        version = record->version;
        due_before = record->due_at;
        opened_at = record->opened_at;
    }
    if (command.expected_version && *command.expected_version != version)
        return make_error(errc::conflict, "case " + command.case_id + " is at version " + std::to_string(version) +
                                              ", expected " + std::to_string(*command.expected_version));

    const std::string state_before = machine->state();
    auto decided = decide(wf, *spec, *machine, command.payload, command, occurred_at, version, opened_at);
    if (!decided) {
        options_.logger->info("refused {} {} in {}: {}", command.case_id.empty() ? "new case" : command.case_id,
                              event_name, state_before, decided.error().message);
        return decided.error();
    }
    CommitRequest& request = decided->request;
    request.case_id = command.case_id;
    if (!request.timers) request.projection.due_at = due_before;  // the state and its deadline stay
    if (command.idempotency_key)
        request.idempotency = IdempotencyRecord{*command.idempotency_key, command_fingerprint(command), {}, 0};

    // The cases this event opens go into the same transaction, all or nothing.
    std::vector<CommitRequest> requests{request};
    std::vector<std::unique_ptr<CaseMachine>> opened_machines;
    for (auto& follow : wf.follow_ups(command.case_id, decided->input, *machine)) {
        const Workflow* target = find_workflow(follow.workflow);
        if (!target)
            return make_error(errc::invalid_input, event_name + " would open a " + follow.workflow +
                                                       " case, but that workflow is not registered");
        auto opened_machine = target->create();
        auto opening = decide(*target, *target->find_event(target->open_event()), *opened_machine,
                              std::move(follow.payload), command, occurred_at, 0, occurred_at);
        if (!opening)
            return make_error(opening.error().code, event_name + " would open a " + follow.workflow +
                                                        " case that is refused: " + opening.error().message);
        requests.push_back(std::move(opening->request));
        opened_machines.push_back(std::move(opened_machine));
    }

    Result<Committed> committed = make_error(errc::io, "not committed");
    std::vector<Committed> followers;
    if (requests.size() == 1) {
        committed = options_.journal->commit(request);
    } else if (auto all = options_.journal->commit_all(requests); all) {
        committed = all->front();
        followers.assign(all->begin() + 1, all->end());
    } else {
        committed = all.error();
    }
    if (!committed) {
        const Error& err = committed.error();
        if (err.code == errc::conflict && err.field == "idempotency_key") {
            // Another writer stored the same key first: answer as it was answered.
            auto found = options_.journal->find_idempotency(*command.idempotency_key);
            if (found && *found) return answer_replayed(command, **found, request.idempotency->fingerprint);
        }
        if ((err.code == errc::conflict && !command.expected_version) || err.code == errc::busy) {
            cache_.erase(command.case_id);
            retry = true;
        }
        return err;
    }

    remember(committed->projection, std::move(machine));
    options_.logger->info("{} {}: {} -> {} (v{}) by {} ({})", committed->projection.id, event_name, state_before,
                          committed->projection.state, committed->projection.version, command.actor, command.role);
    Outcome out{committed->projection, committed->event, state_before, false, {}};
    for (std::size_t i = 0; i < followers.size(); ++i) {
        remember(followers[i].projection, std::move(opened_machines[i]));
        options_.logger->info("{} opened by {} {}", followers[i].projection.id, committed->projection.id, event_name);
        out.opened.push_back(followers[i].projection);
    }
    return out;
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
    request.projection.summary = wf.summary(machine.data());  // the list columns, indexed by the journal
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

Result<Outcome> Engine::answer_replayed(const Command& command, const IdempotencyRecord& rec,
                                        const std::string& fingerprint) {
    if (rec.fingerprint != fingerprint)
        return make_error(errc::conflict, "idempotency key '" + rec.key +
                                              "' was already used for a different command (case " + rec.case_id +
                                              ", event " + std::to_string(rec.seq) + ")",
                          "idempotency_key");
    (void)command;
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

Result<std::shared_ptr<Engine::Cached>> Engine::load(const CaseRecord& record, const Workflow& wf) {
    if (auto it = cache_.find(record.id); it != cache_.end() && it->second->version == record.version) return it->second;
    auto events = options_.journal->case_events(record.id);
    if (!events) return events.error();
    // Another process may have committed between reading the record and its
    // events: replay only up to the record's version (the commit that follows
    // then meets the newer version as a conflict and is retried on it).
    if (record.version >= 0 && static_cast<std::int64_t>(events->size()) > record.version)
        events->resize(static_cast<std::size_t>(record.version));
    auto machine = detail::replay_events(wf, *events);
    if (!machine) return machine.error();
    if (static_cast<std::int64_t>(events->size()) != record.version || (*machine)->state() != record.state)
        return make_error(errc::corrupt, "case " + record.id + ": its " + std::to_string(events->size()) +
                                             " events replay to " + (*machine)->state() + ", but the projection says " +
                                             record.state + " at version " + std::to_string(record.version));
    remember(record, std::move(*machine));
    return cache_.at(record.id);
}

void Engine::bump_cached(const std::string& case_id, std::int64_t from, std::int64_t to) {
    if (auto it = cache_.find(case_id); it != cache_.end() && it->second->version == from) it->second->version = to;
}

void Engine::remember(const CaseRecord& record, std::unique_ptr<CaseMachine> machine) {
    if (cache_.size() >= max_cached_cases && !cache_.count(record.id)) cache_.clear();
    auto entry = std::make_shared<Cached>();
    entry->version = record.version;
    entry->machine = std::move(machine);
    cache_[record.id] = std::move(entry);
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
