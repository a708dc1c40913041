#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, nightly) of every target in fuzz/.
# Installs nightly and cargo-fuzz 0.13.2 only when missing.
# Usage: bash scripts/fuzz.sh --short            every target for 10 s each (CI); fails on a crash
#        bash scripts/fuzz.sh [SECONDS] [TARGET…] a campaign: SECONDS per target (default 600),
#                                                  every target unless some are named; the
#                                                  executions of each are printed at the end
#        bash scripts/fuzz.sh --long [SECONDS] [TARGET…]
#                                                  the long campaign: SECONDS per target
#                                                  (default 3600), one target after the other,
#                                                  at low priority (nice 10) so that a shared
#                                                  machine stays usable; a log per target in
#                                                  fuzz/campaign-logs/
# Crashes are written to fuzz/artifacts/<target>/; new inputs go to fuzz/corpus/<target>/
# (commit only a minimised corpus: bash scripts/fuzz-corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2' || cargo install cargo-fuzz --version 0.13.2 --locked

seconds=600
priority=()
if [[ "${1:-}" == "--short" ]]; then
  seconds=10
  shift
elif [[ "${1:-}" == "--long" ]]; then
  seconds=3600
  priority=(nice -n 10)
  shift
  if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
  fi
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi

cd fuzz
cargo +nightly fuzz build
summary=()
status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  # A scratch copy of the committed corpus, so a short run does not grow the tree.
  work=$(mktemp -d)
  cp -r "corpus/$target/." "$work/" 2>/dev/null || true
  log=$(mktemp)
  if "${priority[@]}" cargo +nightly fuzz run "$target" "$work" -- -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
    tail -n 40 "$log"
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  summary+=("$(printf '%-10s %-6s %11s executions in %ss (%s/s)' "$target" "$result" "$execs" "$seconds" "$rate")")
  if [[ $seconds -gt 60 ]]; then
    mkdir -p campaign-logs
    cp "$log" "campaign-logs/$target.log"
    # A campaign keeps what it found, for `scripts/fuzz-corpus.sh` to minimise.
    mkdir -p "corpus-campaign/$target"
    cp -r "$work/." "corpus-campaign/$target/"
  fi
  rm -rf "$work" "$log"
done
printf '%s\n' "${summary[@]}"
exit $status
