#!/usr/bin/env bash
# The desk's suites (examples/desk): its tests on SQLite and on a real PostgreSQL — every
# conformance vector through the HTTP API, forged actors, the error statuses, concurrent
# expected_version, kill -9 between commit and delivery and during ticks, four desks over
# 10,000 due instances, the README's walk-through, OpenAPI drift — and a short run of the
# load benchmark (500 commands, 16 connections, on SQLite and on PostgreSQL with one and
# four desks, with the desk the tests built, sent by scripts/load.mjs) that fails on any answer
# but a 2xx; the full benchmark (oha) is run by hand: bash scripts/bench-desk.sh.
# Installs PostgreSQL (apt), curl and jq (the README's walk-through) when absent, skipping
# what is there; the PostgreSQL cluster is a throwaway one (scripts/desk-postgres.sh).
# Usage: bash scripts/test-desk.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/suite.sh
source scripts/suite.sh

missing=()
for tool in curl jq; do command -v "$tool" > /dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# shellcheck source=scripts/desk-postgres.sh
source scripts/desk-postgres.sh
export QUYTRINH_DESK_REQUIRE_POSTGRES=1

suite "desk: tests on SQLite and PostgreSQL" cargo test --locked -p quytrinh-desk
suite "desk: a short load run, every answer 2xx" \
  env DESK_BIN="${CARGO_TARGET_DIR:-target}/debug/quytrinh-desk" BENCH_INSTANCES=100 BENCH_CHECK=1 \
  timeout 300 bash scripts/bench-desk.sh 500 16

suites_summary "desk suites:"
