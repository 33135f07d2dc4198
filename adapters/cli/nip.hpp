// nip.hpp — the NIP check, which lives with the workflows (alur/workflows/nip.hpp)
// so that every adapter gets the same one; the CLI's names for it.
#pragma once

#include "alur/workflows/nip.hpp"

namespace alur::cli {

using workflows::check_nip;
using workflows::Nip;
using workflows::NipCheck;
using workflows::NipProblem;

}  // namespace alur::cli
