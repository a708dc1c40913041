# Sourced by scripts/test-desk.sh and scripts/bench-desk.sh: installs PostgreSQL with apt
# when absent (skips it when present), starts a throwaway cluster in a temporary directory
# on a free local port — as the `postgres` user (or `nobody`) when run as root, since
# initdb refuses root — and exports QUYTRINH_DESK_POSTGRES (a server URL, database
# `postgres`, user `desk`, trust authentication on 127.0.0.1). The cluster is stopped and
# removed when the sourcing shell exits.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "installing PostgreSQL (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql > /dev/null
fi
PG_BIN=$(pg_bin)

if [ "$(id -u)" = 0 ]; then
  if id postgres > /dev/null 2>&1; then pg_user=postgres; else pg_user=nobody; fi
  as_pg() { runuser -u "$pg_user" -- "$@"; }
else
  as_pg() { "$@"; }
fi

PG_DIR=$(mktemp -d /tmp/quytrinh-desk-pg.XXXXXX)
chmod 755 "$PG_DIR"
if [ "$(id -u)" = 0 ]; then chown "$pg_user" "$PG_DIR"; fi
PG_PORT=${QUYTRINH_DESK_PG_PORT:-55432}
while (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2> /dev/null; do PG_PORT=$((PG_PORT + 1)); done

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U desk --auth=trust -E UTF8 > "$PG_DIR/initdb.log"
# ${PG_FSYNC:-off}: a throwaway cluster for tests (the crash tests kill the desk, never
# PostgreSQL); the load benchmark sets PG_FSYNC=on to measure durable commits.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=200" > /dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"

export QUYTRINH_DESK_POSTGRES="postgres://desk@127.0.0.1:$PG_PORT/postgres"
