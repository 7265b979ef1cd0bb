#!/usr/bin/env bash
# SCIM load benchmark on a release build, with what identity providers really send: users
# with the enterprise extension (thousands of distinct costCenter and title values), a group
# of 100 and a group of every user (and a second group of 100, the programs' audience), PATCHes as Entra ID sends them (no query parameters),
# PUTs as Okta sends them (the whole user again).
# Seeds USERS users (default 100,000), then drives each scenario with wrk (16 connections,
# 2 threads) and prints req/s, p50, p99, the server's CPU time per request (from
# /proc/PID/stat, user + system) beside the targets, and the server's RSS.
# Under each write scenario it prints what bounds the rate in that run: the disk's fsync
# (probed on the database's file system), the group-commit writer's batches and their
# timings (from /metrics), and the CPU left to the server beside wrk and the rest of the
# machine (scripts/bench/write_limits.py explains the arithmetic).
#
# Usage: scripts/bench-scim.sh [seconds per scenario, default 10]
# Environment: USERS (default 100000); PROGRAMS (default 6: active programs in the tenant,
# as a company running random coffee has them; every write that changes a member's
# categories reads them, so 0 is the easy case); SCENARIOS (e.g. "create patch group-get": only
# those scenarios, after the same seeding); PERCOLATOR_BIN to measure another build (e.g. an
# older commit's release binary) with the same load; PEER_BIN to measure a second build in the
# same run: both servers are seeded alike, each on its own database, and every scenario runs
# on one then the other, the order alternating from one scenario to the next ([this] is
# PERCOLATOR_BIN or the current tree, [peer] is PEER_BIN). On a machine whose speed drifts,
# only such back-to-back pairs compare two builds. Needs wrk (apt-get install wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
USERS="${USERS:-100000}"
PROGRAMS="${PROGRAMS:-6}"
command -v wrk >/dev/null || { echo "bench-scim: wrk is missing (apt-get install wrk)" >&2; exit 2; }

source scripts/bench/server.sh
TOKEN=$("$BIN" token generate); ADMIN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve --max-body-bytes 2097152
[ -n "${PEER_BIN:-}" ] && PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve_peer "$PEER_BIN" --max-body-bytes 2097152
# The server a scenario measures: "this" (BIN) or, with PEER_BIN, "peer". `target NAME` points
# TARGET_PORT, TARGET_PID, the seeded ids and the groups at that server's.
declare -A T_PORT T_PID T_BIN T_SMALL T_LARGE T_AUDIENCE
T_PORT[this]=$PORT; T_PID[this]=$PID; T_BIN[this]=$BIN
[ -n "${PEER_BIN:-}" ] && { T_PORT[peer]=$PEER_PORT; T_PID[peer]=$PEER_PID; T_BIN[peer]=$PEER_BIN; }
TARGETS=(this); [ -n "${PEER_BIN:-}" ] && TARGETS=(this peer)
TAG=""
target() {
  TARGET_PORT=${T_PORT[$1]}; TARGET_PID=${T_PID[$1]}
  IDS_FILE="$WORK/ids-$1.txt"; NAMES_FILE="$WORK/names-$1.txt"
  SMALL_GROUP_ID=${T_SMALL[$1]:-}; LARGE_GROUP_ID=${T_LARGE[$1]:-}; AUDIENCE_GROUP_ID=${T_AUDIENCE[$1]:-}
  export IDS_FILE NAMES_FILE SMALL_GROUP_ID LARGE_GROUP_ID AUDIENCE_GROUP_ID
  if [ -n "${PEER_BIN:-}" ]; then TAG="[$1] "; fi
}
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$TARGET_PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$TARGET_PID/stat"; }
TICK=$(getconf CLK_TCK)
for t in "${TARGETS[@]}"; do
  target "$t"
  echo "${TAG}percolator $("${T_BIN[$t]}" --version | awk '{print $2}') release (${T_BIN[$t]}), $(nproc) cores; idle RSS $(rss) MB"
done

for t in "${TARGETS[@]}"; do
  target "$t"
  START=$(date +%s.%N)
  read -r small large audience < <(python3 scripts/bench/seed.py 127.0.0.1 "$TARGET_PORT" "$TOKEN" "$USERS" "$IDS_FILE" "$NAMES_FILE")
  T_SMALL[$t]=$small; T_LARGE[$t]=$large; T_AUDIENCE[$t]=$audience
  python3 scripts/bench/programs.py 127.0.0.1 "$TARGET_PORT" "$ADMIN" "$PROGRAMS" "$audience"
  END=$(date +%s.%N)
  python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'${TAG}seeded {n} enterprise users (16 Python clients), two 100-member groups (the second the audience of a third of the programs), a {n}-member group and $PROGRAMS active programs in {t:.1f} s; RSS $(rss) MB')" "$USERS" "$START" "$END"
done
target this

