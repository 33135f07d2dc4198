// Engine::submit, the outermost step of the command path: it names who
// records the command (EngineOptions::recorded_by when the command names
// nobody), runs it (Engine::submit_unrecorded, engine.cpp) and appends a
// refusal to the refusals log. The log write never changes the answer: if it
// fails, the failure is logged and the refusal is returned as it was.
#include "alur/engine/engine.hpp"
#include "alur/engine/text.hpp"

#include <spdlog/logger.h>

namespace alur {

Result<Outcome> Engine::submit(const Command& given) {
    std::optional<Command> stamped;
    if (given.recorded_by.empty() && !options_.recorded_by.empty()) {
        stamped.emplace(given);
        stamped->recorded_by = options_.recorded_by;
    }
    const Command& command = stamped ? *stamped : given;
    // recorded_by reaches the journal like the actor: the same text check (the rest is check_command's).
    const auto named = command.recorded_by.empty()
                           ? Result<void>()
                           : check_text("recorded_by", command.recorded_by, TextKind::line, max_name_chars);
    Result<Outcome> out = named ? submit_unrecorded(command) : Result<Outcome>(named.error());
    if (out || !options_.refusals || !is_recorded_refusal(out.error().code)) return out;
    try {
        auto logged = options_.refusals->append(make_refusal(command, out.error(), options_.clock->now()));
        if (!logged)
            options_.logger->error("the refusal of {} {} was not recorded in the refusals log: {}",
                                   command.case_id.empty() ? "a new " + command.workflow + " case" : command.case_id,
                                   command.event, logged.error().message);
    } catch (const std::exception& e) {
        options_.logger->error("the refusal of {} {} was not recorded in the refusals log: {}", command.case_id,
                               command.event, e.what());
    }
    return out;
}

}  // namespace alur

namespace alur {

// Interim: the pipeline (committer thread, group commit) replaces this.
void Engine::submit_async(Command command, SubmitHandler done) { done(submit(command)); }

std::size_t Engine::queue_depth() const { return 0; }

}  // namespace alur
