#!/usr/bin/env bash
# The desk's suites (examples/desk): its tests on SQLite and on a real PostgreSQL — every
# conformance vector through the HTTP API, forged actors, 409/413, crash tests (kill -9),
# four desks over 10,000 due instances, the README's walk-through, OpenAPI drift — and a
# check that the load benchmark script parses (it is run by hand: scripts/bench-desk.sh).
# Installs PostgreSQL with apt when absent (skips it when present) and starts a throwaway
# cluster in a temporary directory on a local port, as the `postgres` user (initdb refuses
# root); the cluster is stopped and removed on exit.
# Usage: bash scripts/test-desk.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/suite.sh
source scripts/suite.sh

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "installing PostgreSQL (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql > /dev/null
fi
PG_BIN=$(pg_bin)

# Who runs the cluster: initdb refuses root.
if [ "$(id -u)" = 0 ]; then
  if id postgres > /dev/null 2>&1; then pg_user=postgres; else pg_user=nobody; fi
  as_pg() { runuser -u "$pg_user" -- "$@"; }
else
  as_pg() { "$@"; }
fi

PG_DIR=$(mktemp -d /tmp/quytrinh-desk-pg.XXXXXX)
chmod 755 "$PG_DIR"
[ "$(id -u)" = 0 ] && chown "$pg_user" "$PG_DIR"
PG_PORT=${QUYTRINH_DESK_PG_PORT:-55432}
while (echo > /dev/tcp/127.0.0.1/"$PG_PORT") 2> /dev/null; do PG_PORT=$((PG_PORT + 1)); done

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U desk --auth=trust -E UTF8 > "$PG_DIR/initdb.log"
# fsync off: a throwaway cluster for tests (crash tests kill the desk, never PostgreSQL).
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" > /dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"

export QUYTRINH_DESK_POSTGRES="postgres://desk@127.0.0.1:$PG_PORT/postgres"
export QUYTRINH_DESK_REQUIRE_POSTGRES=1

suite "desk: tests on SQLite and PostgreSQL" cargo test --locked -p quytrinh-desk -- --test-threads 2
suite "desk: load benchmark script parses" bash -n scripts/bench-desk.sh

suites_summary "desk suites:"
