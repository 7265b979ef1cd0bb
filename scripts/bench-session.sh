#!/usr/bin/env bash
# A whole session at scale through the admin API, on a release build (issue 16): MEMBERS
# members (default 100,000) imported by CSV with a Department column of 40 values, a
# program of pairs with one differentValue rule, one session matched with
# POST /api/v1/sessions/{id}/match — selection, engine, commit of groups and history and
# one introduction email per group — then its groups read page by page. Meanwhile wrk
# sends SCIM POST /Users (enterprise bodies, 16 connections) and reports its p99 and max,
# the SCIM latency while the match runs (target: p99 < 50 ms).
#
# Usage: scripts/bench-session.sh        Environment: MEMBERS; PERCOLATOR_BIN for another build;
#        LOAD=0 for the match alone; MATCH=0 for the SCIM load alone (the control: on a machine
#        shared with other work, the p99 the neighbours cause); PROFILE=file for perf samples
#        of the match and the pages.
set -euo pipefail
cd "$(dirname "$0")/.."
MEMBERS="${MEMBERS:-100000}"
command -v wrk >/dev/null || { echo "bench-session: wrk is missing (apt-get install wrk)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench-session: jq is missing (apt-get install jq)" >&2; exit 2; }
source scripts/bench/server.sh
TOKEN=$("$BIN" token generate); ADMIN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve --import-max-bytes 67108864
API="http://127.0.0.1:$PORT/api/v1"
AUTH="Authorization: Bearer $ADMIN"
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f} s')" "$1" "$2"; }

python3 - "$MEMBERS" "$WORK/members.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("First name,Last name,Email,Department\n")
    for i in range(rows): f.write(f"Given{i},Family{i},member{i}@session.example,Department {i % 40}\n")
PY
echo "percolator release ($BIN), $(nproc) cores; $MEMBERS members"
START=$(date +%s.%N)
curl -sS --fail-with-body -o "$WORK/import.json" -X POST -H "$AUTH" -H "Content-Type: text/csv" --data-binary @"$WORK/members.csv" \
  "$API/imports?dryRun=false&rows=none&column.Department=category:department"
echo "import: $(seconds "$START" "$(date +%s.%N)")"
PROGRAM=$(curl -sS --fail-with-body -X POST -H "$AUTH" -H 'Content-Type: application/json' "$API/programs" -d '{
  "name": "Bench", "audience": {"type": "all"}, "groupSize": 2,
  "rules": [{"type": "differentValue", "category": "Department"}],
  "schedule": {"type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"}}' | jq -r .id)
MATCH_AT=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)
SESSION=$(curl -sS --fail-with-body -X POST -H "$AUTH" -H 'Content-Type: application/json' "$API/programs/$PROGRAM/sessions" \
  -d "{\"matchAt\": \"$MATCH_AT\"}" | jq -r .id)

python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" 200 "$WORK/ids.txt" "$WORK/names.txt" > /dev/null
export BENCH_DIR="$PWD/scripts/bench" TOKEN IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" RUN_ID="$$" SCENARIO=create
if [ -n "${PROFILE:-}" ]; then  # PROFILE=file: perf samples of the server during the match, no SCIM load
  perf record -e cpu-clock -g -o "$PROFILE" -p "$PID" 2>/dev/null & PERF=$!
  sleep 1
elif [ "${LOAD:-1}" = 0 ]; then  # LOAD=0: the match alone
  :
else
  wrk -t2 -c16 -d20s --timeout 30s --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/wrk.txt" 2>&1 &
  WRK=$!
  sleep 5
fi
# The server's CPU time (user + system, clock ticks) around the match: on a machine shared
# with other work the wall time measures the neighbours too.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
CPU_BEFORE=$(cpu_ticks)
IO_BEFORE=$(awk '/^(wchar|syscw):/ {printf "%s ", $2}' "/proc/$PID/io")
START=$(date +%s.%N)
if [ "${MATCH:-1}" = 0 ]; then  # MATCH=0: the SCIM load alone, then the report
  wait $WRK
  awk '/Latency  / {print "SCIM POST /Users alone (20 s, no match): mean " $2 ", max " $4}
       $1 == "99%" {print "  p99 " $2} /Requests\/sec/ {print "  " $2 " req/s"}' "$WORK/wrk.txt"
  echo "  load average $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
