#!/usr/bin/env bash
# The storage floor of SCIM creates (issue 10): what SQLite alone spends on the rows a
# create writes, beside what the server spends on the whole request, in the same run.
#
# Seeds USERS enterprise users (default 100,000) and PROGRAMS active programs as
# bench-scim.sh does, copies the database, drives POST /Users with wrk (16 connections,
# DURATION seconds, the bodies of bench-scim.sh: core + enterprise extension, costCenter
# and title from 3,000 distinct values each) and prints the server's rate and CPU per
# create. Then it stops the server and replays the rows those creates wrote (the SCIM
# resource and its email, the member, its outbox events, the provisioning log's entry, the
# catalog's values) into the copy with scripts/bench/storage_floor.c: prepared statements,
# 16 creates per transaction (the most the server's group commit can gather from 16
# connections) and again at the mean its group commit gathered in the run, with the server's
# pragmas, indexes and trigger, and no HTTP, JSON or Swift.
#   server   with synchronous=FULL and automatic checkpoints on the one thread: SQLite's
#            whole share of a create's CPU;
#   inserts  without fsync, and with SQLite's checkpoints (past 1,000 frames of WAL) timed
#            apart: the single writer's own work, whose inverse is the most creates per
#            second one SQLite writer commits on this machine, and the checkpoints' beside it.
# Each mode runs REPEAT times (default 3); it prints the least and the median. Then the
# inserts mode again with the tables added one at a time, to price each: a table's price
# depends on what is written beside it (the cache's pages), so the steps add up to the
# whole rather than price a table alone, and move by a few hundredths of a millisecond from
# one run to the next. Beside the creates, the server's CPU for the cheapest authenticated
# SCIM request (GET /ServiceProviderConfig: a static document) is what a request costs
# besides its rows and its body.
#
# DROP_INDEXES="name …" adds a last line: the inserts again into a copy without those
# indexes, to price a leaner schema before anyone builds it (e.g. "provisioning_log_by_resource
# provisioning_log_by_name scim_resources_by_created scim_resources_by_last_modified").
#
# Usage: scripts/bench-storage-floor.sh [seconds of creates, default 10]
# Needs wrk, a C compiler and SQLite's header (apt-get install wrk gcc libsqlite3-dev), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
USERS="${USERS:-100000}"
PROGRAMS="${PROGRAMS:-6}"
REPEAT="${REPEAT:-3}"
command -v wrk >/dev/null || { echo "bench-storage-floor: wrk is missing (apt-get install wrk)" >&2; exit 2; }
command -v cc >/dev/null || { echo "bench-storage-floor: a C compiler is missing (apt-get install gcc)" >&2; exit 2; }

