#!/usr/bin/env bash
# Checks spec/openapi.yaml: validates the document (openapi-spec-validator), then runs
# schemathesis against a fresh Percolator on a free loopback port with a temporary
# database, seeded over SCIM with a few users and a group, and over the admin API with a
# program and two sessions (one matched), a member's choices about the program, a CSV
# import, invitations (one accepted) and a sign-up, so that ids exist.
#
# Usage: scripts/openapi-check.sh [OUTDIR]
# The tools come from PyPI at pinned versions, installed once into a venv under
# $OPENAPI_TOOLS_HOME (default ${XDG_CACHE_HOME:-~/.cache}/percolator-openapi).
# OUTDIR (default: a temporary directory) receives the schemathesis reports and the
# server log.
# Exit: 0 when the document is valid and every schemathesis check passed; 1 otherwise;
# 2 when the check could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SPEC="$ROOT/spec/openapi.yaml"
OUTDIR="${1:-$(mktemp -d)/openapi}"
mkdir -p "$OUTDIR"

# Pinned tool versions.
SPEC_VALIDATOR_VERSION=0.9.0
SCHEMATHESIS_VERSION=4.32.5
# Reproducible and bounded: a fixed seed, a few examples per operation, a time budget.
SEED="${OPENAPI_CHECK_SEED:-20261124}"
MAX_EXAMPLES="${OPENAPI_CHECK_MAX_EXAMPLES:-25}"
MAX_TIME="${OPENAPI_CHECK_MAX_TIME:-150}"

TOOLS="${OPENAPI_TOOLS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/percolator-openapi}"
VENV="$TOOLS/venv-$SPEC_VALIDATOR_VERSION-$SCHEMATHESIS_VERSION"
if ! "$VENV/bin/python" -c "import openapi_spec_validator, schemathesis" 2>/dev/null; then
  mkdir -p "$TOOLS"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || { echo "openapi-check: cannot create a venv (apt-get install python3-venv)" >&2; exit 2; }
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "openapi-spec-validator==$SPEC_VALIDATOR_VERSION" "schemathesis==$SCHEMATHESIS_VERSION" \
    || { echo "openapi-check: cannot install the tools from PyPI" >&2; rm -rf "$VENV"; exit 2; }
fi

# (a) The document is a valid OpenAPI 3.1 document.
"$VENV/bin/openapi-spec-validator" --schema 3.1 "$SPEC" || { echo "openapi-check: spec/openapi.yaml is not valid OpenAPI 3.1" >&2; exit 1; }

# (b) A fresh server with a little data. Connectors are off: fuzzed connections must never
# make the server call a host (create answers 409, as documented).
command -v curl >/dev/null || { echo "openapi-check: curl is required" >&2; exit 2; }
swift build --product percolator >/dev/null
BIN="$(swift build --show-bin-path)/percolator"
WORK="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
SCIM_TOKEN=$("$BIN" token generate)
ADMIN_TOKEN=$("$BIN" token generate)
PERCOLATOR_SCIM_TOKEN="$SCIM_TOKEN" PERCOLATOR_ADMIN_TOKEN="$ADMIN_TOKEN" \
  "$BIN" serve --port "$PORT" --database "$WORK/openapi.sqlite" --connectors off > "$OUTDIR/server.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/healthz" >/dev/null || { echo "openapi-check: the server did not start (see $OUTDIR/server.log)" >&2; exit 2; }

scim() { # METHOD PATH BODY -> the response body; fails on a non-2xx answer
  curl -fsS -X "$1" "$BASE/scim/v2$2" -H "Authorization: Bearer $SCIM_TOKEN" \
    -H 'Content-Type: application/scim+json' --data-binary "$3"
}
USER_IDS=()
for n in 1 2 3 4; do
  department=$([ $((n % 2)) = 1 ] && echo Sales || echo Engineering)
  body=$(scim POST /Users '{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "userName": "user'"$n"'@example.com", "externalId": "ext-'"$n"'",
    "name": {"givenName": "Ada'"$n"'", "familyName": "Lovelace"}, "displayName": "Ada '"$n"'",
    "emails": [{"value": "user'"$n"'@example.com", "type": "work", "primary": true}],
    "active": '"$([ "$n" = 4 ] && echo false || echo true)"',
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "'"$department"'"}}') \
    || { echo "openapi-check: seeding users over SCIM failed" >&2; exit 2; }
  USER_IDS+=("$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
done
scim POST /Groups '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Coffee lovers",
  "members": [{"value": "'"${USER_IDS[0]}"'"}, {"value": "'"${USER_IDS[1]}"'"}, {"value": "'"${USER_IDS[3]}"'"}]}' >/dev/null \
  || { echo "openapi-check: seeding a group over SCIM failed" >&2; exit 2; }
scim DELETE "/Users/${USER_IDS[2]}" "" >/dev/null || { echo "openapi-check: deprovisioning a user failed" >&2; exit 2; }

