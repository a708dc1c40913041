#!/usr/bin/env bash
# The crate's docs (-D warnings), as a user of the default features and as docs.rs see them:
#  1. default features: the conformance-vector player (`quytrinh::conformance`) is not in
#     them: it is no part of the default public API (feature `conformance`);
#  2. every feature (what docs.rs documents): it is there, so the check above can see it.
# From anywhere: bash scripts/test-doc.sh. Environment: CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
doc="${CARGO_TARGET_DIR:-target}/doc/quytrinh"
export RUSTDOCFLAGS="-D warnings"
fail() { echo "FAILED: $*" >&2; exit 1; }

# rustdoc leaves the pages of an earlier run with more features in place: start clean.
rm -rf "$doc"
cargo doc -p quytrinh --no-deps --locked
[[ -f "$doc/index.html" ]] || fail "no $doc/index.html after cargo doc"
if [[ -e "$doc/conformance" ]] || grep -q 'href="conformance/index.html"' "$doc/index.html"; then
    fail "quytrinh::conformance is in the default features' public API (it belongs to the conformance feature)"
fi
echo "ok   default features: no quytrinh::conformance"

cargo doc -p quytrinh --no-deps --locked --features conformance,schema
[[ -f "$doc/conformance/index.html" ]] || fail "quytrinh::conformance is missing from the docs with its feature"
echo "ok   features conformance,schema: quytrinh::conformance documented"
