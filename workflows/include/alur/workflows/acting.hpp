// alur/workflows/acting.hpp — acting officials (Plt, pelaksana tugas) as the
// cases that left a post vacant record them.
//
// A completed mutation (the official moved to another post), a job fit closed
// with an approved `develop` (rest from office) and an open selection still
// under way (a post vacant by retirement or otherwise) accept
//
//   acting_assigned {nip, name, post, from, until, letter}   a Plt by warrant (surat perintah)
//   acting_ended    {date, reason}                           the current Plt ends early (last day served)
//
// and keep them, in order, in the case data's `acting` array. This header
// reads that array back for the adapters (`alur acting list`, `alur show`,
// the page). Pure functions; thread-safe.
#pragma once

#include "alur/engine/time.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::acting {

/// The event names (a workflow's table has rows for them where a post is vacant).
inline constexpr std::string_view assigned_event = "acting_assigned";
inline constexpr std::string_view ended_event = "acting_ended";

/// One Plt as recorded on a case.
struct ActingOfficial {
    std::string nip;
    std::string name;
    std::string post;
    std::string letter;  ///< the warrant (surat perintah) number
    Date from;
    Date until;                ///< as the warrant says
    std::optional<Date> ended; ///< the last day served when ended early (acting_ended)
    std::string end_reason;
    std::int64_t seq = 0;  ///< the case event that assigned them

    /// The last day served: `ended` if ended early, else `until`.
    Date last_day() const { return ended ? *ended : until; }
    /// from <= day <= last_day().
    bool serves_on(Date day) const;
};

/// The Plt's of a case's data (its `acting` array), in the order assigned;
/// empty when there is none. Entries that do not read as one are skipped.
std::vector<ActingOfficial> acting_officials(const boost::json::object& data);

/// The same from the stored (canonical JSON) text of a case's data; a quick
/// text test skips the parse for the many cases without a Plt.
std::vector<ActingOfficial> acting_officials(std::string_view data_json);

}  // namespace alur::acting
