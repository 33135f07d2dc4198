#include "event_rows.hpp"

#include "alur/engine/engine.hpp"
#include "alur/engine/text.hpp"
#include "messages.hpp"
#include "output.hpp"

namespace alur::cli {

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
