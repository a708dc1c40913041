#!/usr/bin/env bash
# The WASM binding end to end: installs what is missing (skipping what is there), builds the
# npm package (sizes printed, gzip budget checked), then runs the TypeScript check, the Node
# suites (every conformance vector, the API, native⇄WASM snapshot round trips, the panic
# policy), the vectors in headless Chromium, the example page's click-through, the packed
# tarball, and a page built from it by esbuild, Vite and webpack run in headless Chromium.
# Usage: bash scripts/test-wasm.sh   (from anywhere; no stdin needed; CI runs it with CI=true)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# npm tools, exact versions, in the git-ignored .tools/. `qr` draws the example page's payment
# QR codes (bindings-wasm/build.sh vendors it into the page); `zxing-wasm` (ZXing-C++) decodes
# them back in the page's test.
NPM_TOOLS=(binaryen@132.0.0 playwright-core@1.65.1 typescript@7.0.2 qr@0.7.0 zxing-wasm@3.1.6)
# The bundlers a page is built with from the packed tarball, in their own .tools/bundlers/ so
# their dependencies stay apart from the tools above (Vite 8 needs Node ^20.19 or >=22.12).
BUNDLER_TOOLS=(esbuild@0.28.2 vite@8.4.0 webpack@5.113.0 webpack-cli@7.3.1)

# `npm_tools DIR SPEC...`: installs into DIR each name@version not there at that version.
npm_tools() {
  local dir=$1 spec name version installed
  shift
  local missing=()
  for spec in "$@"; do
    name=${spec%@*}
    version=${spec##*@}
    installed=$(node -p "require('./$dir/node_modules/$name/package.json').version" 2>/dev/null || true)
    [ "$installed" = "$version" ] || missing+=("$spec")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    npm install --prefix "$dir" --no-audit --no-fund --save-exact "${missing[@]}"
  fi
}

echo "══ install what is missing"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The wasm-bindgen CLI must be the exact version of the crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  # Without --locked: its lockfile pins a crate the index here lacks (TOOLCHAIN.md).
  # --force: the binary is missing or another version, whatever cargo's records say.
  cargo install --force wasm-bindgen-cli --version "$want"
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
npm_tools .tools "${NPM_TOOLS[@]}"
npm_tools .tools/bundlers "${BUNDLER_TOOLS[@]}"
echo "tools ready after $((SECONDS - started)) s: wasm-bindgen $want, $(/usr/bin/chromium --version 2>/dev/null || echo "${CHROMIUM:-chromium}")"

# shellcheck source=scripts/suite.sh
source scripts/suite.sh

echo
echo "══ build the package (build/wasm/pkg) and check the size budget"
if ! bash bindings-wasm/build.sh; then
  echo "the build failed: nothing else can run"
  echo "0 passed, 1 failed"
  exit 1
fi

fixtures=$PWD/build/wasm/fixtures
rm -rf "$fixtures"
tsc=.tools/node_modules/.bin/tsc

suite "TypeScript: the package's declarations (tsc --strict)" \
  "$tsc" --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
  --lib es2022,dom,esnext.disposable tests/js/types-check.ts
suite "native snapshots for the round trips (cargo test)" \
  env QUYTRINH_FIXTURES="$fixtures" cargo test --quiet --locked -p quytrinh-wasm --test snapshots -- native_writes_fixtures
suite "Node: vectors, API, errors, bad input, round trips, panic, limits (node --test)" \
  node --test tests/js/vectors.test.mjs tests/js/api.test.mjs tests/js/roundtrip.test.mjs tests/js/panic.test.mjs \
  tests/js/limits.test.mjs
suite "peer benchmark smoke: XState and quytrinh reach the same states (scripts/bench.sh js --smoke)" bash scripts/bench.sh js --smoke
suite "WASM snapshots restore natively (cargo test)" \
  env QUYTRINH_FIXTURES="$fixtures" cargo test --quiet --locked -p quytrinh-wasm --test snapshots -- native_restores_wasm_fixtures
# The native side writes the random vectors, WASM plays them and writes its fixtures, and the
# native side restores those (and the C and Kotlin ones, when their suites ran before).
suite "differential runs: random vectors in Node against native; every binding's snapshots restore natively" \
  bash -c 'bash scripts/differential.sh &&
    QUYTRINH_DIFFERENTIAL="$PWD/build/differential" node --test tests/js/differential.test.mjs &&
    bash scripts/differential.sh'
suite "Chromium: every vector through the web build" node --test tests/js/browser/vectors.test.mjs
suite "Chromium: the example page (screenshots in build/screenshots/)" node --test tests/js/browser/page.test.mjs
suite "the packed tarball: one .wasm, licences, repository, README links (npm pack)" \
  node --test tests/js/bundlers/package.test.mjs
suite "Chromium: a page built from the tarball by esbuild, Vite and webpack" \
  node --test tests/js/browser/bundlers.test.mjs

echo
echo "wasm sizes: $(cat build/wasm/size.json)"
echo "took $((SECONDS - started)) s"
suites_summary
