#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds everything in build/ (Release)
# and runs every test with ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

alur_install_missing
alur_build
ctest --test-dir "$ALUR_BUILD" --output-on-failure -j"${ALUR_JOBS:-2}"
