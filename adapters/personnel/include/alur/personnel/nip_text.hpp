// alur/personnel/nip_text.hpp — what Alur says about a NIP that check_nip
// refused, in Indonesian or English (the catalog, messages.hpp): for `alur
// open --nip`, `alur roster import` and POST /api/roster/import. Thread-safe.
#pragma once

#include "alur/workflows/nip.hpp"
#include "alur/i18n/messages.hpp"

#include <string>
#include <string_view>

namespace alur::personnel {

/// "NIP `...` harus 18 angka", ...; `today` gives the latest plausible birth year.
std::string nip_problem_text(workflows::NipProblem problem, std::string_view nip, Date today, cli::Lang lang);

}  // namespace alur::personnel
