#!/usr/bin/env bash
# Load benchmark of the desk (examples/desk), on loopback only: commands per second and
# latency percentiles with oha (scripts/install-oha.sh installs it when absent; the short check
# of CI sends with scripts/load.mjs instead), on SQLite, and on
# PostgreSQL with one and with four desks. Each run is bounded in count (-n) and in time
# (a per-request timeout and an overall `timeout`).
# The command is renewal_billing's `add_note` (a CSM's note on a renewal request: always
# accepted, appends an event and a support-history entry), sent to the seeded
# subscriptions picked at random, each body with its own command_id (picked at random by
# oha from a larger set, so a few are repeats: duplicates, answered without a write; the
# table says how many commands were written). The table shows the statuses, and the code of
# every refusal (`409 version_conflict`, `422 clock_went_backwards`, …) counted from the
# desks' logs.
# Usage: bash scripts/bench-desk.sh [REQUESTS] [CONNECTIONS]     (default 20000, 32)
# Environment: BENCH_INSTANCES (subscriptions seeded, default 1000); BENCH_CHECK=1 exits
# non-zero when any answer is not 2xx or any request failed (scripts/test-desk.sh runs a
# short one so); DESK_BIN (a desk binary to run instead of building the release one).
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${1:-20000}
CONNECTIONS=${2:-32}
INSTANCES=${BENCH_INSTANCES:-1000}
CHECK=${BENCH_CHECK:-0}

# The short check (BENCH_CHECK=1) sends its requests with scripts/load.mjs (Node's fetch), so CI
# does not compile oha; the benchmark itself uses oha.
if [ "$CHECK" != 1 ]; then bash scripts/install-oha.sh; fi
if [ -z "${DESK_BIN:-}" ]; then
  cargo build --release --locked -p quytrinh-desk
  DESK_BIN=${CARGO_TARGET_DIR:-target}/release/quytrinh-desk
fi

export PG_FSYNC=on
# shellcheck source=scripts/desk-postgres.sh
source scripts/desk-postgres.sh

WORK=$(mktemp -d /tmp/quytrinh-desk-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  rm -rf "$WORK"
  stop_pg
}
trap cleanup EXIT

cat > "$WORK/tokens.toml" << 'TOKENS'
[[token]]
token = "bench-csm"
role = "csm"
id = "CSM-01"
TOKENS

# Bodies: one command per line, each with its own id.
awk -v n=$((REQUESTS * 10)) 'BEGIN { for (i = 1; i <= n; i++)
  printf "{\"command_id\":\"b%d\",\"type\":\"add_note\",\"text\":\"Đã gọi khách lần %d\"}\n", i, i }' > "$WORK/bodies"

start_desks() { # DATABASE COUNT: starts COUNT desks on ports 18081…; waits for each.
  local database=$1 count=$2 port
  PORTS=()
  for i in $(seq 1 "$count"); do
    port=$((18080 + i))
    # Warnings, and one line per refused request (its status and code).
    RUST_LOG=warn,quytrinh_desk::refusal=info "$DESK_BIN" serve --database "$database" \
      --tokens "$WORK/tokens.toml" --listen "127.0.0.1:$port" --log-json 2> "$WORK/desk-$i.log" &
    PIDS+=($!)
    PORTS+=("$port")
    until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.2; done
  done
}

stop_desks() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done
  PIDS=()
}

seed() { # PORT: the renewal requests' subscriptions (as in the vectors), INSTANCES of them.
  for i in $(seq 1 "$INSTANCES"); do
    printf '{"workflow":"renewal_billing","instance_id":"TB-%05d","init":{"subscription_id":"TB-%05d","customer_id":"KH-%05d","payment_code":"KH%05d","product":"amis_ke_toan","market":"mien_bac","csm_id":"CSM-01","term_no":1,"term_end":"2026-07-31","buyer":{"name":"Nguyễn Thị Lan","email":"lan.nguyen@abc.com.vn","phone":"0912345678"},"invoice":{"name":"Công ty TNHH Thương mại ABC","tax_code":"0108888888","address":"Số 12 Phố Huế, phường Hai Bà Trưng, Hà Nội","email":"ketoan@abc.com.vn"}}}\n' "$i" "$i" "$i" "$i"
  done | while read -r body; do
    curl -sf -X POST "http://127.0.0.1:$1/instances" -H 'Authorization: Bearer bench-csm' -d "$body" > /dev/null
  done
}

