#!/usr/bin/env bash
# SCIM throughput on the three deployments, in the same run, on a release build (issue 11):
#   1. SQLite, one instance (the default);
#   2. PostgreSQL, one instance;
#   3. PostgreSQL, two instances behind nginx (scripts/nginx/percolator.conf.template).
# Each gets a fresh database seeded with USERS enterprise users (scripts/bench/seed.py),
# then the scenarios of scripts/bench/scenario.lua with wrk (-t2 -c16): creates, PATCHes
# (Entra's Replace of title + costCenter, and one group member removed / added back),
# lookups (by id, and filter userName eq) and pages of 100. Prints req/s, p99, non-2xx,
# the Percolator processes' CPU per request (every instance, from /proc/PID/stat), the
# CPU per request of PostgreSQL's backends serving the instances and of its other processes
# (WAL writer, checkpointer, autovacuum), and how busy the whole machine was
# (/proc/stat), then the PostgreSQL / SQLite write ratios.
#
# Usage: scripts/bench-postgres.sh [seconds per scenario, default 5]
# Environment: USERS (default 5000); PERCOLATOR_BIN to measure another build. Needs wrk
# and nginx (apt-get install wrk nginx-light), PostgreSQL 15 (scripts/postgres.sh starts
# a throw-away cluster: fsync and synchronous_commit on, as in production).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PERCOLATOR_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/postgres.sh "$0" "$@"
fi
DURATION="${1:-5}"
USERS="${USERS:-5000}"
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
    || { echo "bench-postgres: '$tool' is missing (apt-get install wrk nginx-light)" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | head -1)