curl -sS --fail-with-body -o "$WORK/match.json" -X POST -H "$AUTH" "$API/sessions/$SESSION/match"
END=$(date +%s.%N)
CPU_AFTER=$(cpu_ticks)
IO_AFTER=$(awk '/^(wchar|syscw):/ {printf "%s ", $2}' "/proc/$PID/io")
echo "POST /sessions/{id}/match: $(seconds "$START" "$END") (target < 1.5 s); $(jq -r '.state' "$WORK/match.json")"
echo "  server CPU during it: $(awk -v a="$CPU_BEFORE" -v b="$CPU_AFTER" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f s", (b - a) / hz}') (user + system, every thread); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  server writes during it: $(awk -v a="$IO_BEFORE" -v b="$IO_AFTER" 'BEGIN {split(a, x, " "); split(b, y, " ");
  printf "%.0f MiB in %d write calls", (y[1] - x[1]) / 1048576, y[2] - x[2]}')"
# Builds that log each match's phases (a JSON line per attempt) show them.
grep '"event":"match"' "$WORK/server.err" 2>/dev/null | sed 's/^/  phases: /' || true
if [ -n "${PROFILE:-}" ]; then kill -INT $PERF; wait $PERF || true; touch "$WORK/wrk.txt"
elif [ "${LOAD:-1}" = 0 ]; then touch "$WORK/wrk.txt"; else wait $WRK; fi
awk '/Latency  / {print "SCIM POST /Users during the run (20 s, the match inside it): mean " $2 ", max " $4}
     $1 == "99%" {print "  p99 " $2 "   (target < 50 ms)"} /Requests\/sec/ {print "  " $2 " req/s"}
     /Socket errors|Non-2xx/ {print "  " $0}' "$WORK/wrk.txt"

# The groups, page by page.
START=$(date +%s.%N); PAGES=0; NGROUPS=0; BYTES=0; AFTER=""
while :; do
  curl -sS --fail-with-body -o "$WORK/page.json" -H "$AUTH" "$API/sessions/$SESSION/matches?limit=1000${AFTER:+&after=$AFTER}"
  PAGES=$((PAGES + 1)); BYTES=$((BYTES + $(stat -c %s "$WORK/page.json")))
  NGROUPS=$((NGROUPS + $(jq '.groups | length' "$WORK/page.json")))
  AFTER=$(jq -r '.next // empty' "$WORK/page.json")
  [ -n "$AFTER" ] || break
done
echo "GET /sessions/{id}/matches: $NGROUPS groups in $PAGES pages, $((BYTES / 1024)) KiB, $(seconds "$START" "$(date +%s.%N)")"
START=$(date +%s.%N)
curl -sS --fail-with-body -o "$WORK/first.json" -H "$AUTH" "$API/sessions/$SESSION/matches?limit=100"
echo "  first page of 100: $(seconds "$START" "$(date +%s.%N)")"
if [ -n "${PROFILE:-}" ]; then  # and the pages' profile beside the match's
  perf record -e cpu-clock -g -o "$PROFILE.pages" -p "$PID" 2>/dev/null & PERF=$!
  sleep 1
  for _ in 1 2 3 4 5; do curl -sS -o /dev/null -H "$AUTH" "$API/sessions/$SESSION/matches?limit=100"; done
  kill -INT $PERF; wait $PERF || true
fi
echo "introduction emails in the outbox: $(curl -sS --fail-with-body -H "$AUTH" "$API/events?kind=MatchIntroRequested&limit=1000" | jq '.items | length')+ (first page)"
echo "server peak RSS: $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