# A program over the admin API, with a scheduled session and a matched one, so that
# schemathesis finds program and session ids (in the list responses) with real data.
admin() { # METHOD PATH BODY -> the response body; fails on a non-2xx answer
  curl -fsS -X "$1" "$BASE/api/v1$2" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' --data-binary "$3"
}
json_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
in_hours() { python3 -c 'import datetime,sys; print((datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=float(sys.argv[1]))).strftime("%Y-%m-%dT%H:%M:%SZ"))' "$1"; }
PROGRAM_ID=$(admin POST /programs '{"name": "Coffee roulette", "audience": {"type": "all"},
  "rules": [{"type": "differentValue", "category": "department"}],
  "schedule": {"type": "once", "at": "'"$(in_hours 1)"'"}}' | json_id) \
  || { echo "openapi-check: creating a program failed" >&2; exit 2; }
admin POST "/programs/$PROGRAM_ID/sessions" '{"matchAt": "'"$(in_hours 1)"'"}' >/dev/null \
  || { echo "openapi-check: creating a session failed" >&2; exit 2; }
MATCHED_ID=$(admin POST "/programs/$PROGRAM_ID/sessions" '{"matchAt": "'"$(in_hours 2)"'"}' | json_id) \
  || { echo "openapi-check: creating a session failed" >&2; exit 2; }
admin POST "/sessions/$MATCHED_ID/match" '' >/dev/null || { echo "openapi-check: matching a session failed" >&2; exit 2; }
admin PATCH "/programs/$PROGRAM_ID/members/${USER_IDS[0]}" '{"snoozedUntil": "'"$(in_hours 48)"'",
  "avoid": ["'"${USER_IDS[1]}"'"]}' >/dev/null || { echo "openapi-check: setting a member's program choices failed" >&2; exit 2; }

# A CSV import applied, so that csv members exist.
printf 'email,first name,last name,office\ngrace@example.com,Grace,Hopper,Arlington\nkatherine@example.com,Katherine,Johnson,Hampton\n' |
  curl -fsS -X POST "$BASE/api/v1/imports?dryRun=false&column.Office=new:Office" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: text/csv' --data-binary @- >/dev/null || { echo "openapi-check: importing a CSV file failed" >&2; exit 2; }

# Invitations: one pending, one accepted, and a sign-up through a link; the public
# endpoints are called without a token, as the invited person's browser calls them.
public() { # PATH BODY -> the response body; fails on a non-2xx answer
  curl -fsS -X POST "$BASE/api/v1$1" -H 'Content-Type: application/json' --data-binary "$2"
}
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
admin PATCH /settings '{"allowedEmailDomains": ["example.com"]}' >/dev/null \
  || { echo "openapi-check: allowing an email domain failed" >&2; exit 2; }
admin POST /invitations '{"email": "invitee1@example.com"}' >/dev/null \
  || { echo "openapi-check: inviting failed" >&2; exit 2; }
INVITATION_TOKEN=$(admin POST /invitations '{"email": "invitee2@example.com", "givenName": "Mary"}' | json_field token) \
  || { echo "openapi-check: inviting failed" >&2; exit 2; }
public /invitations/accept '{"token": "'"$INVITATION_TOKEN"'", "familyName": "Jackson"}' >/dev/null \
  || { echo "openapi-check: accepting an invitation failed" >&2; exit 2; }
LINK_TOKEN=$(admin POST /invitation-link '' | json_field token) || { echo "openapi-check: creating a sign-up link failed" >&2; exit 2; }
public /signup '{"token": "'"$LINK_TOKEN"'", "email": "joiner@example.com", "givenName": "Dorothy",
  "familyName": "Vaughan"}' >/dev/null || { echo "openapi-check: signing up through the link failed" >&2; exit 2; }

# (c) schemathesis: every documented operation, every check (spec/schemathesis.toml),
# bounded and reproducible.
echo "openapi-check: schemathesis $SCHEMATHESIS_VERSION against $BASE (seed $SEED, $MAX_EXAMPLES examples, ${MAX_TIME}s)"
START=$(date +%s)
set +e
# --max-time bounds the run (fuzzing and stateful testing repeat until it is spent);
# `timeout` is the safety net should the server hang. It runs in $WORK so that its caches
# (.schemathesis/, .hypothesis/) start empty every time and never land in the work tree.
(cd "$WORK" && SCHEMATHESIS_HOOKS="$ROOT/spec/schemathesis_hooks.py" timeout $((MAX_TIME + 120)) "$VENV/bin/st" --config-file "$ROOT/spec/schemathesis.toml" run "$SPEC" \
  --url "$BASE" \
  --header "Authorization: Bearer $ADMIN_TOKEN" \
  --max-examples "$MAX_EXAMPLES" \
  --max-time "$MAX_TIME" \
  --seed "$SEED" \
  --generation-database none \
  --workers 1 \
  --request-timeout 10 \
  --report junit --report-dir "$OUTDIR" \
  --output-truncate false \
  --no-color)
STATUS=$?
set -e
echo "openapi-check: schemathesis took $(( $(date +%s) - START ))s (reports: $OUTDIR)"
if [ "$STATUS" -ne 0 ]; then
  echo "openapi-check: schemathesis found failures (exit $STATUS)" >&2
  exit 1
fi
echo "openapi-check: spec/openapi.yaml is valid and the server conforms to it"
