// Engine::submit, the outermost step of the command path: it names who
// records the command (EngineOptions::recorded_by when the command names
// nobody), runs it (Engine::submit_unrecorded, engine.cpp) and appends a
// refusal to the refusals log. The log write never changes the answer: if it
// fails, the failure is logged and the refusal is returned as it was.
#include "alur/engine/engine.hpp"

#include <spdlog/logger.h>

namespace alur {

Result<Outcome> Engine::submit(const Command& given) {
    std::optional<Command> stamped;
    if (given.recorded_by.empty() && !options_.recorded_by.empty()) {
        stamped.emplace(given);
        stamped->recorded_by = options_.recorded_by;
    }
    const Command& command = stamped ? *stamped : given;
    auto out = submit_unrecorded(command);
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
