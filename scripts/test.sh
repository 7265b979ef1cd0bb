#!/usr/bin/env bash
# The whole test suite: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# The C libraries the systemLibrary targets link: sqlite3 (CSQLite), libcrypto (CCrypto)
# and libpq (CLibPQ). The package lists are refreshed only when something is missing.
missing=()
[ -e /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -e /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
[ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
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
UNIT='CoffeeTests|CryptoTests|SCIMTests|StoreTests|WebTests'
LIVE='HTTPTests|PercolatorTests'
for target in Tests/*Tests; do  # a new test target must join one of the runs
  name="$(basename "$target")"
  [[ "$name" =~ ^($UNIT|$LIVE)$ ]] || { echo "scripts/test.sh: test target $name is in no run" >&2; exit 1; }
done
swift test --skip-build --filter "^($UNIT)\."
swift test --skip-build --filter "^($LIVE)\."
