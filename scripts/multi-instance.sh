#!/usr/bin/env bash
# The multi-instance proof (issue 11): two `percolator serve` processes on one throw-away
# PostgreSQL behind a real nginx (Debian's nginx-light), one SMTP sink; the public SCIM
# validators, 16 clients adding members to one group, one scheduled session, welcome
# emails and a SIGKILL under load, all through nginx. Details: scripts/multi-instance.py.
#
# Usage: scripts/multi-instance.sh [--binary PATH] [multi-instance.py options…]
# Default binary: .build/debug/percolator (scripts/test.sh builds it). Loopback only,
# about 2 minutes (bounded at 5), everything stopped and removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null && ! [ -x /usr/sbin/nginx ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    # policy-rc.d 101: the package must not start the system's nginx on port 80.
    had_policy=0; [ -e /usr/sbin/policy-rc.d ] && had_policy=1
    [ "$had_policy" = 1 ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
    [ "$had_policy" = 1 ] || rm -f /usr/sbin/policy-rc.d
  fi
fi
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] \
  || { echo "multi-instance: nginx not found; install nginx-light (as root this script does)" >&2; exit 2; }
# The SMTP sink is aiosmtpd (scripts/test.sh installs it too).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  python3 -m pip install --quiet --user aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet aiosmtpd
fi

# timeout sends SIGTERM at 5 minutes: the driver then stops what it started, and
# postgres.sh removes the cluster.
exec scripts/postgres.sh timeout --foreground --signal=TERM --kill-after=30 300 python3 scripts/multi-instance.py "$@"
