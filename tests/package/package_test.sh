#!/usr/bin/env bash
# tests/package/package_test.sh BUILD_DIR — the Debian package, end to end.
#
# Builds the .deb with cpack from BUILD_DIR (reusing the binary and the
# generated man pages and completion already built there), inspects it
# (dpkg-deb --contents: paths, owners and modes; dpkg-deb -I: control and
# conffiles; the maintainer scripts; lintian where installed), installs it on
# THIS machine with dpkg -i, checks `systemd-analyze verify` on the installed
# unit, the user alur and /var/lib/alur (0700, owned by alur), runs the
# installed /usr/bin/alur --version and a short demo against /var/lib/alur as
# the user alur, reinstalls it (the upgrade path: stop, back up, migrate,
# start) and checks the backup, then purges the package and removes the
# user and /var/lib/alur it left behind.
#
# Meant for a throwaway CI container (scripts/test.sh runs it; CI runs as
# root). Skips, exit 0 saying why, when not root, not Debian, or when a
# package named alur is already installed here (ALUR_PACKAGE_TEST_FORCE=1 to
# replace it anyway). Prints each check.
set -euo pipefail

build="$(cd "${1:?usage: package_test.sh BUILD_DIR}" && pwd)"

skip() {
  echo "package test: SKIPPED: $*"
  exit 0
}
[[ -f /etc/debian_version ]] && command -v dpkg-deb >/dev/null || skip "not a Debian system"
[[ "$(id -u)" -eq 0 ]] || skip "not root (dpkg -i installs on this machine)"
if dpkg-query -W -f='${Status}' alur 2>/dev/null | grep -q 'install ok installed' &&
  [[ "${ALUR_PACKAGE_TEST_FORCE:-0}" != 1 ]]; then
  skip "a package alur is already installed here (ALUR_PACKAGE_TEST_FORCE=1 replaces it)"
fi
[[ -x "$build/bin/alur" ]] || { echo "package test: $build/bin/alur is not built" >&2; exit 1; }

