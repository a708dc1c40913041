#!/usr/bin/env bash
# Every benchmark of docs/performance.md, then one summary table. Installs what is missing
# (skipping what is there), like the test scripts. No timing is asserted anywhere.
#
#   bash scripts/bench.sh               all parts: native, c, jvm, js, size
#   bash scripts/bench.sh js c          only those parts
#   bash scripts/bench.sh js --smoke    small counts, one round (seconds): the figures mean
#                                       nothing; the JS part still checks that XState and
#                                       quytrinh reach the same states (scripts/test-wasm.sh)
#
# Parts:
#   native  criterion (core/benches/kernel.rs, quick settings) and the memory per live instance
#           counted by an instrumented allocator (bench/native)
#   c       examples/c/bench.c: one command through the C ABI (release library)
#   jvm     bench/jvm/CompanionBench.kt: one command through UniFFI on the JVM (Kotlin, JNA)
#   js      bench/js/run.mjs: quytrinh's npm package against XState v5, interleaved in one
#           Node process (rebuilds build/wasm/pkg first; --smoke only builds it when absent)
#   size    where the WASM bytes go (twiggy, bench/wasm-size.mjs) and build/wasm/size.json
# Outputs: build/bench/ (one log per part, js.json, size.json, summary.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
out=$root/build/bench
started=$SECONDS

smoke=0
parts=()
for arg in "$@"; do
  case $arg in
    --smoke) smoke=1 ;;
    native | c | jvm | js | size) parts+=("$arg") ;;
    *) echo "usage: bash scripts/bench.sh [native] [c] [jvm] [js] [size] [--smoke]" >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(native c jvm js size)
mkdir -p "$out"
rm -f "$out/summary.md"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# A summary row: what, figure, the issue's target.
row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3" >>"$out/summary.md"; }
# The value of key=… in a machine-readable line of a log.
field() { sed -n "s/.*[ ]$2=\([0-9.]*\).*/\1/p" "$1" | tail -n 1; }
ns() { awk -v n="$1" 'BEGIN { if (n >= 1000) printf "%.2f µs", n / 1000; else printf "%.0f ns", n }'; }
apt_install() {
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}
# An npm tool into .tools/, at the version scripts/test-wasm.sh pins for it (one pin).
npm_tool() {
  local spec
  spec=$(sed -n 's/^NPM_TOOLS=(\(.*\))$/\1/p' scripts/test-wasm.sh | tr ' ' '\n' | grep "^$1@")
  if [ "$(node -p "require('./.tools/node_modules/$1/package.json').version" 2>/dev/null || true)" != "${spec##*@}" ]; then
    npm install --prefix .tools --no-audit --no-fund --save-exact "$spec"
  fi
}
# build/wasm/pkg and the rustc .wasm, with what bindings-wasm/build.sh needs.
wasm_package() {
  if [ "$smoke" -eq 1 ] && [ -f build/wasm/pkg/node.mjs ]; then return; fi
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)" != "$want" ]; then
    # Without --locked: its lockfile pins a crate the index here lacks (TOOLCHAIN.md).
    cargo install --force wasm-bindgen-cli --version "$want"
  fi
  npm_tool binaryen
  npm_tool qr
  bash bindings-wasm/build.sh
}

