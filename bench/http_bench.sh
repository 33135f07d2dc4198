#!/usr/bin/env bash
# HTTP API throughput and latency with wrk on loopback (not a test).
#   bench/http_bench.sh [ALUR_BIN] [SECONDS]
# Starts `alur serve` on a fresh database with one case and an admin token,
# then runs wrk against GET /api/cases/{id} and POST /api/cases/{id}/events
# (record_added, each request a new event journaled with a full sync).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
alur="${1:-$root/build/bin/alur}"
secs="${2:-10}"
command -v wrk >/dev/null || { echo "http_bench: install wrk (apt-get install wrk)" >&2; exit 1; }
work="$(mktemp -d)"
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export ALUR_DB="$work/alur.db"
"$alur" init >/dev/null
id="$("$alur" open mutation --nip 197603152005011002 --name "Pegawai Uji" --grade administrator \
  --post "Kepala Bidang" --inaugurated-at 2020-01-06 --actor bench --reason bench)"
token="$("$alur" token add bench --role admin | grep -Eo '[0-9a-f]{64}' | head -n1)"
"$alur" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 100); do grep -q "alur serve: http" "$work/serve.out" && break; sleep 0.1; done
address="$(grep -Eo 'alur serve: http [0-9.]+:[0-9]+' "$work/serve.out" | awk '{print $4}')"
[[ -n "$address" ]] || { echo "http_bench: the server did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"event":"record_added","payload":{"item":"skp","value":"91"},"reason":"bench"}'
LUA
echo "== GET /api/cases/$id ($secs s, 2 threads, 16 connections)"
wrk -t2 -c16 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://$address/api/cases/$id"
echo "== POST /api/cases/$id/events ($secs s, 2 threads, 16 connections)"
wrk -t2 -c16 -d"${secs}s" --latency -s "$work/post.lua" "http://$address/api/cases/$id/events"
echo "== events journaled: $("$alur" show "$id" --json | grep -Eo '"version": *[0-9]+' | grep -Eo '[0-9]+')"
"$alur" audit verify | tail -n 1
