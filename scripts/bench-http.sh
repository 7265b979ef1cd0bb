#!/usr/bin/env bash
# Measures GET /healthz on a release build with wrk at 16 connections, side by side with
# nginx serving a static 1 KB JSON file on this machine, in the same run; prints both
# figures, the ratio, p99 latencies, the idle RSS of percolator and its RSS after the
# load (at least 1 million keep-alive requests).
#
# Usage: scripts/bench-http.sh [seconds per run, default 10]
# Needs: wrk and nginx (apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS=16
THREADS=2

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "bench-http: '$tool' is missing (apt-get install wrk nginx-light)" >&2; exit 2; }
done

swift build -c release --product percolator >/dev/null
BIN="$(swift build -c release --show-bin-path)/percolator"
WORK="$(mktemp -d)"
cleanup() {
  [ -n "${PERC_PID:-}" ] && kill "$PERC_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() { for _ in $(seq 1 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.05; done; echo "bench-http: $1 did not answer" >&2; exit 2; }
# wrk prints "Requests/sec: N" and, with --latency, a "99%" line such as "99%  1.23ms".
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
total() { awk '/requests in/ {print $1}' "$1"; }

# --- nginx, static 1 KB JSON -------------------------------------------------------
NGINX_PORT=$(free_port)
python3 -c 'import json; print(json.dumps({"status":"ok","padding":"x"*990}), end="")' > "$WORK/healthz.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /healthz { default_type application/json; alias $WORK/healthz.json; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
wait_for "http://127.0.0.1:$NGINX_PORT/healthz"
wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/healthz" > "$WORK/nginx.txt"
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"

# --- percolator, GET /healthz ------------------------------------------------------
run_percolator() {  # $1 = access-log on|off, $2 = output file
  local port; port=$(free_port)
  "$BIN" serve --port "$port" --database "$WORK/bench.sqlite" --access-log "$1" > /dev/null 2>&1 &
  PERC_PID=$!
  wait_for "http://127.0.0.1:$port/healthz"
  sleep 0.5
  IDLE_RSS=$(rss_kb "$PERC_PID")
  wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" --latency "http://127.0.0.1:$port/healthz" > "$2"
  LOADED_RSS=$(rss_kb "$PERC_PID")
  kill -TERM "$PERC_PID"; wait "$PERC_PID" || true; PERC_PID=""
}
run_percolator off "$WORK/percolator.txt"
IDLE_OFF=$IDLE_RSS; LOADED_OFF=$LOADED_RSS
run_percolator on "$WORK/percolator-log.txt"

N=$(rps "$WORK/nginx.txt"); P=$(rps "$WORK/percolator.txt"); PL=$(rps "$WORK/percolator-log.txt")
echo "GET /healthz, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(nproc) cores"
printf '%-34s %12s req/s   p99 %s\n' "nginx (static 1 KB JSON)" "$N" "$(p99 "$WORK/nginx.txt")"
printf '%-34s %12s req/s   p99 %s\n' "percolator (access log off)" "$P" "$(p99 "$WORK/percolator.txt")"
printf '%-34s %12s req/s   p99 %s\n' "percolator (JSON access log on)" "$PL" "$(p99 "$WORK/percolator-log.txt")"
python3 -c "import sys; n,p,pl=map(float,sys.argv[1:]); print(f'ratio percolator/nginx: {p/n:.2f} (log off), {pl/n:.2f} (log on)')" "$N" "$P" "$PL"
echo "percolator RSS: idle ${IDLE_OFF} kB; after $(total "$WORK/percolator.txt") keep-alive requests ${LOADED_OFF} kB"
