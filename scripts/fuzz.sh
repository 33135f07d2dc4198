#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...] — builds the libFuzzer
# harnesses of tests/fuzz with clang (AddressSanitizer + UBSan, in build-fuzz/,
# CMake option ALUR_FUZZ=ON) and runs each for SECONDS_PER_HARNESS (default 25),
# all of them or those named (fuzz_time fuzz_nip fuzz_roster fuzz_config
# fuzz_payload fuzz_engine fuzz_http). Each run starts from the committed seeds
# and regression inputs (tests/fuzz/corpus/<harness>/) and the corpus earlier
# runs grew (build-fuzz/corpus/<harness>/, kept between runs). An input that
# crashes or breaks a check is saved as build-fuzz/findings/<harness>-crash-*
# (or -timeout-*, -oom-*, -leak-*); rerun it with build-fuzz/bin/<harness> FILE.
#
# At the end it prints, per harness, the executions (libFuzzer's
# stat::number_of_executed_units) and whether it found anything; it exits 1
# if any harness did. ALUR_FUZZ_SKIP=time,text leaves out the check classes
# named (see tests/fuzz/fuzz_support.hpp); ALUR_JOBS sets the build's jobs.
#
# For as long as wanted: scripts/fuzz.sh 3600 (an hour per harness), or
# scripts/fuzz.sh 36000 fuzz_engine for one harness overnight.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ALUR_FUZZ_BUILD:-$ROOT/build-fuzz}"
SECONDS_PER="${1:-25}"
shift || true
ALL=(fuzz_time fuzz_nip fuzz_roster fuzz_config fuzz_payload fuzz_engine fuzz_http)
HARNESSES=("$@")
((${#HARNESSES[@]})) || HARNESSES=("${ALL[@]}")

# clang and libFuzzer (Debian: clang-14 and libclang-rt-14-dev).
if ! command -v clang++ >/dev/null 2>&1 || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=(); [[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
    echo "fuzz: installing clang-14 and libclang-rt-14-dev"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang-14 libclang-rt-14-dev
  else
    echo "fuzz: clang with libFuzzer is needed (clang-14, libclang-rt-14-dev)" >&2
    exit 2
  fi
fi
CLANG=clang; CLANGXX=clang++
command -v clang++ >/dev/null 2>&1 || { CLANG=clang-14; CLANGXX=clang++-14; }

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CC="$CLANG" CXX="$CLANGXX" cmake -S "$ROOT" -B "$BUILD" -DALUR_FUZZ=ON "${launcher[@]}" >/dev/null
build_start=$SECONDS
targets=()
for h in "${HARNESSES[@]}"; do targets+=(--target "$h"); done
cmake --build "$BUILD" -j"${ALUR_JOBS:-2}" "${targets[@]}"
echo "fuzz: built ${#HARNESSES[@]} harnesses in $((SECONDS - build_start)) s"

mkdir -p "$BUILD/findings" "$BUILD/logs"
declare -A EXECS RESULT
failed=0
for h in "${HARNESSES[@]}"; do
  mkdir -p "$BUILD/corpus/$h"
  seeds="$ROOT/tests/fuzz/corpus/$h"
  log="$BUILD/logs/$h.log"
  echo "fuzz: $h for ${SECONDS_PER} s"
  set +e
  # The grown corpus first: new inputs are written there, the seeds stay as committed.
  "$BUILD/bin/$h" -max_total_time="$SECONDS_PER" -print_final_stats=1 -timeout=10 -rss_limit_mb=2560 \
    -max_len=16384 -artifact_prefix="$BUILD/findings/$h-" "$BUILD/corpus/$h" "$seeds" </dev/null >"$log" 2>&1
  rc=$?
  set -e
  EXECS[$h]=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if ((rc == 0)); then
    RESULT[$h]=ok
  else
    RESULT[$h]="FOUND (exit $rc): $(ls -t "$BUILD/findings/$h-"* 2>/dev/null | head -1)"
    failed=1
    grep -a -m3 -E 'fuzz check failed|ERROR: AddressSanitizer|runtime error|ERROR: libFuzzer' "$log" || true
    echo "fuzz: log in $log"
  fi
done

echo
printf '%-14s %14s  %s\n' harness executions result
for h in "${HARNESSES[@]}"; do
  printf '%-14s %14s  %s\n' "$h" "${EXECS[$h]:-?}" "${RESULT[$h]}"
done
exit $failed