part_native() {
  echo "══ native: criterion (core/benches/kernel.rs)"
  local quick=(--warm-up-time 1 --measurement-time 3 --sample-size 20)
  [ "$smoke" -eq 0 ] || quick=(--test)
  cargo bench --locked -p quytrinh --bench kernel -- "${quick[@]}" | tee "$out/native-criterion.log"
  echo "══ native: memory per live instance (bench/native)"
  cargo run --quiet --release --locked --manifest-path bench/native/Cargo.toml --target-dir "$target" -- \
    "$([ "$smoke" -eq 1 ] && echo 1000 || echo 100000)" | tee "$out/native-memory.log"
  [ "$smoke" -eq 0 ] || return 0 # criterion --test writes no estimates
  local c=$target/criterion
  median() { node -p "JSON.parse(require('fs').readFileSync('$c/$1/new/estimates.json')).median.point_estimate"; }
  row "native: companion command, request_unlink" "$(ns "$(median 'companion_command/request_unlink (1 event, 1 effect)')")" "≤ 300 ns"
  row "native: companion command, otp_verified" "$(ns "$(median 'companion_command/otp_verified (1 event, 2 effects)')")" "≤ 300 ns"
  row "native: a rejection" "$(ns "$(median 'companion_command/rejected confirm (not_found)')")" "≤ 100 ns"
  row "native: JSON text in → outcome text out" "$(ns "$(median 'companion_command/otp_verified through JSON (bindings path)')")" "≤ 2 µs"
  row "native: snapshot save + restore" "$(ns "$(median 'companion_snapshot/save + restore')")" "≤ 2 µs"
  row "native: memory per live instance (Instance, Box<dyn AnyInstance>)" \
    "$(field "$out/native-memory.log" typed_bytes) B, $(field "$out/native-memory.log" dynamic_bytes) B" "≤ 1 KB"
}

part_c() {
  echo "══ c: one command through the C ABI (examples/c/bench.c)"
  cargo build --quiet --locked --release -p quytrinh-ffi
  make --no-print-directory -C examples/c bench PROFILE=release SKIP_CARGO=1 LIBDIR="$target/release" \
    OUT="$out/c" BENCH_ARGS="$([ "$smoke" -eq 1 ] && echo "50 1" || echo "1000 7")" | tee "$out/c.log"
  row "C ABI: one companion command (JSON in, outcome JSON out)" \
    "$(ns "$(field "$out/c.log" command_ns)") (CPU $(ns "$(field "$out/c.log" command_cpu_ns)"))" "≤ 2.5 µs"
  row "C ABI: create + free" "$(ns "$(field "$out/c.log" create_free_ns)")" ""
}

