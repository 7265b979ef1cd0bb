#!/usr/bin/env bash
# The whole test suite: what README.md tells a newcomer to run, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -e /usr/include/sqlite3.h ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq libsqlite3-dev >/dev/null
fi
swift build --build-tests
swift test --skip-build
