// The command pipeline: decide under the case's lock, queue, group commit,
// complete. See engine.hpp for the contract and pipeline.hpp for the parts.
//
//   caller's thread                       committer thread
//   start(): boundary, key, slot lock
//     decide_event() on the slot's state
//     slot moves ahead, enqueue  ------>  take everything queued (bounded)
//                                         Journal::commit_units: ONE transaction
//                                         complete(): slot, machines, answer
//                                           (a conflict: start() again)
#include "pipeline.hpp"

#include "alur/engine/json.hpp"
#include "alur/engine/text.hpp"

#include "replay.hpp"

#include <spdlog/logger.h>

#include <algorithm>
#include <future>

namespace alur {

namespace {

constexpr std::size_t max_cached_cases = 10000;

std::size_t unit_bytes(const CommitUnit& unit) {
    std::size_t n = 0;
    for (const auto& r : unit.requests) n += r.event.payload.size() + r.projection.data.size() + 256;
    return n;
}

bool retriable(const Error& e, const Command& c) {
    return (e.code == errc::conflict && !c.expected_version && e.field != "idempotency_key") || e.code == errc::busy;
}

}  // namespace

std::shared_ptr<Engine::Slot> Engine::slot_for(std::string_view case_id) {
    Pipeline& p = *pipeline_;
    std::lock_guard lock(p.slots_mutex);
    auto it = p.slots.find(std::string(case_id));
    if (it != p.slots.end()) return it->second;
    if (p.slots.size() >= 2 * max_cached_cases)  // forget the cases nobody holds
        std::erase_if(p.slots, [](const auto& kv) { return kv.second.use_count() == 1; });
    return p.slots.emplace(std::string(case_id), std::make_shared<Slot>()).first->second;
}

Result<void> Engine::load(Slot& slot, std::string_view case_id) {
    auto h = history(case_id);
    if (!h) return h.error();
    const CaseRecord& record = h->record;
    std::vector<EventRecord>& events = h->events;
    // Another process may have committed between reading the record and its
    // events: replay only up to the record's version (the commit that follows
    // then meets the newer version as a conflict and is decided again).
    if (record.version >= 0 && static_cast<std::int64_t>(events.size()) > record.version)
        events.resize(static_cast<std::size_t>(record.version));
    auto machine = detail::replay_events(*h->workflow, events);
    if (!machine) return machine.error();
    if (static_cast<std::int64_t>(events.size()) != record.version || (*machine)->state() != record.state)
        return make_error(errc::corrupt, "case " + record.id + ": its " + std::to_string(events.size()) +
                                             " events replay to " + (*machine)->state() + ", but the projection says " +
                                             record.state + " at version " + std::to_string(record.version));
    slot.record = std::move(h->record);
    slot.machine = std::move(*machine);
    slot.valid = true;
    return {};
}

void Engine::remember(const CaseRecord& record, std::unique_ptr<CaseMachine> machine) {
    auto slot = slot_for(record.id);
    std::lock_guard lock(slot->mutex);
    if (slot->pending > 0) return slot->invalidate();  // commands decided on something else: decide them again
    slot->record = record;
    slot->machine = std::move(machine);
    slot->valid = true;
}

void Engine::submit_async(Command command, SubmitHandler done) {
    if (command.recorded_by.empty()) command.recorded_by = options_.recorded_by;
    Done finish = [this, done = std::move(done)](const Command& c, Result<Outcome> out) {
        if (!out && options_.refusals && is_recorded_refusal(out.error().code)) {
            try {
                auto logged = options_.refusals->append(make_refusal(c, out.error(), options_.clock->now()));
                if (!logged)
                    options_.logger->error("the refusal of {} {} was not recorded in the refusals log: {}",
                                           c.case_id.empty() ? "a new " + c.workflow + " case" : c.case_id, c.event,
                                           logged.error().message);
            } catch (const std::exception& e) {
                options_.logger->error("the refusal of {} {} was not recorded in the refusals log: {}", c.case_id,
                                       c.event, e.what());
            }
        }
        done(std::move(out));
    };
    // recorded_by reaches the journal like the actor: the same text check (the rest is check_command's).
    if (!command.recorded_by.empty())
        if (auto named = check_text("recorded_by", command.recorded_by, TextKind::line, max_name_chars); !named)
            return finish(command, named.error());
    start(std::move(command), std::move(finish), 0);
}

Result<Outcome> Engine::submit(const Command& command) {
    std::promise<Result<Outcome>> promise;
    auto answer = promise.get_future();
    submit_async(command, [&promise](Result<Outcome> out) { promise.set_value(std::move(out)); });
    return answer.get();
}

std::size_t Engine::queue_depth() const {
    std::lock_guard lock(pipeline_->queue_mutex);
    return pipeline_->depth;
}

void Engine::start(Command command, Done done, int attempt) {
    if (attempt == 0) {
        if (auto ok = check_command(command); !ok) return done(command, ok.error());
        if (is_timer_event(command.event))
            return done(command, make_error(errc::forbidden,
                                            command.event + " is submitted only by the engine's own timers"));
        if (command.event == correction_event && command.case_id.empty())
            return done(command, make_error(errc::invalid_input, "a correction needs the case it corrects", "case"));
    }

    const Workflow* wf = nullptr;
    std::shared_ptr<Slot> slot;
    std::unique_lock<std::mutex> case_lock;
    if (command.case_id.empty()) {
        wf = find_workflow(command.workflow);
        if (!wf) {
            std::string names;
            for (const auto& [name, w] : workflows_) names += (names.empty() ? "" : ", ") + name;
            return done(command, make_error(errc::invalid_input,
                                            "unknown workflow '" + command.workflow + "' (workflows: " + names + ")",
                                            "workflow"));
        }
    } else {
        slot = slot_for(command.case_id);
        case_lock = std::unique_lock(slot->mutex);
        if (!slot->valid)
            if (auto ok = load(*slot, command.case_id); !ok) {
                case_lock.unlock();
                return done(command, ok.error());
            }
        auto found = workflow_of(slot->record);
        if (!found) {
            case_lock.unlock();
            return done(command, found.error());
        }
        wf = *found;
    }

    // The first command with a key owns it until it is answered; the same key
    // meanwhile waits for that answer; a key stored already is answered from it.
    if (command.idempotency_key && attempt == 0) {
        Pipeline& p = *pipeline_;
        const std::string key = *command.idempotency_key;
        std::string fingerprint = command_fingerprint(command);
        std::unique_lock keys(p.keys_mutex);
        if (auto it = p.keys.find(key); it != p.keys.end()) {
            it->second.push_back(Pipeline::Waiter{std::move(command), std::move(fingerprint), std::move(done)});
            return;
        }
        auto stored = options_.journal->find_idempotency(key);
        if (!stored || *stored) {
            keys.unlock();
            if (case_lock) case_lock.unlock();
            if (!stored) return done(command, stored.error());
            return done(command, answer_replayed(**stored, fingerprint));
        }
        p.keys.emplace(key, std::vector<Pipeline::Waiter>{});
        done = [this, key, fingerprint, done = std::move(done)](const Command& c, Result<Outcome> out) {
            std::vector<Pipeline::Waiter> waiters;
            {
                std::lock_guard lock(pipeline_->keys_mutex);
                auto it = pipeline_->keys.find(key);
                if (it != pipeline_->keys.end()) {
                    waiters = std::move(it->second);
                    pipeline_->keys.erase(it);
                }
            }
            for (auto& w : waiters) {
                if (!out) {
                    start(std::move(w.command), std::move(w.done), 0);  // the first failed: decide this one itself
                } else if (w.fingerprint == fingerprint) {
                    Outcome again = *out;
                    again.replayed = true;
                    w.done(w.command, std::move(again));
                } else {
                    w.done(w.command, make_error(errc::conflict,
                                                 "idempotency key '" + key +
                                                     "' was already used for a different command (case " +
                                                     out->projection.id + ", event " +
                                                     std::to_string(out->event.seq) + ")",
                                                 "idempotency_key"));
                }
            }
            done(c, std::move(out));
        };
    }

    auto decided = command.event == correction_event ? decide_correction(command, *wf, slot)
                                                     : decide_event(command, *wf, slot);
    if (!decided) {
        if (case_lock) case_lock.unlock();
        return done(command, decided.error());
    }
    Pending& pending = **decided;
    pending.attempt = attempt;
    pending.command = std::move(command);
    pending.done = std::move(done);
    std::vector<std::unique_ptr<Pending>> one;
    one.push_back(std::move(*decided));
    enqueue(std::move(one));  // under the case's lock: its commands are queued in the order decided
}

Result<std::unique_ptr<Engine::Pending>> Engine::decide_event(const Command& command, const Workflow& wf,
                                                             const std::shared_ptr<Slot>& slot) {
    const bool opening = !slot;
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
        if (auto ok = check_order(slot->record, occurred_at); !ok) return ok.error();
        machine = slot->machine->clone();
        version = slot->record.version;
        due_before = slot->record.due_at;
        opened_at = slot->record.opened_at;
    }
    if (command.expected_version && *command.expected_version != version)
        return make_error(errc::conflict, "case " + command.case_id + " is at version " + std::to_string(version) +
                                              ", expected " + std::to_string(*command.expected_version));

