#!/usr/bin/env bash
# The whole test suite: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! { [ -e /usr/include/sqlite3.h ] && [ -e /usr/include/postgresql/libpq-fe.h ]; } \
   && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq libsqlite3-dev libpq-dev >/dev/null
fi
# The SMTP client tests talk to a real SMTP server: Python's aiosmtpd (scripts/smtp-sink.py).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  python3 -m pip install --quiet --user aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet aiosmtpd
fi
# The store's repository tests run on SQLite and on PostgreSQL: without a server named by
# PERCOLATOR_TEST_POSTGRES_URL, run the whole suite beside a throw-away cluster
# (scripts/postgres.sh creates it on a loopback port and removes it at the end).
if [ -z "${PERCOLATOR_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/postgres.sh "$0" "$@"
fi
# The module rules of the architecture (imports, no SQL outside Store), before building.
scripts/check-architecture.sh
swift build --build-tests
# Two runs: the CPU-heavy unit suites (engine properties, filter tables, benchmarks'
# smoke tests), then the suites that start servers and time their clients. Together on
# two cores, the first can hold the concurrency pool long enough for a live server's
# read timeout to fire in the second.
UNIT='CoffeeTests|SCIMTests|StoreTests'
LIVE='HTTPTests|PercolatorTests'
for target in Tests/*Tests; do  # a new test target must join one of the runs
  name="$(basename "$target")"
  [[ "$name" =~ ^($UNIT|$LIVE)$ ]] || { echo "scripts/test.sh: test target $name is in no run" >&2; exit 1; }
done
swift test --skip-build --filter "^($UNIT)\."
swift test --skip-build --filter "^($LIVE)\."
