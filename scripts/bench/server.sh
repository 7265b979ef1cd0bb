# Sourced by the benchmark scripts: the release binary (or $PERCOLATOR_BIN, to measure
# another build with the same load), a work folder removed on exit, and a server on a free
# loopback port. Sets BIN, WORK, PORT, PID; `bench_serve [serve options…]` starts the
# server (tokens from the environment, PERCOLATOR_SCIM_TOKEN / PERCOLATOR_ADMIN_TOKEN) and
# waits for /healthz, on $BENCH_DATABASE when set (a file or a postgres:// URL). Rate
# limits are lifted: the benchmarks measure throughput.
if [ -z "${PERCOLATOR_BIN:-}" ]; then
  swift build -c release --product percolator >/dev/null
  PERCOLATOR_BIN="$(swift build -c release --show-bin-path)/percolator"
fi
BIN="$PERCOLATOR_BIN"
WORK="$(mktemp -d)"
# Stops the server if it still runs and removes the work folder. Never fails: under the
# callers' `set -e`, a failing command in an EXIT trap (`kill` of a server already
# stopped) became the script's exit status, 1 after a complete run.
bench_cleanup() {
  if [ -n "${PID:-}" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ -n "${PEER_PID:-}" ]; then kill "$PEER_PID" 2>/dev/null || true; wait "$PEER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap bench_cleanup EXIT
# A free loopback port.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
PORT=$(bench_free_port)

# `bench_start BINARY PORT DATABASE LOG [serve options…]`: starts a server and waits for
# its /healthz; sets STARTED_PID. The rate limits (100 SCIM requests/s per tenant by
# default) would measure themselves; builds older than the limits have no such settings.
bench_start() {
  local bin="$1" port="$2" database="$3" log="$4"; shift 4
  local unlimited=()
  "$bin" serve --help 2>&1 | grep -q -- --scim-rate && \
    unlimited=(--scim-rate 1000000 --scim-burst 10000000 --admin-rate 1000000 --admin-burst 10000000)
  "$bin" serve --port "$port" --database "$database" "${unlimited[@]}" "$@" > /dev/null 2> "$log" &
  STARTED_PID=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
}

bench_serve() {
  bench_start "$BIN" "$PORT" "${BENCH_DATABASE:-$WORK/bench.sqlite}" "$WORK/server.err" "$@"
  PID=$STARTED_PID
}

# `bench_serve_peer BINARY [serve options…]`: a second server, another build, on its own
# free port and its own database file beside the first ($WORK/peer.sqlite), for scripts
# that measure two builds in one run. Sets PEER_PORT, PEER_PID; stopped on exit.
bench_serve_peer() {
  local peer_bin="$1"; shift
  PEER_PORT=$(bench_free_port)
  bench_start "$peer_bin" "$PEER_PORT" "$WORK/peer.sqlite" "$WORK/peer.err" "$@"
  PEER_PID=$STARTED_PID
}