    const std::string state_before = machine->state();
    auto decided = decide(wf, *spec, *machine, command.payload, command, occurred_at, version, opened_at);
    if (!decided) {
        options_.logger->debug("refused {} {} in {}: {}", opening ? "new case" : command.case_id, event_name,
                              state_before, decided.error().message);
        return decided.error();
    }
    CommitRequest& request = decided->request;
    request.case_id = command.case_id;
    if (!request.timers) request.projection.due_at = due_before;  // the state and its deadline stay
    if (command.idempotency_key)
        request.idempotency = IdempotencyRecord{*command.idempotency_key, command_fingerprint(command), {}, 0};

    auto out = std::make_unique<Pending>();
    out->state_before = state_before;
    // The cases this event opens go into the same unit, all or nothing.
    std::vector<FollowUp> follow_ups = wf.follow_ups(command.case_id, decided->input, *machine);
    out->unit.requests.reserve(1 + follow_ups.size());
    out->unit.requests.push_back(std::move(request));
    out->machines.push_back(opening ? std::move(machine) : nullptr);
    for (auto& follow : follow_ups) {
        if (!follow.case_id.empty()) {  // an event on an existing case (the origin), or nothing
            if (follow.case_id == command.case_id)
                return make_error(errc::invalid_input, event_name + " would submit " + follow.event +
                                                           " to its own case " + command.case_id);
            std::unique_ptr<CaseMachine> linked_machine;
            auto linked = decide_linked(follow, command, occurred_at, linked_machine);
            if (!linked)
                return make_error(linked.error().code, event_name + " would record " + follow.event + " on case " +
                                                           follow.case_id + ", which is refused: " +
                                                           linked.error().message);
            if (!*linked) continue;
            out->unit.requests.push_back(std::move((*linked)->request));
            out->machines.push_back(std::move(linked_machine));
            out->linked.push_back({out->unit.requests.size() - 1, follow.case_id});
            continue;
        }
        const Workflow* target = find_workflow(follow.workflow);
        if (!target)
            return make_error(errc::invalid_input, event_name + " would open a " + follow.workflow +
                                                       " case, but that workflow is not registered");
        auto opened_machine = target->create();
        auto opened = decide(*target, *target->find_event(target->open_event()), *opened_machine,
                             std::move(follow.payload), command, occurred_at, 0, occurred_at);
        if (!opened)
            return make_error(opened.error().code, event_name + " would open a " + follow.workflow +
                                                       " case that is refused: " + opened.error().message);
        out->unit.requests.push_back(std::move(opened->request));
        out->machines.push_back(std::move(opened_machine));
    }
    out->bytes = unit_bytes(out->unit);

