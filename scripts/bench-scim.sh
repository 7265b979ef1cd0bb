#!/usr/bin/env bash
# SCIM load benchmark on a release build: seeds USERS users (default 100,000) and a group of
# 10,000 members, then drives each scenario with wrk (16 connections, 2 threads) and prints
# req/s, p50 and p99 beside the targets of the SCIM service issue, and the server's RSS.
#
# Usage: scripts/bench-scim.sh [seconds per scenario, default 10]
# Environment: USERS (default 100000). Needs wrk (apt-get install wrk) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
USERS="${USERS:-100000}"
command -v wrk >/dev/null || { echo "bench-scim: wrk is missing (apt-get install wrk)" >&2; exit 2; }

swift build -c release --product percolator >/dev/null
BIN="$(swift build -c release --show-bin-path)/percolator"
WORK="$(mktemp -d)"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
TOKEN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" "$BIN" serve --port "$PORT" --database "$WORK/bench.sqlite" --max-body-bytes 2097152 \
  > /dev/null 2> "$WORK/server.err" &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status"; }
echo "percolator $("$BIN" --version | awk '{print $2}') release, $(nproc) cores; idle RSS $(rss) MB"

START=$(date +%s.%N)
GROUP_ID=$(python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" "$USERS" "$WORK/ids.txt" "$WORK/names.txt")
END=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'seeded {n} users (16 Python clients) and a 10,000-member group in {t:.1f} s: {n/t:.0f} creates/s; RSS $(rss) MB')" "$USERS" "$START" "$END"

export BENCH_DIR="$PWD/scripts/bench" TOKEN IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" GROUP_ID RUN_ID="$$"
printf '\n%-44s %10s %9s %9s %8s   %s\n' "scenario (wrk -t2 -c16 -d${DURATION}s)" "req/s" "p50" "p99" "errors" "target"
run() {  # $1 scenario, $2 label, $3 target
  SCENARIO="$1" wrk -t2 -c16 -d"${DURATION}s" --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/$1.txt" 2> "$WORK/$1.err" || true
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt"); errors=${errors:-0}
  printf '%-44s %10s %9s %9s %8s   %s\n' "$2" "$rps" "$p50" "$p99" "$errors" "$3"
  head -3 "$WORK/$1.err" | sed 's/^/    /'
}
run create "POST /Users" ">= 5,000/s, p99 < 10 ms"
run get "GET /Users/{id}" ">= 20,000/s, p99 < 5 ms"
run filter 'GET /Users?filter=userName eq "…"' ">= 20,000/s, p99 < 5 ms"
run deactivate "PATCH active=false/true" ">= 5,000/s, p99 < 10 ms"
run page "GET /Users?startIndex=…&count=100" ">= 1,000/s"
run member-add "PATCH add 1 member, 10,000-member group" ">= 3,000/s"
run group-get "GET that group ?excludedAttributes=members" "-"
TOTAL=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/scim/v2/Users?count=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalResults"])')
echo
echo "RSS after the run: $(rss) MB with $TOTAL users (target < 200 MB at 100,000 users)"
