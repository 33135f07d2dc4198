#!/usr/bin/env bash
# Builds alur and alur-bench and runs every benchmark mode (not part of the tests).
#   scripts/bench.sh              full sizes (about 10 minutes on 2 cores)
#   scripts/bench.sh --quick      small sizes (under a minute)
#   scripts/bench.sh MODE [ARGS]  one mode with its own options (alur-bench --help)
#   scripts/bench.sh profile MODE [ARGS]
#                                 the mode under `perf record` (children too: the
#                                 `alur serve` of http), then the top symbols by
#                                 process and library (perf report)
# Output goes to standard output; docs/PERFORMANCE.md keeps the figures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
alur_install_missing
alur_build alur alur-bench
bench="$ALUR_BUILD/bin/alur-bench"

if [[ "${1:-}" == "profile" ]]; then
  shift
  command -v perf >/dev/null || { echo "bench.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
  data="$(mktemp -d)/perf.data"
  perf record -F 499 -g -o "$data" -- "$bench" "$@"
  echo; echo "=== where the time goes (perf report, self time, >= 1 %)"
  perf report -i "$data" --no-children --sort comm,dso --stdio -g none --percent-limit 2 2>/dev/null | grep -v '^#' | grep -v '^$'
  perf report -i "$data" --no-children --sort comm,sym --stdio -g none --percent-limit 1 2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-160
  rm -rf "$(dirname "$data")"
  exit 0
fi
if [[ $# -gt 0 && "$1" != "--quick" ]]; then
  exec "$bench" "$@"
fi
run() { echo; echo "=== alur-bench $*"; "$bench" "$@"; }
if [[ "${1:-}" == "--quick" ]]; then
  run transitions --seconds 1 --cases 1,16,256,1000
  run http --seconds 1 --connections 1,16,64
  run verify --events 100000
  run list --sizes 100,10000 --budget 1
  run timers --timers 30000 --burst 10000
else
  run transitions
  run http
  run verify
  run list
  run timers
fi
