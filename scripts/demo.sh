#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds `alur` in build/ (Release) and
# runs the bundled example: three mutation cases on a fresh SQLite file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

alur_install_missing
alur_build alur
exec bash "$ALUR_ROOT/examples/demo.sh" "$ALUR_BUILD/bin/alur"
