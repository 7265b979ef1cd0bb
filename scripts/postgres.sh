#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL 15 cluster:
#   scripts/postgres.sh COMMAND [ARGS…]
# creates a cluster in a temporary directory (initdb, trust authentication, C locale),
# starts it on 127.0.0.1 on a free port, runs COMMAND with PERCOLATOR_TEST_POSTGRES_URL
# set to its URL, then stops it and removes the directory, whatever COMMAND did; exits
# with COMMAND's status. As root (CI), the server runs as the `postgres` user through
# runuser (PostgreSQL refuses to run as root). Installs postgresql-15 and libpq-dev with
# apt-get when they are missing and it can.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/postgres.sh COMMAND [ARGS…]" >&2; exit 2; }

bindir=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && { bindir="$candidate"; break; }
done
if [ -z "$bindir" ] || ! [ -e /usr/include/postgresql/libpq-fe.h ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 libpq-dev >/dev/null
    bindir=/usr/lib/postgresql/15/bin
  fi
fi
[ -x "$bindir/initdb" ] || { echo "scripts/postgres.sh: PostgreSQL (initdb) not found; install postgresql-15" >&2; exit 1; }

as_server_user=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_server_user=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/percolator-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${as_server_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_server_user[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --locale=C -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# fsync stays on and synchronous_commit on (the defaults): the tests check durability
# semantics, not speed.
"${as_server_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export PERCOLATOR_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "scripts/postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $dir)" >&2
set +e
"$@"
status=$?
set -e
exit $status
