#!/usr/bin/env bash
# The whole test suite: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -e /usr/include/sqlite3.h ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq libsqlite3-dev >/dev/null
fi
# The SMTP client tests talk to a real SMTP server: Python's aiosmtpd (scripts/smtp-sink.py).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  python3 -m pip install --quiet --user aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet aiosmtpd
fi
swift build --build-tests
swift test --skip-build
