#!/usr/bin/env bash
# The one command that installs what the tests need (skipping what is already there) and
# runs every suite: formatting, lints, the Rust tests (unit, property, conformance, doc, the
# JSON Schemas' drift and vectors), the property tests at depth (10,000 sequences per
# property, release build), the crate's docs and a dry run of its publication, the
# conformance vectors through the `quytrinh` program, the tour, the C suite, the Kotlin suite
# (UniFFI; Swift checked for drift), the WASM suites (Node, headless Chromium), the
# back-office desk on SQLite and PostgreSQL (scripts/test-desk.sh) and a short run of every
# fuzz target (scripts/fuzz.sh --short).
# Usage: bash scripts/test.sh        (from anywhere; about 26 minutes on a fresh 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/suite.sh
source scripts/suite.sh

# A run from a fresh clone gains nothing from incremental compilation, which doubles the
# target directory; a developer who wants it sets CARGO_INCREMENTAL=1.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# Rust components: rustfmt and clippy come with rustup's default profile; add them if a
# minimal profile left them out.
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done

suite "cargo fmt --check" cargo fmt --all -- --check
suite "cargo clippy (all targets, -D warnings)" cargo clippy --workspace --all-targets --locked -- -D warnings
# The desk's tests run in their own suite, with PostgreSQL (scripts/test-desk.sh).
suite "cargo test (unit, property, conformance, doc)" cargo test --workspace --locked --exclude quytrinh-desk
# The property tests again at depth: 10,000 random sequences per property of every workflow
# (QUYTRINH_PROPTEST_LONG=1), in a release build, where they take seconds, not minutes. The
# core keeps the debug build's overflow checks and debug assertions, so this run checks all
# that the 256-sequence debug run above checks, at depth.
suite "property tests at depth (10,000 random sequences per property, release)" \
  env QUYTRINH_PROPTEST_LONG=1 cargo test --release --locked -p quytrinh --test '*_properties' \
  --config 'profile.release.package.quytrinh.overflow-checks=true' \
  --config 'profile.release.package.quytrinh.debug-assertions=true' -- --skip differential
suite "cargo build --benches" cargo build --workspace --benches --locked
suite "cargo doc -p quytrinh (default and all features, -D warnings; no conformance player by default)" bash scripts/test-doc.sh
# Both crates at once: the core needs its derive crate, which is not on crates.io yet, and
# cargo packages and verifies the two together (a local registry for the pair).
suite "cargo publish --dry-run -p quytrinh-derive -p quytrinh" \
  cargo publish --dry-run -p quytrinh-derive -p quytrinh --locked
suite "quytrinh replay tests/vectors/*/*.json" cargo run --quiet --locked -p quytrinh-cli -- replay tests/vectors/*/*.json
suite "quytrinh tour" bash -c 'cargo run --quiet --locked -p quytrinh-cli -- tour --lang en > /dev/null'
suite "quytrinh diagram companion" bash -c 'cargo run --quiet --locked -p quytrinh-cli -- diagram companion | grep -q "stateDiagram-v2"'
suite "C ABI (header drift, C/C++ suite, valgrind, ASan, example)" bash scripts/test-c.sh
suite "Kotlin and Swift (UniFFI: Swift drift, Kotlin vectors and example on the JVM)" bash scripts/test-kotlin.sh
suite "WASM (size budget, Node and Chromium vectors, round trips with native, web page)" bash scripts/test-wasm.sh
suite "desk (HTTP on SQLite and PostgreSQL: vectors, crash tests, four workers, README walk-through)" bash scripts/test-desk.sh
suite "fuzzing (every cargo-fuzz target, 10 s each, nightly)" bash scripts/fuzz.sh --short

echo
suites_summary "suites:"
