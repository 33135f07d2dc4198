# scripts/setup.sh — shared by scripts/test.sh and scripts/demo.sh (sourced, not run).
#
# alur_install_missing: on Debian 12, installs with apt-get whichever of the
#   build dependencies is missing (nothing is installed when all are present).
# alur_install_graphviz: for scripts/diagrams.sh (it draws the committed SVG
#   state diagrams with dot), installs Debian's graphviz if dot is missing.
#   The build and the tests do not need it: the SVGs are committed.
# alur_install_browser: for the browser test (tests/browser), installs with
#   apt-get whichever of chromium, node and npm is missing (checked by command,
#   so a Node.js from elsewhere, with its own npm, is kept).
# alur_build [TARGET...]: configures a Release build in build/ and builds the
#   given targets (default: everything) with two jobs (ALUR_JOBS to change).

ALUR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALUR_BUILD="${ALUR_BUILD:-$ALUR_ROOT/build}"

# Boost comes as the versioned 1.81 packages: libboost-dev would pull in 1.74.
ALUR_PACKAGES=(
  cmake g++ make
  libboost1.81-dev libboost-json1.81-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libspdlog-dev catch2 libcli11-dev libssl-dev libtomlplusplus-dev
  libxlsxwriter-dev pkg-config unzip
  # the email channel (libcurl's SMTP), and its tests: a local SMTP server
  # (python3-aiosmtpd, tests/support/smtp_sink.py) with a self-signed certificate (openssl);
  # https webhooks (the system's CAs) and their tests
  libcurl4-openssl-dev python3-aiosmtpd openssl ca-certificates python3
)

# alur_apt_install PKG...: apt-get update, then installs PKG... (with sudo
# when not root).
alur_apt_install() {
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

alur_install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian system; install these yourself: ${ALUR_PACKAGES[*]}" >&2
    return 0
  fi
  local missing=() p
  for p in "${ALUR_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "setup: installing ${missing[*]}"
  alur_apt_install "${missing[@]}"
}

alur_install_graphviz() {
  command -v dot >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: not a Debian system; install Graphviz (dot) yourself" >&2
    return 1
  fi
  echo "setup: installing graphviz (scripts/diagrams.sh)"
  alur_apt_install graphviz
}

alur_install_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: not a Debian system; install these yourself: ${missing[*]}" >&2
    return 1
  fi
  echo "setup: installing ${missing[*]} (browser test)"
  alur_apt_install "${missing[@]}"
}

alur_build() {
  cmake -S "$ALUR_ROOT" -B "$ALUR_BUILD" -DCMAKE_BUILD_TYPE=Release
  if (($# == 0)); then
    cmake --build "$ALUR_BUILD" -j"${ALUR_JOBS:-2}"
  else
    local t targets=()
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$ALUR_BUILD" -j"${ALUR_JOBS:-2}" "${targets[@]}"
  fi
}
