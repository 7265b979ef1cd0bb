#!/usr/bin/env bash
# SCIM writes while a large CSV import applies, on a release build: wrk sends POST /Users
# (enterprise bodies, 16 connections) for DURATION seconds; after 5 s, a ROWS-row CSV file
# (default 100,000) is imported through POST /api/v1/imports?dryRun=false. Prints the
# import's time and wrk's latency for the whole run: p50, p99 and the maximum. wrk keeps 16
# requests in flight, so a stall of the writer delays those 16 requests, not the requests a
# real IdP would have sent meanwhile: the maximum is the figure that shows a stall (wrk's
# timeout is raised to 30 s, else requests stalled past 2 s would drop out of its figures).
#
# Usage: scripts/bench-import-scim.sh [seconds, default 30]
# Environment: ROWS (default 100000); PROGRAMS (default 6, as bench-scim.sh); PERCOLATOR_BIN
# to measure another build.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
ROWS="${ROWS:-100000}"
PROGRAMS="${PROGRAMS:-6}"
command -v wrk >/dev/null || { echo "bench-import-scim: wrk is missing (apt-get install wrk)" >&2; exit 2; }
source scripts/bench/server.sh
TOKEN=$("$BIN" token generate); ADMIN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve --import-max-bytes 67108864
python3 - "$ROWS" "$WORK/members.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("First name,Last name,Email,Site\n")
    for i in range(rows): f.write(f"Given{i},Family{i},member{i}@import.example,Site {i % 50}\n")
PY
# A few users for the scenario's manager references, and the tenant's programs (as in
# bench-scim.sh: every SCIM create reads them).
read -r SMALL_GROUP_ID _ < <(python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" 200 "$WORK/ids.txt" "$WORK/names.txt")
python3 scripts/bench/programs.py 127.0.0.1 "$PORT" "$ADMIN" "$PROGRAMS" "$SMALL_GROUP_ID"
echo "percolator release ($BIN), $(nproc) cores; $ROWS-row CSV ($(du -k "$WORK/members.csv" | cut -f1) KiB); $PROGRAMS active programs"

export BENCH_DIR="$PWD/scripts/bench" TOKEN IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" RUN_ID="$$" SCENARIO=create
wrk -t2 -c16 -d"${DURATION}s" --timeout 30s --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/wrk.txt" 2>&1 &
WRK=$!
sleep 5
START=$(date +%s.%N)
STATUS=$(curl -s -o "$WORK/import.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/csv' \
  --data-binary @"$WORK/members.csv" "http://127.0.0.1:$PORT/api/v1/imports?dryRun=false&rows=none")
END=$(date +%s.%N)
wait $WRK
python3 -c "import sys; print(f'import: HTTP {sys.argv[1]} in {float(sys.argv[3])-float(sys.argv[2]):.2f} s')" "$STATUS" "$START" "$END"
awk '/Latency  / {print "SCIM POST /Users during the run: mean " $2 ", max " $4}
     $1 == "50%" {print "  p50 " $2} $1 == "99%" {print "  p99 " $2 "   (target < 100 ms)"}
     /Requests\/sec/ {print "  " $2 " req/s"} /Socket errors|Non-2xx/ {print "  " $0}' "$WORK/wrk.txt"
