#!/usr/bin/env bash
# Builds the committed, minimised corpora fuzz/corpus/<target>/: every target starts from
# the conformance vectors (embedded at build time from tests/vectors/), so a seed corpus is
# what a short run from them reaches; this runs each target SECONDS (default 60) from the
# current corpus and any campaign's (fuzz/corpus-campaign/), then keeps the smallest set of
# inputs with the same coverage (`cargo fuzz cmin`).
# Usage: bash scripts/fuzz-corpus.sh [SECONDS] [TARGET…]   (SECONDS 0: only minimise)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  work=$(mktemp -d)
  cp -r "corpus/$target/." "$work/"
  [[ -d "corpus-campaign/$target" ]] && cp -r "corpus-campaign/$target/." "$work/"
  if [[ $seconds -gt 0 ]]; then
    cargo +nightly fuzz run "$target" "$work" -- -max_total_time="$seconds" -max_len=4096 >/dev/null 2>&1
  fi
  rm -rf "corpus/$target"
  mv "$work" "corpus/$target"
  cargo +nightly fuzz cmin "$target" "corpus/$target" >/dev/null 2>&1
  echo "$target: $(find "corpus/$target" -type f | wc -l) inputs, $(cat "corpus/$target"/* | wc -c) bytes"
done
