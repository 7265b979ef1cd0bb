#!/usr/bin/env bash
# RFC 9865 cursor paging on a release build: the cost of a page at the start and at the end
# of a walk of USERS users (default 100,000), in pages of 100, by cursor (creation order and
# sortBy=userName) and, for comparison, by startIndex. Seeds the users over HTTP, walks them,
# then repeats the first and the last page REPEAT times each (p50, p99, server CPU/request).
# About 1 to 2 minutes after the release build (the seeding is most of it).
#
# Usage: scripts/bench-cursor.sh
# Environment: USERS (default 100000), COUNT (page size, default 100), REPEAT (default 300),
# PERCOLATOR_BIN to measure another build. Needs python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${USERS:-100000}"

source scripts/bench/server.sh
TOKEN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$TOKEN" bench_serve --max-results 1000
echo "percolator $("$BIN" --version | awk '{print $2}') release ($BIN), $(nproc) cores"
python3 scripts/bench/cursor_walk.py 127.0.0.1 "$PORT" "$TOKEN" "$USERS" "$PID"
echo "server RSS after the run: $(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status") MB"
