// alur/engine/corrections.hpp — the `corrected` events of a case, read as the
// events they correct (alur::correction_event, engine.hpp): what `alur
// history` prints beside each corrected event and what `GET
// /api/cases/{id}/history` returns with it, so a page shows the original and
// its corrections side by side. Pure functions; thread-safe.
#pragma once

#include "alur/engine/event.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace alur {

/// One `corrected` event, as it applies to the event it corrects.
struct Correction {
    std::int64_t by_seq = 0;  ///< the `corrected` event's seq in the case
    std::int64_t by_global_seq = 0;
    std::string field;
    boost::json::value value;
    std::string reason;  ///< the correction's own reason (its payload), else the event's
    std::string actor;
    TimePoint occurred_at;
    /// The value it replaced: that of the field's previous correction, else
    /// the corrected event's own (null if its payload had none).
    boost::json::value before{};
};

/// The corrections of one case's events (in seq order): corrected seq ->
/// its corrections, in order. A `corrected` event whose payload is not
/// {of, field, value} is left out.
std::map<std::int64_t, std::vector<Correction>> corrections_of(const std::vector<EventRecord>& events);

}  // namespace alur