source scripts/bench/server.sh   # BIN (release), WORK, PORT, bench_serve
chmod 755 "$WORK"   # nginx's workers (nobody) buffer large request bodies under it
PIDS=()
NGINX_PID=""
stop_all() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  NGINX_PID=""
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done
  PIDS=()
  return 0
}
trap 'stop_all; bench_cleanup' EXIT
TOKEN=$("$BIN" token generate)
export PERCOLATOR_SCIM_TOKEN="$TOKEN" PERCOLATOR_CURSOR_SECRET="$("$BIN" token generate)"
TICK=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() {  # user + system ticks of every Percolator instance
  local total=0 pid
  for pid in "${PIDS[@]}"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
# PostgreSQL's server processes: the postmaster of scripts/postgres.sh's cluster and its
# children (one backend per pooled connection, which live as long as the instances).
PG_PORT=${PERCOLATOR_TEST_POSTGRES_URL##*:}; PG_PORT=${PG_PORT%%/*}
POSTMASTER=$(pgrep -f -- "-p $PG_PORT -k" | head -1)
postgres_ticks() {  # "BACKENDS OTHERS": the client backends, then everything else
  # Client backends are the instances' pooled connections ("postgres: USER DB 127.0.0.1(PORT) …").
  # Everything else is the server's own work for them and after them: the WAL writer, the
  # checkpointer, the background writer, and autovacuum workers. A worker that exited is
  # counted through the postmaster's cutime + cstime (fields 16 and 17), where the kernel
  # adds a child's CPU when it ends.
  local backends=0 others=0 pid ticks
  for pid in $(pgrep -P "$POSTMASTER"); do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q '127\.0\.0\.1('; then
      backends=$((backends + ticks))
    else
      others=$((others + ticks))
    fi
  done
  others=$((others + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")))
  echo "$backends $others"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }

# start_instance DATABASE: one more instance on a free port (PORT, PID from bench_serve).
start_instance() {
  PORT=$(free_port)
  BENCH_DATABASE="$1" bench_serve --access-log off
  PIDS+=("$PID")
  curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "bench-postgres: the server did not start:" >&2; tail -5 "$WORK/server.err" >&2; exit 1; }
}
start_nginx() {  # in front of the given ports; sets PORT to nginx's
  local dir="$WORK/nginx"
  rm -rf "$dir"; mkdir -p "$dir"/{client_body,proxy,fastcgi,uwsgi,scgi}; chmod 777 "$dir"/*
  PORT=$(free_port)
  sed -e "s#@DIR@#$dir#g" -e "s/@LISTEN_PORT@/$PORT/" -e "s/@PORT1@/$1/" -e "s/@PORT2@/$2/" \
    scripts/nginx/percolator.conf.template > "$dir/nginx.conf"
  # The benchmark's own requests need no access log on the cores being measured.
  sed -i "s#access_log $dir/access.log;#access_log off;#" "$dir/nginx.conf"
  "$NGINX" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
}
new_database() {  # a fresh PostgreSQL database, as a URL
  "$PSQL" -q "$PERCOLATOR_TEST_POSTGRES_URL" -c "CREATE DATABASE $1" >/dev/null
  echo "${PERCOLATOR_TEST_POSTGRES_URL%/*}/$1"
}

echo "percolator $("$BIN" --version | awk '{print $2}') release ($BIN), $(nproc) cores, $USERS users per deployment, wrk -t2 -c16 -d${DURATION}s"
declare -A RATE
per_request() {  # ticks before, after, requests → milliseconds of CPU per request
  python3 -c "import sys; r=int(sys.argv[3] or 0); print(f'{(int(sys.argv[2])-int(sys.argv[1]))/int(sys.argv[4])*1000/max(r,1):.2f} ms')" "$1" "$2" "$3" "$TICK"
}
run() {  # $1 deployment, $2 scenario, $3 label
  local before after pg_before pg_after machine_before machine_after rps p99 errors requests cpu pg busy
  before=$(cpu_ticks); read -r pg_before pgo_before < <(postgres_ticks); machine_before=$(machine_ticks)
  SCENARIO="$2" wrk -t2 -c16 -d"${DURATION}s" --latency -s scripts/bench/scenario.lua "http://127.0.0.1:$PORT" > "$WORK/run.txt" 2> "$WORK/run.err" || true
  after=$(cpu_ticks); read -r pg_after pgo_after < <(postgres_ticks); machine_after=$(machine_ticks)
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/run.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/run.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$WORK/run.txt"); errors=${errors:-0}
  requests=$(awk '/requests in/ {print $1}' "$WORK/run.txt")
  cpu=$(per_request "$before" "$after" "${requests:-0}")
  pg=$(per_request "$pg_before" "$pg_after" "${requests:-0}")
  pgo=$(per_request "$pgo_before" "$pgo_after" "${requests:-0}")
  [ "$1" = sqlite ] && pg="-" && pgo="-"
  busy=$(python3 -c "import sys; b0,t0,b1,t1=map(int,sys.argv[1:]); print(f'{100*(b1-b0)/max(t1-t0,1):.0f}%')" $machine_before $machine_after)
  RATE["$1/$2"]="$rps"
  printf '%-22s %-40s %8s %9s %7s %9s %9s %9s %6s\n' "$1" "$3" "$rps" "$p99" "$errors" "$cpu" "$pg" "$pgo" "$busy"
  head -3 "$WORK/run.err" | sed 's/^/    /'
}
deployment() {  # $1 name, $2 its PostgreSQL URL (none: SQLite): seeds the deployment behind PORT, runs every scenario
  python3 scripts/bench/seed.py 127.0.0.1 "$PORT" "$TOKEN" "$USERS" "$WORK/ids.txt" "$WORK/names.txt" > "$WORK/groups.txt"
  # The planner's statistics, as autovacuum leaves them on a running database within a
  # minute or so of such a load: without them, PostgreSQL estimates from table sizes alone
  # and picks the wrong index for a lookup by id (2.5 ms instead of 0.03 ms on 3,000 users).
  [ -n "${2:-}" ] && "$PSQL" -q "$2" -c "ANALYZE" >/dev/null
  read -r SMALL_GROUP_ID LARGE_GROUP_ID _ < "$WORK/groups.txt"
  export BENCH_DIR="$PWD/scripts/bench" TOKEN IDS_FILE="$WORK/ids.txt" NAMES_FILE="$WORK/names.txt" SMALL_GROUP_ID LARGE_GROUP_ID RUN_ID="$$-$1"
  VALUES=10000 VALUE_PREFIX=many run "$1" create "POST /Users (enterprise)"
  VALUES=10000 VALUE_PREFIX=patch run "$1" patch "PATCH Replace title + costCenter (Entra)"
  run "$1" member-small "PATCH remove/add 1 member, 100 members"
  run "$1" get "GET /Users/{id}"
  run "$1" filter 'GET /Users?filter=userName eq "…"'
  run "$1" page "GET /Users?startIndex=…&count=100"
}
printf '\n%-22s %-40s %8s %9s %7s %9s %9s %9s %6s\n' "deployment" "scenario" "req/s" "p99" "non-2xx" "CPU/req" "PG conn" "PG other" "busy"

start_instance "$WORK/bench.sqlite"
deployment sqlite
stop_all

DATABASE=$(new_database bench_one)
start_instance "$DATABASE"
deployment postgres-1 "$DATABASE"
stop_all

DATABASE=$(new_database bench_two)
start_instance "$DATABASE"; FIRST=$PORT
start_instance "$DATABASE"; SECOND=$PORT
start_nginx "$FIRST" "$SECOND"
deployment postgres-2+nginx "$DATABASE"
stop_all

echo
echo "CPU/req: the Percolator processes' user + system time per request (both instances for"
echo "postgres-2); PG conn: PostgreSQL's backends serving the instances' connections, per request;"
echo "PG other: its other processes (WAL writer, checkpointer, autovacuum…), per request; busy: the whole machine's"
echo "CPU while the scenario ran (nginx, wrk and anything else running on it included)."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
for scenario in create patch member-small; do
  python3 -c "import sys; s,q,o,t=sys.argv[1],*map(float,sys.argv[2:]); print(f'{s}: PostgreSQL one instance {o/q:.2f}× SQLite, two instances {t/q:.2f}× SQLite (target for one instance: ≥ 0.5×)')" \
    "$scenario" "${RATE[sqlite/$scenario]:-0}" "${RATE[postgres-1/$scenario]:-0}" "${RATE[postgres-2+nginx/$scenario]:-0}" 2>/dev/null || true
done
