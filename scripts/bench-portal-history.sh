#!/usr/bin/env bash
# A program with a long history (scripts/bench/portal_history.py): SESSIONS past weekly
# sessions (default 104, two years) of OPTED_IN opt-ins each (default 2,000). Prints the
# console's home page, the admin API's resume, the server's idle CPU over two ticks, the Member
# Portal's programs page and take-part form, on a release build; then the same for
# PEER_BIN when set (another build, measured right after).
#
# Usage: scripts/bench-portal-history.sh
# Environment: SESSIONS, OPTED_IN; PERCOLATOR_BIN to measure another build; PEER_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PERCOLATOR_BIN:-}" ]; then
  swift build -c release --product percolator >/dev/null
  PERCOLATOR_BIN="$(swift build -c release --show-bin-path)/percolator"
fi
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet --user aiosmtpd
for bin in "$PERCOLATOR_BIN" ${PEER_BIN:+"$PEER_BIN"}; do
  python3 scripts/bench/portal_history.py "$bin" "${SESSIONS:-104}" "${OPTED_IN:-2000}"
done