work="$(mktemp -d /tmp/alur-package-test.XXXXXX)"
installed=0
cleanup() {
  if ((installed)); then
    dpkg --purge alur >/dev/null 2>&1 || true
    rm -rf /var/lib/alur /var/log/alur
    getent passwd alur >/dev/null && deluser --system --quiet alur >/dev/null 2>&1 || true
    getent group alur >/dev/null && delgroup --system --quiet alur >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

checks=0
ok() {
  checks=$((checks + 1))
  echo "  ok: $*"
}
fail() {
  echo "package test: FAILED: $*" >&2
  exit 1
}

echo "package test: cpack from $build"
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack"; }
deb="$(ls "$work"/out/alur_*.deb)"
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# --- contents: path, owner, mode ----------------------------------------------------
dpkg-deb --contents "$deb" >"$work/contents"
echo "package test: dpkg-deb --contents"
sed 's/^/    /' "$work/contents"
expect() {  # MODE PATH: the entry exists, owned by root/root, with MODE
  local mode="$1" path="$2" line
  line="$(awk -v p="./$path" '$6 == p' "$work/contents")"
  [[ -n "$line" ]] || fail "$path is not in the package"
  [[ "$(awk '{print $1}' <<<"$line")" == "$mode" ]] || fail "$path: mode $(awk '{print $1}' <<<"$line"), expected $mode"
  [[ "$(awk '{print $2}' <<<"$line")" == root/root ]] || fail "$path: owner $(awk '{print $2}' <<<"$line")"
  ok "$mode root/root /$path"
}
expect -rwxr-xr-x usr/bin/alur
expect -rw-r--r-- etc/alur/alur.toml
expect -rw-r--r-- etc/logrotate.d/alur
expect -rw-r--r-- lib/systemd/system/alur.service
expect -rw-r--r-- usr/share/man/man1/alur.1.gz
expect -rw-r--r-- usr/share/man/id/man1/alur.1.gz
expect -rw-r--r-- usr/share/bash-completion/completions/alur
expect -rw-r--r-- usr/share/doc/alur/copyright
expect -rw-r--r-- usr/share/doc/alur/changelog.gz
expect -rw-r--r-- usr/share/doc/alur/OPERATIONS.md
if grep -q ' \./var/lib/' "$work/contents"; then fail "the package ships files in /var/lib (postinst creates it)"; fi
ok "nothing shipped in /var/lib (the maintainer scripts create /var/lib/alur)"

# --- control, conffiles, maintainer scripts ----------------------------------------
dpkg-deb -I "$deb" >"$work/info"
echo "package test: dpkg-deb -I"
sed 's/^/    /' "$work/info"
mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
for f in /etc/alur/alur.toml /etc/logrotate.d/alur; do
  grep -qx "$f" "$work/control/conffiles" || fail "$f is not a conffile"
  ok "conffile $f"
done
grep -q '^Depends:.*adduser' "$work/control/control" || fail "Depends lacks adduser"
grep -q '^Depends:.*libsqlite3' "$work/control/control" || fail "Depends lacks the shared libraries (dpkg-shlibdeps)"
ok "Depends: $(sed -n 's/^Depends: //p' "$work/control/control")"
for s in preinst postinst prerm postrm; do
  [[ -x "$work/control/$s" ]] || fail "$s is missing or not executable"
  sh -n "$work/control/$s" || fail "$s: syntax"
done
ok "preinst, postinst, prerm, postrm executable and sh -n clean"

if command -v lintian >/dev/null; then
  echo "package test: lintian"
  lintian --tag-display-limit 0 "$deb" >"$work/lintian" 2>&1 || true
  if [[ -s "$work/lintian" ]]; then sed 's/^/    /' "$work/lintian"; else echo "    (no findings)"; fi
  # Errors fail the test, except those the project accepts (docs/OPERATIONS.md, "Install").
  errors="$(grep '^E: ' "$work/lintian" || true)"
  [[ -z "$errors" ]] || fail "lintian errors: $errors"
  ok "lintian: no errors ($(grep -c '^W: ' "$work/lintian" || true) warnings, $(grep -c '^[IP]: ' "$work/lintian" || true) infos)"
else
  echo "package test: lintian not installed, not run"
fi

# --- install on this machine -------------------------------------------------------
echo "package test: dpkg -i"
installed=1
dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || { cat "$work/dpkg-i.log" >&2; fail "dpkg -i"; }
sed 's/^/    /' "$work/dpkg-i.log"
ok "installed"

getent passwd alur >/dev/null || fail "no user alur"
[[ "$(getent passwd alur | cut -d: -f6)" == /var/lib/alur ]] || fail "alur's home is not /var/lib/alur"
[[ "$(getent passwd alur | cut -d: -f7)" == */nologin ]] || fail "alur has a login shell"
ok "system user alur (uid $(id -u alur), home /var/lib/alur, no login shell)"
[[ "$(stat -c '%a %U:%G' /var/lib/alur)" == "700 alur:alur" ]] ||
  fail "/var/lib/alur is $(stat -c '%a %U:%G' /var/lib/alur), expected 700 alur:alur"
ok "/var/lib/alur 700 alur:alur"
[[ "$(stat -c '%a %U' /var/lib/alur/alur.db)" == "600 alur" ]] ||
  fail "/var/lib/alur/alur.db is $(stat -c '%a %U' /var/lib/alur/alur.db), expected 600 alur"
ok "/var/lib/alur/alur.db created by postinst, 600 alur"
[[ "$(stat -c '%a %U:%G' /var/log/alur)" == "750 alur:adm" ]] || fail "/var/log/alur is $(stat -c '%a %U:%G' /var/log/alur)"
ok "/var/log/alur 750 alur:adm"

if command -v systemd-analyze >/dev/null; then
  echo "package test: systemd-analyze verify /lib/systemd/system/alur.service"
  rc=0
  systemd-analyze verify /lib/systemd/system/alur.service >"$work/verify" 2>&1 || rc=$?
  if [[ -s "$work/verify" ]]; then sed 's/^/    /' "$work/verify"; else echo "    (no output)"; fi
  ((rc == 0)) || fail "systemd-analyze verify: exit $rc"
  [[ ! -s "$work/verify" ]] || fail "systemd-analyze verify complains (an unknown key is only a warning there)"
  ok "systemd-analyze verify: exit 0, nothing to say"
  exposure="$(systemd-analyze security --offline=yes /lib/systemd/system/alur.service 2>&1 | grep 'Overall exposure' || true)"
  [[ -n "$exposure" ]] && ok "systemd-analyze security --offline=yes: ${exposure#→ }"
else
  echo "package test: systemd-analyze not installed, unit not verified"
fi
if command -v logrotate >/dev/null; then
  logrotate -d /etc/logrotate.d/alur >"$work/logrotate" 2>&1 || { cat "$work/logrotate" >&2; fail "logrotate -d"; }
  ok "logrotate -d /etc/logrotate.d/alur parses"
fi
if command -v groff >/dev/null; then
  for page in /usr/share/man/man1/alur.1.gz /usr/share/man/id/man1/alur.1.gz; do
    warnings="$(zcat "$page" | groff -man -Tutf8 -ww -z 2>&1 || true)"
    [[ -z "$warnings" ]] || fail "$page: groff warns: $warnings"
    ok "$page: groff -man -ww clean ($(zcat "$page" | grep -c '^\.SS') commands)"
  done
fi
completion="$(bash -c 'source /usr/share/bash-completion/completions/alur
  COMP_WORDS=(alur aud); COMP_CWORD=1; _alur; echo "${COMPREPLY[*]}"
  COMP_WORDS=(alur audit ver); COMP_CWORD=2; _alur; echo "${COMPREPLY[*]}"
  COMP_WORDS=(alur --lang ""); COMP_CWORD=2; _alur; echo "${COMPREPLY[*]}"')"
[[ "$completion" == $'audit\nverify\nid en' ]] || fail "bash completion answered: $completion"
ok "bash completion: alur aud -> audit; alur audit ver -> verify; --lang -> id en"

# --- the installed binary ----------------------------------------------------------
version="$(/usr/bin/alur --version)"
[[ "$version" =~ ^alur\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{7}|unknown)\)$ ]] ||
  fail "/usr/bin/alur --version printed: $version"