source scripts/bench/server.sh
cc -O2 -Wall -o "$WORK/storage_floor" scripts/bench/storage_floor.c -lsqlite3
TOKEN=$("$BIN" token generate); ADMIN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve --max-body-bytes 2097152
echo "percolator $("$BIN" --version | awk '{print $2}') release ($BIN), $(nproc) cores"
read -r small _ < <(python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" "$USERS" "$WORK/ids.txt" "$WORK/names.txt")
python3 scripts/bench/programs.py 127.0.0.1 "$PORT" "$ADMIN" "$PROGRAMS" "$small"
# A consistent copy while the server runs (SQLite's online backup).
backup() { python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[2]).close(); s = sqlite3.connect(sys.argv[1]); d = sqlite3.connect(sys.argv[2]); s.backup(d); d.close(); s.close()' "$WORK/bench.sqlite" "$1"; }
backup "$WORK/before.sqlite"
echo "seeded $USERS enterprise users and $PROGRAMS active programs"

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
metric() { curl -fs "http://127.0.0.1:$PORT/metrics" | awk -v name="$1" 'index($0, name " ") == 1 {print $2; found = 1} END {if (!found) print 0}'; }
writer_cpu() { python3 -c "import sys; print(sum(float(x) for x in sys.argv[1:]))" \
  "$(metric 'percolator_store_write_cpu_seconds_total{phase="body"}')" "$(metric 'percolator_store_write_cpu_seconds_total{phase="commit"}')"; }
writer_before=$(writer_cpu)
transactions_before=$(metric percolator_store_write_transactions_total); written_before=$(metric percolator_store_write_requests_total)
before=$(cpu_ticks)
BENCH_DIR="$PWD/scripts/bench" TOKEN="$TOKEN" IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" RUN_ID="$$" SCENARIO=create \
  wrk -t2 -c16 -d"${DURATION}s" --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/run.txt"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$WORK/run.txt")
python3 -c "import sys; r = int(sys.argv[3]); print(f'server: POST /Users {float(sys.argv[5]):.0f}/s, p99 {sys.argv[6]}, {r} creates, CPU {(int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[4]) * 1000 / r:.3f} ms per create (all threads)')" \
  "$before" "$after" "$requests" "$TICK" "$(awk '/Requests\/sec/ {print $2}' "$WORK/run.txt")" "$(awk '$1 == "99%" {print $2}' "$WORK/run.txt")"
python3 -c "import sys; print(f'        of which its single writer, on a core (body and commit of its transactions): {(float(sys.argv[2]) - float(sys.argv[1])) / int(sys.argv[3]) * 1000:.3f} ms per create')" \
  "$writer_before" "$(writer_cpu)" "$requests"
# The creates per transaction the server's group commit gathered: the floor is measured at that size too.
SERVER_BATCH=$(python3 -c "import sys; t = float(sys.argv[2]) - float(sys.argv[1]); w = float(sys.argv[4]) - float(sys.argv[3]); print(max(1, round(w / t)) if t > 0 else 16)" \
  "$transactions_before" "$(metric percolator_store_write_transactions_total)" "$written_before" "$(metric percolator_store_write_requests_total)")
echo "        its group commit gathered $SERVER_BATCH creates per transaction on average"
backup "$WORK/after.sqlite"
before=$(cpu_ticks)
wrk -t2 -c16 -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/scim/v2/ServiceProviderConfig" > "$WORK/spc.txt"
after=$(cpu_ticks)
python3 -c "import sys; r = int(sys.argv[3]); print(f'server: GET /ServiceProviderConfig {float(sys.argv[5]):.0f}/s, CPU {(int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[4]) * 1000 / r:.3f} ms per request (authenticated, nothing stored or parsed)')" \
  "$before" "$after" "$(awk '/requests in/ {print $1}' "$WORK/spc.txt")" "$TICK" "$(awk '/Requests\/sec/ {print $2}' "$WORK/spc.txt")"
bench_cleanup_server() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
bench_cleanup_server

# `replay MODE TABLES [BATCH]`: one replay into a fresh copy of the seeded database, BATCH
# creates per transaction (default 16); prints its CPU per create.
replay() {
  rm -f "$WORK"/replay.sqlite*
  cp "$WORK/before.sqlite" "$WORK/replay.sqlite"
  if [ -n "${DROPPING:-}" ]; then
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); [c.execute(f"DROP INDEX {n}") for n in sys.argv[2:]]; c.commit(); c.close()' "$WORK/replay.sqlite" $DROPPING
  fi
  "$WORK/storage_floor" "$WORK/replay.sqlite" "$WORK/after.sqlite" "${3:-16}" "$1" "$2" | tee -a "$WORK/replays.txt" | sed -E 's/^[^)]*\), CPU ([0-9.]+) ms.*/\1/'
}
summary() {  # least and median of the figures on standard input
  python3 -c 'import statistics, sys; v = sorted(float(x) for x in sys.stdin.read().split()); print(f"{v[0]:.3f} ms (median {statistics.median(v):.3f} ms)")'
}
: > "$WORK/replays.txt"
for batch in $(printf '%s\n' 16 "$SERVER_BATCH" | sort -nu -r); do
  echo
  echo "storage alone, $batch creates per transaction (scripts/bench/storage_floor.c), least of $REPEAT runs:"
  server_floor=$(for _ in $(seq "$REPEAT"); do replay server 63 "$batch"; done | summary)
  echo "  with fsync and checkpoints (SQLite's whole share):  CPU $server_floor per create"
  inserts=$(for _ in $(seq "$REPEAT"); do replay inserts 63 "$batch"; done)
  least=$(echo "$inserts" | sort -n | head -1)
  echo "  the writer's inserts alone:                         CPU $(echo "$inserts" | summary) per create"
  checkpoints=$(grep "^inserts batch $batch tables 63:" "$WORK/replays.txt" | sed -E 's/.*checkpoints apart: [0-9]+, CPU ([0-9.]+) ms.*/\1/' | summary)
  echo "  beside them, their checkpoints (another thread's):  CPU $checkpoints per create"
  python3 -c "import sys; print(f'  so one SQLite writer commits at most {1 / float(sys.argv[1]) * 1000:,.0f} creates/s here at this batch, with nothing else to do')" "$least"
done
grep -m1 -o '([0-9]* outbox rows each)' "$WORK/replays.txt" | sed 's/^/  each create: one resource, one email, one member, one log entry, /; s/[()]//g'
echo
echo "each table's price (inserts alone, least of $REPEAT runs; each line adds one):"
mask=0; previous=0
for table in "scim_resources (+ count trigger)" "scim_emails" "members" "outbox" "provisioning_log" "category_values (absorb)"; do
  bit=$(( mask == 0 ? 1 : (mask + 1) )); mask=$(( mask | bit ))
  value=$(for _ in $(seq "$REPEAT"); do replay inserts "$mask"; done | sort -n | head -1)
  python3 -c "import sys; v, p = float(sys.argv[2]), float(sys.argv[3]); print(f'  + {sys.argv[1]:<34} {v:.3f} ms per create ({v - p:+.3f})')" "$table" "$value" "$previous"
  previous=$value
done
if [ -n "${DROP_INDEXES:-}" ]; then
  lean=$(for _ in $(seq "$REPEAT"); do DROPPING="$DROP_INDEXES" replay inserts 63; done | summary)
  echo
  echo "without $DROP_INDEXES:"
  echo "  the writer's inserts alone: CPU $lean per create"
fi
