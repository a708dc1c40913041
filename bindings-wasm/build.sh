#!/usr/bin/env bash
# Builds the npm package of quytrinh's WASM binding into build/wasm/pkg/:
#   cargo (wasm32, opt-level z, LTO) → wasm-bindgen (the web target, one glue for Node,
#   browsers and bundlers; name section removed) → wasm-opt -Oz (npm binaryen) → the JS
#   wrapper, types, package.json, README, licences.
# Prints the raw and gzip sizes and fails when the gzip size is over the budget.
# Needs: the wasm32-unknown-unknown target, wasm-bindgen (the version in Cargo.lock) on PATH,
# wasm-opt at .tools/node_modules/.bin/wasm-opt (or WASM_OPT), and for the example page the QR
# code library at .tools/node_modules/qr (or QR_LIB). scripts/test-wasm.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

# The budget for the gzip size of the optimized .wasm (all workflows and the calendar): what
# it is (529 KiB) and a small margin; issue #13 aims at 100 KB.
BUDGET_GZIP_BYTES=${QUYTRINH_WASM_BUDGET_GZIP:-$((548 * 1024))}

out=build/wasm
pkg=$out/pkg
wasm_opt=${WASM_OPT:-.tools/node_modules/.bin/wasm-opt}
qr_lib=${QR_LIB:-.tools/node_modules/qr}
if [ ! -f "$qr_lib/index.js" ]; then
  echo "missing $qr_lib/index.js (the example page's QR code library): run scripts/test-wasm.sh," >&2
  echo "which installs it, or npm install --prefix .tools --save-exact qr@<version in its NPM_TOOLS>" >&2
  exit 1
fi

echo "── cargo build (wasm32-unknown-unknown, release, opt-level=z, lto)"
# Size settings for this build only: the workspace's release profile serves the native
# libraries too. panic=abort is what wasm32 does anyway.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_LTO=fat \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --locked --release --target wasm32-unknown-unknown -p quytrinh-wasm
input=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/quytrinh_wasm.wasm

rm -rf "$out/bindgen" "$pkg"
mkdir -p "$out/bindgen" "$pkg"
# One glue for every host: the `web` target's ES module, which Node (node.mjs reads the file),
# browsers and bundlers (web.js fetches it) all load, so the package carries one `.wasm`.
wasm-bindgen --target web --out-dir "$out/bindgen" --out-name quytrinh_wasm \
  --remove-name-section --remove-producers-section "$input"

# The features rustc's wasm32 target emits by default; wasm-opt must accept them all.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-multivalue --enable-mutable-globals)
bg=$out/bindgen/quytrinh_wasm_bg.wasm
"$wasm_opt" -Oz "${features[@]}" "$bg" -o "$bg.opt" && mv "$bg.opt" "$bg"

# The package: the glue and its one `.wasm`, the wrapper (api.js, slot.js, load.js), the two entries
# (node.mjs, web.js), the types, package.json, README, LICENSE files.
cp "$out"/bindgen/quytrinh_wasm.js "$bg" "$pkg/"
cp bindings-wasm/js/api.js bindings-wasm/js/slot.js bindings-wasm/js/load.js bindings-wasm/js/node.mjs bindings-wasm/js/web.js "$pkg/"
cp bindings-wasm/js/index.d.ts bindings-wasm/js/workflows.d.ts bindings-wasm/js/README.md bindings-wasm/js/package.json "$pkg/"
cp LICENSE-MIT LICENSE-APACHE "$pkg/"
# The domain types generated from the Rust types (tsify), without the glue's own
# declarations (init, the raw classes) and with the Rust doc examples taken out of the doc
# comments: a hover in an editor shows TypeScript, not Rust.
node bindings-wasm/js/tidy-types.mjs "$out/bindgen/quytrinh_wasm.d.ts" "$pkg/types.d.ts"

raw=$(stat -c %s "$pkg/quytrinh_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/quytrinh_wasm_bg.wasm" | wc -c)
rustc_size=$(stat -c %s "$input")
echo
echo "wasm size: rustc $rustc_size B → optimized $raw B raw, $gz B gzip (budget $BUDGET_GZIP_BYTES B gzip)"
printf '%s\n' "{\"rustc\": $rustc_size, \"raw\": $raw, \"gzip\": $gz, \"budget_gzip\": $BUDGET_GZIP_BYTES}" > "$out/size.json"
if [ "$gz" -gt "$BUDGET_GZIP_BYTES" ]; then
  echo "FAIL: the gzip size $gz B is over the budget of $BUDGET_GZIP_BYTES B" >&2
  exit 1
fi

# The example page, ready to serve as static files: examples/web + the web build.
rm -rf build/web-example
mkdir -p build/web-example
cp -r examples/web/. build/web-example/
cp -r "$pkg" build/web-example/pkg
# The QR code encoder the page draws payment QRs with (npm `qr`: one ES module, no
# dependencies), vendored with its licences: the page fetches nothing from outside.
mkdir -p build/web-example/vendor/qr
cp "$qr_lib/index.js" "$qr_lib/package.json" build/web-example/vendor/qr/
cp "$qr_lib"/LICENSE* build/web-example/vendor/qr/
qr_version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$qr_lib/package.json")
echo "package: $pkg   example page: build/web-example/index.html (QR code: qr $qr_version)"
