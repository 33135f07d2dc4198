// nip_text.hpp — what the CLI says about a NIP that check_nip refused, in its
// language (messages.hpp): alur/personnel/nip_text.hpp in the CLI's current language.
#pragma once

#include "alur/personnel/nip_text.hpp"
#include "messages.hpp"
#include "nip.hpp"

namespace alur::cli {

inline std::string nip_problem_text(NipProblem problem, std::string_view nip, Date today) {
    return personnel::nip_problem_text(problem, nip, today, language());
}

}  // namespace alur::cli
