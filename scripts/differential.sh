#!/usr/bin/env bash
# Differential runs across the bindings, native side: writes the random vectors of every
# workflow (from the property tests' strategies, fixed seed) with the native library's
# outcomes as expectations, and the native fixtures, to build/differential/ (or
# $QUYTRINH_DIFFERENTIAL); restores natively every fixture the other bindings left there.
# The C, Kotlin and WASM suites (scripts/test-*.sh) call it, then play the vectors.
# QUYTRINH_DIFFERENTIAL_CASES sets the number of vectors per workflow (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${QUYTRINH_DIFFERENTIAL:-$PWD/build/differential}
mkdir -p "$dir"
rm -rf "$dir/vectors" "$dir/native"
# --workspace: the same features as `cargo test --workspace`, so nothing is rebuilt.
QUYTRINH_DIFFERENTIAL="$dir" cargo test --quiet --locked --workspace --test '*_properties' \
  -- differential_vectors >/dev/null
echo "differential: $(find "$dir/vectors" -name '*.json' | wc -l) random vectors in $dir/vectors"
