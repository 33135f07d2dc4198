// messages.hpp — the CLI's messages live in the shared catalog (adapters/i18n), which
// the page uses too; this header forwards so `#include "messages.hpp"` keeps working.
// (Kept here, not at the old adapters/cli/messages.hpp, so git sees the move as a
// rename and branches adding keys to the old header merge into the new one.)
#pragma once

#include "alur/i18n/messages.hpp"
