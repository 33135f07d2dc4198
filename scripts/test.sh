#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds everything in build/ (Release),
# checks that ctest has one entry per Catch2 test case of build/bin/*_tests
# (scripts/check_tests.sh), runs every test with ctest, then the browser test
# (tests/browser: the web page in headless Chromium, driven by playwright-core;
# ALUR_BROWSER_TEST=0 skips it). Its screenshots go to build/browser/.
# ctest includes the crash harnesses (tests/crash, binary crash_tests): `alur
# serve` killed with SIGKILL in 5 rounds under load (ALUR_CRASH_ROUNDS) and
# `alur jobfit start` killed over a 4,000-official batch; scripts/crash.sh N
# runs N rounds. Then the fuzz harnesses, briefly (scripts/fuzz.sh;
# ALUR_FUZZ_TEST=0 skips them). Before the fuzzing, the package test
# (tests/package: builds the .deb, installs it on this machine when root,
# purges it; ALUR_PACKAGE_TEST=0 skips it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

alur_install_missing
if [[ "${ALUR_BROWSER_TEST:-1}" != 0 ]]; then
  alur_install_browser
fi
alur_build
bash "$ALUR_ROOT/scripts/check_tests.sh" "$ALUR_BUILD"
ctest --test-dir "$ALUR_BUILD" --output-on-failure -j"${ALUR_JOBS:-2}"

if [[ "${ALUR_BROWSER_TEST:-1}" != 0 ]]; then
  (cd "$ALUR_ROOT/tests/browser" && npm ci --no-audit --no-fund)
  # Every browser test: tests/browser/*_test.mjs, each with its own server and database.
  for t in "$ALUR_ROOT"/tests/browser/*_test.mjs; do
    node "$t" "$ALUR_BUILD/bin/alur"
  done
fi

# The Debian package (tests/package/package_test.sh): cpack from build/, its
# contents and lintian, dpkg -i on this machine, systemd-analyze verify, the
# installed alur's --version and a demo as the user alur, the upgrade path,
# purge (about 30 s). Skips itself unless root on Debian; ALUR_PACKAGE_TEST=0 skips it.
if [[ "${ALUR_PACKAGE_TEST:-1}" != 0 ]]; then
  bash "$ALUR_ROOT/tests/package/package_test.sh" "$ALUR_BUILD"
fi

# The fuzz harnesses (tests/fuzz, scripts/fuzz.sh): built with clang, ASan and
# UBSan in build-fuzz/, then each of the 7 run for 25 s from its committed
# seeds and regression inputs (under 3 minutes of fuzzing in all; ALUR_FUZZ_SECONDS
# to change). ALUR_FUZZ_TEST=0 skips it.
if [[ "${ALUR_FUZZ_TEST:-1}" != 0 ]]; then
  "$ALUR_ROOT/scripts/fuzz.sh" "${ALUR_FUZZ_SECONDS:-25}"
fi
