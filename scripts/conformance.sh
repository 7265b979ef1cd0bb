#!/usr/bin/env bash
# Runs the public SCIM validators (scim2-tester, scim-sanity, and an auth smoke test)
# against a fresh Percolator on a free loopback port with a temporary database.
#
# Usage: scripts/conformance.sh [OUTDIR]
# With CONFORMANCE_BASE_URL (a SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2) and
# CONFORMANCE_TOKEN set, no server is built or started: the validators run against that
# one (scripts/multi-instance.sh points them at nginx in front of two instances).
# The validators come from PyPI at pinned versions, installed once into
# $VALIDATORS_HOME (default ~/.cache/scim-validators); the runner is ../shared/conformance.
# Exit: 0 when every check passed; 1 when a check failed; 2 when it could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED="${PERCOLATOR_SHARED:-$ROOT/../shared}/conformance"
OUTDIR="${1:-$(mktemp -d)/conformance}"
export VALIDATORS_HOME="${VALIDATORS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/scim-validators}"
[ -x "$SHARED/conformance.sh" ] || { echo "conformance: $SHARED/conformance.sh not found" >&2; exit 2; }

# Pinned validator versions (the same pins as ../shared/conformance/setup.sh).
mkdir -p "$VALIDATORS_HOME"
if ! "$VALIDATORS_HOME/scim2/bin/python" -c "import scim2_tester, httpx2" 2>/dev/null; then
  python3 -m venv "$VALIDATORS_HOME/scim2"
  "$VALIDATORS_HOME/scim2/bin/pip" install -q scim2-tester==0.5.2 scim2-client==0.13.2 scim2-models==0.12.3 httpx2==2.16.2
fi
if [ ! -x "$VALIDATORS_HOME/scim-sanity/bin/scim-sanity" ]; then
  python3 -m venv "$VALIDATORS_HOME/scim-sanity"
  "$VALIDATORS_HOME/scim-sanity/bin/pip" install -q scim-sanity==0.7.4
fi

if [ -n "${CONFORMANCE_BASE_URL:-}" ]; then
  [ -n "${CONFORMANCE_TOKEN:-}" ] || { echo "conformance: CONFORMANCE_BASE_URL needs CONFORMANCE_TOKEN" >&2; exit 2; }
  BASE_URL="$CONFORMANCE_BASE_URL"
  TOKEN="$CONFORMANCE_TOKEN"
else
  swift build --product percolator >/dev/null
  BIN="$(swift build --show-bin-path)/percolator"
  WORK="$(mktemp -d)"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  TOKEN=$("$BIN" token generate)
  # CONFORMANCE_DATABASE (a postgres:// URL) runs the same validators against a
  # PostgreSQL-backed server; the default is a temporary SQLite file.
  # CONFORMANCE_DECLARED_SCHEMA (a JSON file, e.g. spec/examples/declared-extension.json)
  # declares that User extension through the admin API before the validators run, so
  # they see it in /Schemas and /ResourceTypes (issue 15); unset, nothing is declared.
  ADMIN_ENV=()
  if [ -n "${CONFORMANCE_DECLARED_SCHEMA:-}" ]; then
    ADMIN_TOKEN=$("$BIN" token generate)
    ADMIN_ENV=(PERCOLATOR_ADMIN_TOKEN="$ADMIN_TOKEN")
  fi
  env "${ADMIN_ENV[@]}" PERCOLATOR_SCIM_TOKEN="$TOKEN" "$BIN" serve --port "$PORT" --database "${CONFORMANCE_DATABASE:-$WORK/conformance.sqlite}" \
    > "$WORK/server.log" 2>&1 &
  PID=$!
  trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  BASE_URL="http://127.0.0.1:$PORT/scim/v2"
  if [ -n "${CONFORMANCE_DECLARED_SCHEMA:-}" ]; then
    curl -fsS -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" \
      --data-binary @"$CONFORMANCE_DECLARED_SCHEMA" "http://127.0.0.1:$PORT/api/v1/schemas" >/dev/null \
      || { echo "conformance: could not declare $CONFORMANCE_DECLARED_SCHEMA" >&2; exit 2; }
    echo "conformance: declared $CONFORMANCE_DECLARED_SCHEMA"
  fi
fi

set +e
"$SHARED/conformance.sh" "$BASE_URL" "$TOKEN" "$OUTDIR"
STATUS=$?
set -e
echo "conformance details: $OUTDIR/details.md"
[ "$STATUS" -le 1 ] || { echo "conformance: the validators could not run (status $STATUS)" >&2; exit 2; }

# Every failing check must be a documented exception (spec/conformance-exceptions.tsv).
UNEXPECTED=0
while IFS= read -r line; do
  documented=""
  while IFS=$'\t' read -r validator text section; do
    case "$validator" in ""|\#*) continue ;; esac
    if [[ "$line" == *"$text"* ]]; then documented="$validator: $section"; break; fi
  done < spec/conformance-exceptions.tsv
  if [ -n "$documented" ]; then
    echo "documented exception ($documented): $line"
  else
    echo "UNEXPECTED FAILURE: $line"
    UNEXPECTED=$((UNEXPECTED + 1))
  fi
done < <(grep -E "^FAIL |^\| FAIL \|" "$OUTDIR/details.md" || true)
if [ "$UNEXPECTED" -gt 0 ]; then
  echo "conformance: $UNEXPECTED failing check(s) that spec/conformance.md does not explain" >&2
  exit 1
fi
echo "conformance: every failing check is a documented exception"
