// The acting officials (Plt) serving on a day, read from the cases that can
// carry one (acting_commands.cpp): shared by `alur acting list` and `alur
// selection start --from-jobfit` (the posts a job fit batch left to a Plt).
#pragma once

#include "alur/workflows/acting.hpp"
#include "app.hpp"

#include <vector>

namespace alur::cli {

/// One Plt serving on the day asked, with the case that left the post vacant.
struct Serving {
    acting::ActingOfficial plt;
    CaseRecord vacated_by;
};

/// The Plt's serving on `day` on every case that can carry one (the states of
/// each workflow with an acting_assigned row, read a page at a time), in post
/// then case order.
Result<std::vector<Serving>> serving_on(Context& ctx, Date day);

}  // namespace alur::cli
