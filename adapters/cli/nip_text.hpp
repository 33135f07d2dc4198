// nip_text.hpp — what the CLI says about a NIP that check_nip refused, in its
// language (messages.hpp): for `alur open --nip` and `alur roster import`.
#pragma once

#include "nip.hpp"

#include <string>
#include <string_view>

namespace alur::cli {

/// "NIP `...` harus 18 angka", ...; `today` gives the latest plausible birth year.
std::string nip_problem_text(NipProblem problem, std::string_view nip, Date today);

}  // namespace alur::cli
