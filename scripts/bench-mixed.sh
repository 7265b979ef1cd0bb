#!/usr/bin/env bash
# SCIM creates beside slow reads, on a release build: 16 connections of POST /Users (the
# enterprise bodies of bench-scim.sh) while 2 more connections GET the whole USERS-member
# group, members included (one such answer is read and rendered for tens of milliseconds on
# a reader). Prints the creates' req/s and latency percentiles, then the group GETs'. Run it
# once with READERS=0 to see the creates alone on the same seeded server.
#
# Usage: scripts/bench-mixed.sh [seconds, default 10]
# Environment: USERS (default 30000: the large group's size); READERS (default 2, the
# connections reading the group; 0 for none); PERCOLATOR_BIN to measure another build.
# Needs wrk (apt-get install wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
USERS="${USERS:-30000}"
READERS="${READERS:-2}"
command -v wrk >/dev/null || { echo "bench-mixed: wrk is missing (apt-get install wrk)" >&2; exit 2; }

source scripts/bench/server.sh
TOKEN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" bench_serve --max-body-bytes 2097152
read -r SMALL_GROUP_ID LARGE_GROUP_ID _ < <(python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" "$USERS" "$WORK/ids.txt" "$WORK/names.txt")
export BENCH_DIR="$PWD/scripts/bench" TOKEN IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" SMALL_GROUP_ID LARGE_GROUP_ID RUN_ID="$$"
echo "percolator $("$BIN" --version | awk '{print $2}') release ($BIN), $(nproc) cores; $USERS users, a $USERS-member group; load average $(cut -d' ' -f1-3 /proc/loadavg)"

summary() {  # wrk --latency output → "N req/s, p50 …, p90 …, p99 …"
  awk '/Requests\/sec/ {rps=$2} $1 == "50%" {p50=$2} $1 == "90%" {p90=$2} $1 == "99%" {p99=$2}
       END {printf "%.0f req/s, p50 %s, p90 %s, p99 %s", rps, p50, p90, p99}' "$1"
}
if [ "$READERS" -gt 0 ]; then
  # Started first and stopped last, so that the creates are measured with the reads throughout.
  wrk -t1 -c"$READERS" -d"$((DURATION + 1))s" --latency -s scripts/bench/full_group.lua "http://127.0.0.1:$PORT" > "$WORK/reads.txt" 2>&1 &
  READS=$!
  sleep 0.5
fi
SCENARIO=create wrk -t2 -c16 -d"${DURATION}s" --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/creates.txt" 2>&1 || true
echo "POST /Users, 16 connections: $(summary "$WORK/creates.txt")"
if [ "$READERS" -gt 0 ]; then
  wait "$READS" || true
  echo "GET /Groups/{id} of $USERS members, $READERS connections: $(summary "$WORK/reads.txt")"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
