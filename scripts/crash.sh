#!/usr/bin/env bash
# Builds and runs the crash harnesses (tests/crash) for as long as asked:
#   scripts/crash.sh [ROUNDS] [SEED]      (default 100 rounds, seed 20261201)
# - `alur serve` killed with SIGKILL at a random moment of each of ROUNDS rounds
#   under concurrent HTTP and CLI writers, the journal checked after each;
# - `alur jobfit start` of a 4,000-official roster killed at random moments
#   and run again (seeded by SEED too).
# Each prints its figures. scripts/test.sh runs the same tests with 5 rounds
# through ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
alur_install_missing
alur_build alur crash_tests
export ALUR_CRASH_ROUNDS="${1:-100}" ALUR_CRASH_SEED="${2:-20261201}"
"$ALUR_BUILD/bin/crash_tests" "[serve]"
"$ALUR_BUILD/bin/crash_tests" "[jobfit]"