    if (!opening) {
        // The slot moves ahead: the next command of the case is decided on this one.
        const CommitRequest& r = out->unit.requests.front();
        slot->record.state = r.projection.state;
        slot->record.data = r.projection.data;
        slot->record.due_at = r.projection.due_at;
        slot->record.version = version + 1;
        slot->record.updated_at = occurred_at;
        slot->machine = std::move(machine);
        ++slot->pending;
        out->slot = slot;
        out->speculative = true;
        out->epoch = slot->epoch;
    }
    return out;
}

Result<std::optional<Engine::Decided>> Engine::decide_linked(FollowUp& follow, const Command& cause,
                                                            TimePoint occurred_at,
                                                            std::unique_ptr<CaseMachine>& machine) {
    // The causing case is locked; its origin is older, and a case only ever
    // submits to its origin, so locks are always taken younger first.
    auto slot = slot_for(follow.case_id);
    std::lock_guard lock(slot->mutex);
    if (!slot->valid)
        if (auto ok = load(*slot, follow.case_id); !ok) return ok.error();
    auto wf = workflow_of(slot->record);
    if (!wf) return wf.error();
    const EventSpec* spec = (*wf)->find_event(follow.event);
    const auto allowed = (*wf)->events_from(slot->record.state);
    if (!spec || std::find(allowed.begin(), allowed.end(), follow.event) == allowed.end())
        return std::optional<Decided>{};  // its state takes no such event: nothing to tell it
    // Decided on what the journal holds, never on another command's
    // speculation; a command of that case decided meanwhile meets this
    // commit as a version conflict and is decided again.
    if (slot->pending > 0)
        return make_error(errc::busy, "case " + follow.case_id + " has commands being written; try again");
    if (auto ok = check_order(slot->record, occurred_at); !ok) return ok.error();
    machine = slot->machine->clone();
    auto decided = decide(**wf, *spec, *machine, std::move(follow.payload), cause, occurred_at, slot->record.version,
                          slot->record.opened_at);
    if (!decided) return decided.error();
    decided->request.case_id = follow.case_id;
    if (!decided->request.timers) decided->request.projection.due_at = slot->record.due_at;
    return std::optional<Decided>{std::move(*decided)};
}