part_jvm() {
  echo "══ jvm: one command through UniFFI on the JVM (bench/jvm)"
  command -v java >/dev/null || { echo "java is missing (Java 17 is expected on the machine)" >&2; return 1; }
  local jna=/usr/share/java/jna.jar kotlin_version kotlin_home
  [ -f "$jna" ] || apt_install libjna-java
  # The Kotlin of scripts/test-kotlin.sh (its pin, its install folder).
  kotlin_version=$(sed -n 's/^KOTLIN_VERSION="\(.*\)"$/\1/p' scripts/test-kotlin.sh)
  kotlin_home=$root/.tools/kotlin/node_modules/kotlin-compiler
  if [ "$(node -p "require('$kotlin_home/package.json').version" 2>/dev/null || true)" != "$kotlin_version" ]; then
    npm install --prefix .tools/kotlin --no-audit --no-fund --loglevel=error "kotlin-compiler@$kotlin_version"
  fi
  cargo build --quiet --locked --release -p quytrinh-ffi
  # The generator as scripts/test-kotlin.sh builds it (debug), run on the release library.
  cargo build --quiet --locked -p uniffi-bindgen
  local dir=$out/jvm lib=$target/release/libquytrinh_ffi.so hash
  rm -rf "$dir/generated"
  mkdir -p "$dir"
  "$target/debug/uniffi-bindgen" generate "$lib" --language kotlin --out-dir "$dir/generated" --no-format
  hash=$(cat "$dir"/generated/uniffi/*/*.kt | sha256sum | cut -d' ' -f1)
  if [ ! -f "$dir/bindings.jar" ] || [ "$(cat "$dir/bindings.sha256" 2>/dev/null)" != "$hash" ]; then
    rm -f "$dir/bindings.jar"
    "$kotlin_home/bin/kotlinc" -nowarn "$dir"/generated/uniffi/*/*.kt -cp "$jna" -d "$dir/bindings.jar"
    echo "$hash" >"$dir/bindings.sha256"
  fi
  "$kotlin_home/bin/kotlinc" -nowarn bench/jvm/CompanionBench.kt -cp "$dir/bindings.jar:$jna" -d "$dir/bench.jar"
  java -Djna.library.path="$target/release" \
    -cp "$dir/bench.jar:$dir/bindings.jar:$jna:$kotlin_home/lib/kotlin-stdlib.jar" CompanionBenchKt \
    $([ "$smoke" -eq 1 ] && echo "50 1" || echo "500 7") | tee "$out/jvm.log"
  row "JVM (Kotlin, UniFFI + JNA): one companion command, typed" \
    "$(ns "$(field "$out/jvm.log" command_ns)") (CPU $(ns "$(field "$out/jvm.log" command_cpu_ns)"))" "measured, beside C"
  row "JVM (Kotlin, UniFFI + JNA): create + close" "$(ns "$(field "$out/jvm.log" create_free_ns)")" ""
}

part_js() {
  echo "══ js: quytrinh's npm package against XState (bench/js)"
  wasm_package
  local want
  want=$(node -p "require('./bench/js/package.json').dependencies.xstate")
  if [ "$(node -p "require('./bench/js/node_modules/xstate/package.json').version" 2>/dev/null || true)" != "$want" ]; then
    npm ci --prefix bench/js --no-audit --no-fund
  fi
  node --expose-gc bench/js/run.mjs $([ "$smoke" -eq 1 ] && echo --smoke) --json "$out/js.json" | tee "$out/js.log"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const us = (ns) => (ns / 1000).toFixed(2) + " µs";
    for (const x of r.rows) {
      const ratio = x.xstate_ns / x.quytrinh_ns;
      const target = x.id.startsWith("command_") || x.id.startsWith("snapshot_") ? "≥ 3× faster than XState" : "";
      const vs = ratio >= 1 ? ratio.toFixed(2) + "× faster" : (1 / ratio).toFixed(2) + "× slower";
      console.log(`| JS: ${x.what} (XState ${us(x.xstate_ns)}, CPU ${us(x.xstate_cpu_ns)}) | ${us(x.quytrinh_ns)} (CPU ${us(x.quytrinh_cpu_ns)}), ${vs} | ${target} |`);
    }
    const m = r.memory;
    console.log(`| JS: memory per live instance (XState ${(m.xstate.total / 1024).toFixed(2)} KB) | ${(m.quytrinh.total / 1024).toFixed(2)} KB | ≤ 1 KB |`);
  ' "$out/js.json" >>"$out/summary.md"
}

part_size() {
  echo "══ size: where the WASM bytes go (twiggy)"
  [ -f build/wasm/size.json ] || wasm_package
  command -v twiggy >/dev/null || cargo install --locked twiggy --version 0.8.0
  node bench/wasm-size.mjs "$target/wasm32-unknown-unknown/release/quytrinh_wasm.wasm" --json "$out/size.json" | tee "$out/size.log"
  local gz
  gz=$(node -p "require('./build/wasm/size.json').gzip")
  row "WASM package, optimized, gzip (build/wasm/size.json)" "$((gz / 1024)) KB" "≤ 100 KB"
}

failed=()
for part in "${parts[@]}"; do
  echo
  # In a subshell outside any condition, so that `set -e` holds inside the part.
  set +e
  ("part_$part")
  status=$?
  set -e
  [ "$status" -eq 0 ] || failed+=("$part")
done

echo
echo "══ summary ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $((SECONDS - started)) s)"
if [ -f "$out/summary.md" ]; then
  { echo '| what | measured | target (issue #13) |'; echo '|---|---|---|'; cat "$out/summary.md"; } >"$out/summary.tmp"
  mv "$out/summary.tmp" "$out/summary.md"
  cat "$out/summary.md"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed parts: ${failed[*]}"
  exit 1
fi
