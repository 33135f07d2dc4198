#!/usr/bin/env bash
# scripts/check_tests.sh [BUILD_DIR] — checks that ctest runs what the test
# binaries hold: one ctest entry per Catch2 test case of every build/bin/*_tests
# (same names, same count), and every entry run with `--warn NoTests`, so an
# entry whose name matches no test case fails instead of passing.
# Run by scripts/test.sh after the build; exits 1 naming what differs.
set -euo pipefail
build="${1:-${ALUR_BUILD:-build}}"
shopt -s nullglob

binaries=()
for b in "$build"/bin/*_tests; do
  [[ -f "$b" && -x "$b" ]] && binaries+=("$b")
done
if ((${#binaries[@]} == 0)); then
  echo "check_tests: no test binaries in $build/bin" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/catch"
for b in "${binaries[@]}"; do
  # Catch2 2.x exits with the number of test cases listed (at most 255).
  rc=0
  "$b" --list-test-names-only >"$tmp/one" || rc=$?
  n=$(grep -c . "$tmp/one" || true)
  if ((rc != (n > 255 ? 255 : n))); then
    echo "check_tests: $b --list-test-names-only failed (exit $rc, $n names)" >&2
    exit 1
  fi
  grep . "$tmp/one" >>"$tmp/catch" || true
done

ctest --test-dir "$build" -N -V >"$tmp/ctest-v"
sed -n 's/^ *Test *#[0-9]*: //p' "$tmp/ctest-v" >"$tmp/ctest"
n_catch=$(wc -l <"$tmp/catch")
n_ctest=$(wc -l <"$tmp/ctest")
n_commands=$(grep -c 'Test command:' "$tmp/ctest-v" || true)
n_warned=$(grep 'Test command:' "$tmp/ctest-v" | grep -c -- '"--warn" "NoTests"' || true)

status=0
LC_ALL=C sort "$tmp/catch" >"$tmp/catch.sorted"
LC_ALL=C sort "$tmp/ctest" >"$tmp/ctest.sorted"
if ! cmp -s "$tmp/catch.sorted" "$tmp/ctest.sorted"; then
  echo "check_tests: ctest has $n_ctest entries but the ${#binaries[@]} test binaries hold $n_catch Catch2 test cases" >&2
  LC_ALL=C comm -23 "$tmp/catch.sorted" "$tmp/ctest.sorted" | sed 's/^/  never run by ctest: /' >&2
  LC_ALL=C comm -13 "$tmp/catch.sorted" "$tmp/ctest.sorted" | sed 's/^/  ctest entry with no test case of that name: /' >&2
  grep -E '[][;\\]' "$tmp/catch" | sed 's/^/  name with [ ] ; or \\ (not allowed in test case names): /' >&2 || true
  status=1
fi
if ((n_warned != n_commands)); then
  echo "check_tests: $((n_commands - n_warned)) of $n_commands ctest entries run without --warn NoTests" \
    "(add test binaries with alur_test_binary in tests/CMakeLists.txt)" >&2
  status=1
fi
if ((status == 0)); then
  echo "check_tests: $n_ctest ctest entries = $n_catch Catch2 test cases in ${#binaries[@]} binaries"
fi
exit "$status"