void Engine::enqueue(std::vector<std::unique_ptr<Pending>> items) {
    Pipeline& p = *pipeline_;
    {
        std::lock_guard lock(p.queue_mutex);
        if (!p.committer.joinable()) p.committer = std::thread([this] { run_committer(); });
        for (auto& item : items) p.queue.push_back(std::move(item));
        p.depth = p.queue.size();
    }
    p.queue_cv.notify_one();
}

void Engine::run_committer() {
    Pipeline& p = *pipeline_;
    std::unique_lock lock(p.queue_mutex);
    for (;;) {
        p.queue_cv.wait(lock, [&] { return p.stopping || !p.queue.empty(); });
        if (p.queue.empty()) return;  // stopping, and everything queued is written
        // Everything queued, up to the bounds; the first always goes.
        std::vector<std::unique_ptr<Pending>> batch;
        std::size_t bytes = 0;
        const std::size_t max_commands = std::max<std::size_t>(1, options_.max_batch_commands);
        while (!p.queue.empty() && batch.size() < max_commands &&
               (batch.empty() || bytes + p.queue.front()->bytes <= options_.max_batch_bytes)) {
            bytes += p.queue.front()->bytes;
            batch.push_back(std::move(p.queue.front()));
            p.queue.pop_front();
        }
        p.depth = p.queue.size();
        lock.unlock();
        commit_batch(batch);
        lock.lock();
    }
}

void Engine::commit_batch(std::vector<std::unique_ptr<Pending>>& batch) {
    std::vector<CommitUnit> units;
    std::vector<std::unique_ptr<Pending>> live;
    std::vector<std::unique_ptr<Pending>> stale;
    units.reserve(batch.size());
    live.reserve(batch.size());
    std::size_t bytes = 0;
    std::unordered_map<const Slot*, std::size_t> last_unit;  // the latest unit of each case in this batch
    for (auto& pending : batch) {
        if (pending->speculative) {
            std::lock_guard lock(pending->slot->mutex);
            if (pending->epoch != pending->slot->epoch) {  // decided on a command that failed
                --pending->slot->pending;
                stale.push_back(std::move(pending));
                continue;
            }
        }
        CommitUnit unit = std::move(pending->unit);
        if (pending->slot) {
            if (auto it = last_unit.find(pending->slot.get()); it != last_unit.end() && pending->speculative)
                unit.after = it->second;
            last_unit[pending->slot.get()] = units.size();
        }
        bytes += pending->bytes;
        units.push_back(std::move(unit));
        live.push_back(std::move(pending));
    }

    if (!units.empty()) {
        const auto began = std::chrono::steady_clock::now();
        auto results = options_.journal->commit_units(units);
        const auto took = std::chrono::steady_clock::now() - began;
        if (results.size() != units.size())  // a journal that broke its contract: nothing is known
            results.assign(units.size(), make_error(errc::io, "the journal answered a group commit incompletely"));
        if (options_.on_commit) {
            CommitStats stats;
            stats.commands = units.size();
            stats.bytes = bytes;
            stats.latency = std::chrono::duration_cast<std::chrono::nanoseconds>(took);
            stats.queued = queue_depth();
            try {
                options_.on_commit(stats);
            } catch (const std::exception& e) {
                options_.logger->error("on_commit: {}", e.what());
            }
        }
        for (std::size_t i = 0; i < live.size(); ++i) complete(std::move(live[i]), std::move(results[i]));
    }
    for (auto& pending : stale) {
        Command command = std::move(pending->command);
        if (pending->raw) {
            pending->raw(make_error(errc::conflict, "decided on a command that was not written"));
        } else if (pending->attempt >= options_.conflict_retries) {
            pending->done(command, make_error(errc::conflict, "case " + command.case_id +
                                                                  " kept changing while the command was decided; "
                                                                  "try again"));
        } else {
            start(std::move(command), std::move(pending->done), pending->attempt + 1);
        }
    }
}

