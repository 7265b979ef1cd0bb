#!/usr/bin/env bash
# A connection syncing a large Slack workspace, on a release build (issue 14): a local stub
# serves `users.list` for PEOPLE users (default 100,000) at 200 a page, cursor-paginated as
# Slack documents it; a real server (loopback) runs the connection twice through
# POST /api/v1/connections/{id}/run. Prints each run's wall time and outcome, and the
# server's peak resident memory (VmHWM) after each. The second run lists the same people:
# it must change nothing (created 0, updated 0).
#
# The stub serves precomputed pages; fetching all of them with a plain client ("stub
# alone") is the floor under both runs.
#
# Usage: scripts/bench-connectors.sh
# Environment: PEOPLE (default 100000); PERCOLATOR_BIN to measure another build.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${PEOPLE:-100000}"
source scripts/bench/server.sh
ADMIN=$("$BIN" token generate)
PERCOLATOR_ADMIN_TOKEN="$ADMIN" bench_serve
STUB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 - "$PEOPLE" "$STUB_PORT" > "$WORK/stub.log" 2>&1 <<'PY' &
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs
people, port = int(sys.argv[1]), int(sys.argv[2])
def user(i):
    return {"id": f"W{i:09d}", "team_id": "T0BENCH", "name": f"user{i}", "deleted": False, "real_name": f"Given{i} Family{i}",
            "tz": "Europe/Paris", "locale": "fr-FR", "is_bot": False, "is_app_user": False, "is_restricted": False,
            "is_ultra_restricted": False,
            "profile": {"first_name": f"Given{i}", "last_name": f"Family{i}", "real_name": f"Given{i} Family{i}",
                        "email": f"user{i}@bench.example", "title": f"Title {i % 40}"}}
def page(offset, limit):
    end = min(people, offset + limit)
    return json.dumps({"ok": True, "members": [user(i) for i in range(offset, end)],
                       "response_metadata": {"next_cursor": str(end) if end < people else ""}}).encode()
# Pages of 200 (what Percolator asks for) are made before the stub answers, so the runs
# measure Percolator, not the stub's JSON encoding.
pages = {offset: page(offset, 200) for offset in range(0, people, 200)}
class Stub(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        limit = int(query.get("limit", ["200"])[0]); offset = int(query.get("cursor", ["0"])[0] or 0)
        body = pages.get(offset) if limit == 200 else None
        if body is None: body = page(offset, limit)
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
ThreadingHTTPServer(("127.0.0.1", port), Stub).serve_forever()
PY
STUB=$!
trap 'kill $STUB 2>/dev/null || true; bench_cleanup' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$STUB_PORT/api/users.list?limit=1" >/dev/null 2>&1 && break; sleep 0.1; done
API="http://127.0.0.1:$PORT/api/v1"
# The floor: every page fetched by a plain client, the cursor read without parsing the page.
python3 - "$STUB_PORT" <<'PY'
import re, sys, time, urllib.request
port, cursor, pages, start = sys.argv[1], "", 0, time.time()
while True:
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/users.list?limit=200&include_locale=true"
                                  + (f"&cursor={cursor}" if cursor else "")).read()
    pages += 1
    cursor = re.search(rb'"next_cursor": "([^"]*)"', body[-100:]).group(1).decode()
    if not cursor: break
print(f"stub alone: {pages} pages fetched in {time.time() - start:.2f} s")
PY
ID=$(curl -fs -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$API/connections" \
  -d "{\"kind\": \"slack\", \"name\": \"Bench\", \"secret\": \"xoxb-bench\", \"baseURL\": \"http://127.0.0.1:$STUB_PORT/api\",
       \"fields\": [{\"field\": \"title\", \"category\": \"title\"}]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "percolator release ($BIN), $(nproc) cores; a Slack workspace of $PEOPLE people at 200 a page"
for RUN in first second; do
  START=$(date +%s.%N)
  curl -fs --max-time 900 -X POST -H "Authorization: Bearer $ADMIN" "$API/connections/$ID/run" > "$WORK/run.json"
  END=$(date +%s.%N)
  HWM=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
  python3 - "$RUN" "$START" "$END" "$HWM" "$WORK/run.json" <<'PY'
import json, sys
run, start, end, hwm, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
body = json.load(open(path)); counts = body.get("counts", {})
print(f"{run} run: {end - start:.2f} s, {body.get('outcome')}, created {counts.get('created')}, updated {counts.get('updated')}, "
      f"deactivated {counts.get('deactivated')}; server peak RSS {hwm / 1024:.0f} MiB" + (f"; error: {body['error']}" if body.get("error") else ""))
PY
done
