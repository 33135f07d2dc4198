#!/usr/bin/env bash
# Builds and runs the benchmarks (not part of the tests): 1M pending timers.
#   scripts/bench.sh [CASES]   (default 333334 cases = 1,000,002 timers)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
alur_install_missing
alur_build timers_bench verify_bench
cases="${1:-333334}"
db="$(mktemp -d)/bench.db"
trap 'rm -rf "$(dirname "$db")"' EXIT
"$ALUR_BUILD/bin/timers_bench" setup "$db" "$cases"
"$ALUR_BUILD/bin/timers_bench" restart "$db"
"$ALUR_BUILD/bin/timers_bench" fire "$db"
"$ALUR_BUILD/bin/verify_bench" "$(dirname "$db")/verify.db" "${VERIFY_CASES:-50000}"