events() { # DATABASE: the number of events written.
  case $1 in
    postgres*) "$PG_BIN/psql" "$1" -tAc 'SELECT COUNT(*) FROM desk_events' ;;
    *) python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM desk_events").fetchone()[0])' "${1#sqlite://}" ;;
  esac
}

refusals() { # The refusals logged by the desks: "409 version_conflict: 3, …", or "none".
  cat "$WORK"/desk-*.log | jq -rR 'fromjson? | .fields | select(.code) | "\(.status) \(.code)"' \
    | sort | uniq -c | awk '{ printf "%s%s %s: %s", (NR > 1 ? ", " : ""), $2, $3, $1 } END { if (NR == 0) printf "none" }'
}

RESULTS=()
FAILED=()
run() { # LABEL DATABASE DESKS
  local label=$1 database=$2 desks=$3
  start_desks "$database" "$desks"
  seed "${PORTS[0]}"
  : > "$WORK/urls"
  for port in "${PORTS[@]}"; do
    for i in $(seq 1 "$INSTANCES"); do printf 'http://127.0.0.1:%s/instances/TB-%05d/commands\n' "$port" "$i"; done >> "$WORK/urls"
  done
  if [ "$CHECK" = 1 ]; then
    timeout 600 node scripts/load.mjs "$WORK/urls" "$WORK/bodies" "$REQUESTS" "$CONNECTIONS" bench-csm \
      > "$WORK/oha.json"
  else
    timeout 600 oha --no-tui --urls-from-file "$WORK/urls" -m POST -Z "$WORK/bodies" \
      -H 'Authorization: Bearer bench-csm' -T application/json \
      -n "$REQUESTS" -c "$CONNECTIONS" -t 10s --output-format json > "$WORK/oha.json"
  fi
  local written refused
  written=$(events "${database%%\?*}")
  stop_desks
  refused=$(refusals)
  rm -f "$WORK"/desk-*.log
  RESULTS+=("$(jq -r --arg name "$label" --arg written "$written" --arg refused "$refused" \
    '"| \($name) | \(.summary.requestsPerSec | floor) | \(.latencyPercentiles.p50 * 1000 * 100 | round / 100) | \(.latencyPercentiles.p99 * 1000 * 100 | round / 100) | \(.statusCodeDistribution | to_entries | map("\(.key): \(.value)") | join(", ")) | \($refused) | \($written) |"' \
    "$WORK/oha.json")")
  # Anything but a 2xx answer, or a request that got no answer at all.
  if jq -e '(.statusCodeDistribution | keys | any(startswith("2") | not)) or ((.errorDistribution // {}) | length > 0)' "$WORK/oha.json" > /dev/null; then
    FAILED+=("$label: $(jq -c '{statuses: .statusCodeDistribution, errors: .errorDistribution}' "$WORK/oha.json"); refusals: $refused")
  fi
}

PG_SERVER=${QUYTRINH_DESK_POSTGRES%/postgres}
pg_database() { "$PG_BIN/psql" "$QUYTRINH_DESK_POSTGRES" -qc "CREATE DATABASE $1" > /dev/null; echo "$PG_SERVER/$1"; }

run "SQLite, 1 desk" "sqlite://$WORK/bench.db?mode=rwc" 1
run "PostgreSQL, 1 desk" "$(pg_database bench_one)" 1
run "PostgreSQL, 4 desks" "$(pg_database bench_four)" 4

echo
echo "$REQUESTS commands (renewal_billing add_note over $INSTANCES instances), $CONNECTIONS connections, loopback, $(nproc) cores:"
echo
echo "| database | commands/s | p50 ms | p99 ms | statuses | refusals | events written |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
if [ ${#FAILED[@]} -gt 0 ]; then
  echo
  echo "answers other than 2xx:"
  printf '  %s\n' "${FAILED[@]}"
  if [ "$CHECK" = 1 ]; then exit 1; fi
fi