void Engine::complete(std::unique_ptr<Pending> pending, Result<std::vector<Committed>> result) {
    Pending& p = *pending;
    if (p.slot) {
        std::lock_guard lock(p.slot->mutex);
        Slot& slot = *p.slot;
        if (p.speculative) --slot.pending;
        if (!result) {
            slot.invalidate();
        } else if (p.speculative) {
            if (slot.pending == 0 && slot.valid) slot.record = result->front().projection;  // exactly as stored
        } else if (slot.valid && slot.pending == 0 && slot.record.version + 1 == result->front().projection.version) {
            slot.record = result->front().projection;  // a fired timer leaves the machine as it was
            if (p.machines.front()) slot.machine = std::move(p.machines.front());
        } else {
            slot.invalidate();
        }
    }
    if (!result) {
        for (const auto& linked : p.linked) {  // it may have failed on that case's version: read it again
            auto slot = slot_for(linked.case_id);
            std::lock_guard lock(slot->mutex);
            if (slot->pending == 0) slot->invalidate();
        }
    }
    if (result) {
        for (std::size_t i = 0; i < result->size() && i < p.machines.size(); ++i)
            if (p.machines[i] && !(i == 0 && p.slot)) remember((*result)[i].projection, std::move(p.machines[i]));
    }
    if (p.raw) return p.raw(std::move(result));

    const Command& command = p.command;
    if (!result) {
        const Error& err = result.error();
        if (err.code == errc::conflict && err.field == "idempotency_key" && command.idempotency_key) {
            // Another process stored the same key first: answer as it was answered.
            auto stored = options_.journal->find_idempotency(*command.idempotency_key);
            if (stored && *stored) return p.done(command, answer_replayed(**stored, command_fingerprint(command)));
        }
        if (retriable(err, command) && p.attempt < options_.conflict_retries) {
            options_.logger->debug("deciding {} {} again after: {}", command.case_id, command.event, err.message);
            return start(std::move(p.command), std::move(p.done), p.attempt + 1);
        }
        return p.done(command, err);
    }
    const Committed& first = result->front();
    options_.logger->debug("{} {}: {} -> {} (v{}) by {} ({})", first.projection.id, first.event.name, p.state_before,
                          first.projection.state, first.projection.version, command.actor, command.role);
    Outcome out{first.projection, first.event, p.state_before, false, {}};
    for (std::size_t i = 1; i < result->size(); ++i) {
        const bool linked = std::any_of(p.linked.begin(), p.linked.end(), [i](const auto& l) { return l.index == i; });
        options_.logger->debug("{} {} by {} {}", (*result)[i].projection.id, linked ? "told" : "opened",
                               first.projection.id, first.event.name);
        (linked ? out.linked : out.opened).push_back((*result)[i].projection);
    }
    p.done(command, std::move(out));
}

std::vector<Result<std::vector<Committed>>> Engine::commit_and_wait(std::vector<CommitUnit> units) {
    std::vector<std::promise<Result<std::vector<Committed>>>> promises(units.size());
    std::vector<std::unique_ptr<Pending>> items;
    items.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        auto p = std::make_unique<Pending>();
        p->slot = slot_for(units[i].requests.front().case_id);
        p->bytes = unit_bytes(units[i]);
        p->unit = std::move(units[i]);
        p->machines.resize(p->unit.requests.size());
        p->raw = [promise = &promises[i]](Result<std::vector<Committed>> r) { promise->set_value(std::move(r)); };
        items.push_back(std::move(p));
    }
    enqueue(std::move(items));
    std::vector<Result<std::vector<Committed>>> out;
    out.reserve(promises.size());
    for (auto& promise : promises) out.push_back(promise.get_future().get());
    return out;
}

}  // namespace alur