ok "/usr/bin/alur --version: $version"
json="$(/usr/bin/alur version --json)"
for key in version commit schema_version build_type sqlite openssl boost spdlog tomlplusplus cli11 libxlsxwriter; do
  grep -q "\"$key\"" <<<"$json" || fail "alur version --json lacks $key: $json"
done
ok "alur version --json: $(tr -d '\n ' <<<"$json")"

rc=0
typo="$(/usr/bin/alur --lang en lst 2>&1)" || rc=$?
[[ $rc == 2 && "$typo" == "alur: invalid input: unknown command 'lst'; did you mean \`list\`?" ]] ||
  fail "alur lst: exit $rc, $typo"
ok "alur --lang en lst: exit 2, $typo"

echo "package test: a demo as the user alur against /var/lib/alur"
alur_as() { runuser -u alur -- /usr/bin/alur --db /var/lib/alur/alur.db --config /etc/alur/alur.toml "$@"; }
case_id="$(alur_as open mutation --nip 197603152005012002 --name "Siti Rahmawati, S.Pd., M.Pd." \
  --grade jpt_pratama --post "Kepala Dinas Pendidikan" --unit "Dinas Pendidikan" \
  --inaugurated-at 2021-03-08 --at "2025-09-01 08:30" --actor ani --reason "usulan rotasi")"
[[ "$case_id" == MUT-000001 ]] || fail "open printed $case_id"
ok "open mutation -> $case_id"
moved="$(alur_as advance "$case_id" record_added item=skp value="Sangat baik" source=BKPSDM \
  --at "2025-09-03 10:00" --actor ani --reason "rekam jejak")"
ok "advance: $moved"
alur_as list | sed 's/^/    /'
alur_as list | grep -q "$case_id" || fail "list does not show $case_id"
ok "list shows $case_id"
alur_as run-due --now "2025-09-02 09:00" | sed 's/^/    /'
ok "run-due (the configured channels, as the user alur)"
verified="$(alur_as audit verify)" || fail "audit verify: $verified"
ok "audit verify: $(head -1 <<<"$verified")"
if runuser -u nobody -- test -r /var/lib/alur/alur.db; then fail "user nobody can read the database"; fi
ok "the user nobody cannot read /var/lib/alur/alur.db"

# --- upgrade path: the same package again (preinst upgrade, postinst configure) -----
echo "package test: dpkg -i again (the upgrade path)"
dpkg -i "$deb" >"$work/dpkg-u.log" 2>&1 || { cat "$work/dpkg-u.log" >&2; fail "dpkg -i (upgrade)"; }
sed 's/^/    /' "$work/dpkg-u.log"
backup="$(ls /var/lib/alur/backups/pre-upgrade-*.db 2>/dev/null | head -1)"
[[ -n "$backup" ]] || fail "no /var/lib/alur/backups/pre-upgrade-*.db after the upgrade"
[[ "$(stat -c '%a %U' "$backup")" == "600 alur" ]] || fail "$backup is $(stat -c '%a %U' "$backup")"
ok "preinst backed up to $backup (600 alur)"
runuser -u alur -- /usr/bin/alur --db "$backup" --config /etc/alur/alur.toml show "$case_id" >/dev/null ||
  fail "the backup does not hold $case_id"
runuser -u alur -- /usr/bin/alur --db "$backup" --config /etc/alur/alur.toml audit verify >/dev/null ||
  fail "the backup does not verify"
ok "the backup holds $case_id and verifies"
alur_as show "$case_id" >/dev/null || fail "$case_id is gone after the upgrade"
ok "$case_id still there after the upgrade"

# --- purge -------------------------------------------------------------------------
dpkg --purge alur >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "dpkg --purge"; }
[[ ! -e /usr/bin/alur && ! -e /etc/alur/alur.toml && ! -e /lib/systemd/system/alur.service ]] ||
  fail "files left after purge"
[[ -f /var/lib/alur/alur.db ]] || fail "purge removed the database (it must keep it)"
ok "purged: binary, conffiles and unit gone; /var/lib/alur/alur.db kept, as documented"

echo "package test: passed ($checks checks)"