export BENCH_DIR="$PWD/scripts/bench" TOKEN RUN_ID="$$"
LABEL_WIDTH=48; [ ${#TARGETS[@]} -eq 2 ] && LABEL_WIDTH=55  # room for the [this]/[peer] tags
printf "\n%-${LABEL_WIDTH}s %8s %9s %9s %7s %9s   %s\n" "scenario (wrk -t2 -c16 -d${DURATION}s)" "req/s" "p50" "p99" "errors" "CPU/req" "target"
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
child_ticks() { awk '{print $16 + $17}' /proc/$$/stat; }  # waited-for children (wrk): user + system
read -r FSYNC_P50 FSYNC_P99 _ < <(python3 scripts/bench/fsync_probe.py "$WORK" 1)
echo "disk: fdatasync of a 16 KiB overwrite p50 ${FSYNC_P50} ms, p99 ${FSYNC_P99} ms on the database's file system; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One scenario on each server, the order alternating from one scenario to the next.
PAIRS=0
run() {  # $1 scenario, $2 label, $3 target, $4 "write" for the limits; environment passes through
  if [ -n "${SCENARIOS:-}" ] && [[ " $SCENARIOS " != *" $1 "* ]]; then return; fi
  local order=("${TARGETS[@]}")
  PAIRS=$((PAIRS + 1))
  if [ ${#order[@]} -eq 2 ] && [ $((PAIRS % 2)) -eq 0 ]; then order=(peer this); fi
  for t in "${order[@]}"; do target "$t"; run_on "$@"; done
  target this
}
run_on() {
  local before after machine_before machine_after client_before client_after started ended
  curl -fs "http://127.0.0.1:$TARGET_PORT/metrics" > "$WORK/metrics.before" || true
  machine_before=$(machine_ticks); client_before=$(child_ticks); started=$(date +%s.%N)
  before=$(cpu_ticks)
  local connections="${CONNECTIONS:-16}"
  SCENARIO="$1" wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${DURATION}s" --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$TARGET_PORT" > "$WORK/run.txt" 2> "$WORK/run.err" || true
  after=$(cpu_ticks)
  ended=$(date +%s.%N); client_after=$(child_ticks); machine_after=$(machine_ticks)
  curl -fs "http://127.0.0.1:$TARGET_PORT/metrics" > "$WORK/metrics.after" || true
  local rps p50 p99 errors requests cpu
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/run.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/run.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/run.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/run.txt"); errors=${errors:-0}
  requests=$(awk '/requests in/ {print $1}' "$WORK/run.txt")
  cpu=$(python3 -c "import sys; r=int(sys.argv[3] or 0); print(f'{(int(sys.argv[2])-int(sys.argv[1]))/int(sys.argv[4])*1000/max(r,1):.2f} ms')" "$before" "$after" "${requests:-0}" "$TICK")
  printf "%-${LABEL_WIDTH}s %8s %9s %9s %7s %9s   %s\n" "$TAG$2" "$rps" "$p50" "$p99" "$errors" "$cpu" "$3"
  head -3 "$WORK/run.err" | sed 's/^/    /'
  if [ "${4:-}" = write ]; then
    python3 scripts/bench/write_limits.py "$WORK/metrics.before" "$WORK/metrics.after" \
      "$(python3 -c "print(float('$ended') - float('$started'))")" "${requests:-0}" \
      "$(python3 -c "print(($after - $before) / $TICK)")" "$(python3 -c "print(($client_after - $client_before) / $TICK)")" \
      "$(python3 -c "print(($machine_after - $machine_before) / $TICK / (float('$ended') - float('$started')))")" \
      "$FSYNC_P50" "$connections" "$(nproc)" || true
    echo "    load average $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
}
VALUES=10 VALUE_PREFIX=few run create "POST /Users, 10 distinct costCenter/title" ">= 5,000/s, p99 < 10 ms, <= 0.3 ms CPU" write
# The catalog-size comparison: the 10,000 values are put into the catalog first (not
# measured), so both lines write values the tenant already knows. The third line writes
# values mostly seen for the first time, each one more catalog row: its cost is the new
# row's, measured apart.
if [ -z "${SCENARIOS:-}" ] || [[ " $SCENARIOS " == *" create "* ]]; then
  for t in "${TARGETS[@]}"; do python3 scripts/bench/warm_values.py 127.0.0.1 "${T_PORT[$t]}" "$TOKEN" many 10000; done
fi
VALUES=10000 VALUE_PREFIX=many run create "POST /Users, 10,000 distinct, all in the catalog" "the same as with 10" write
VALUES=10000 VALUE_PREFIX=fresh run create "POST /Users, 10,000 distinct, first seen now" "(a new value is a new row)" write
run get "GET /Users/{id}" ">= 20,000/s, p99 < 5 ms"
run filter 'GET /Users?filter=userName eq "…"' ">= 20,000/s, p99 < 5 ms"
VALUES=10000 VALUE_PREFIX=patch run patch "PATCH Replace title + costCenter (Entra)" ">= 5,000/s, p99 < 10 ms" write
VALUES=10000 VALUE_PREFIX=put run put "PUT whole user, new title + costCenter (Okta)" "as the PATCH" write
run deactivate "PATCH active=false/true" ">= 5,000/s, p99 < 10 ms" write
run page "GET /Users?startIndex=…&count=100" ">= 1,000/s"
run member-small "PATCH remove/add 1 member, 100-member group" "the same as the large group" write
run member-large "PATCH remove/add 1 member, ${USERS}-member group" ">= 3,000/s" write
run member-audience "the same, 100-member group that is an audience" "(+ the audiences logged)" write
run group-get "GET that group ?excludedAttributes=members" "< 1 ms"
# With 16 connections a p50 is about 16 / rate (Little's law): the request's own latency,
# without the queue of the other 15, is the same request on one connection.
CONNECTIONS=1 run group-get "the same, 1 connection (-t1 -c1)" "< 1 ms"
echo
for t in "${TARGETS[@]}"; do
  target "$t"
  TOTAL=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$TARGET_PORT/scim/v2/Users?count=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalResults"])')
  echo "${TAG}RSS after the run: $(rss) MB with $TOTAL users (target < 200 MB at 100,000 users)"
done
