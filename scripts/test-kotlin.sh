#!/usr/bin/env bash
# The Kotlin/Swift (UniFFI) CI job. From anywhere: bash scripts/test-kotlin.sh
#
#  1. installs what is missing (skips what is there): libjna-java (apt, after apt-get
#     update), Kotlin 2.4.20 (npm `kotlin-compiler` into the git-ignored .tools/kotlin/);
#     Java 17 must be present;
#  2. builds quytrinh-ffi (`-p`, so uniffi's CLI stays out of the library) and the
#     workspace's own uniffi-bindgen / uniffi-bindgen-swift (pinned to the same uniffi);
#  3. generates the Kotlin bindings (library mode) into build/kotlin/generated/;
#  4. regenerates the committed Swift bindings (bindings-ffi/swift/Sources/) and fails on
#     any difference (diff against the committed files, then git diff --exit-code);
#  5. compiles the bindings, the Kotlin suite (tests/kotlin/) and the example
#     (examples/kotlin/) with kotlinc and runs them on the JVM with JNA.
#
# The last line is "N passed, M failed". Environment: BUILD_DIR (default build/kotlin).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-$ROOT/build/kotlin}"
KOTLIN_VERSION="2.4.20"
KOTLIN_HOME="$ROOT/.tools/kotlin/node_modules/kotlin-compiler"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
JNA_JAR="/usr/share/java/jna.jar"
LIB_DIR="$ROOT/target/debug"
LIB="$LIB_DIR/libquytrinh_ffi.so"
SWIFT_DIR="bindings-ffi/swift"
export PATH="$HOME/.cargo/bin:$PATH"

START=$SECONDS
PASSED=0
FAILED=0
step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - START))"; }
summary() { echo "$PASSED passed, $FAILED failed"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; FAILED=$((FAILED + 1)); summary; exit 1; }

# --- 1. tools -------------------------------------------------------------------------------
step "tools"
command -v java >/dev/null || fail "java is missing (Java 17 is expected on the machine)"
if [[ ! -f "$JNA_JAR" ]]; then
    command -v apt-get >/dev/null || fail "missing $JNA_JAR and no apt-get to install libjna-java"
    SUDO=""
    if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
    echo "installing libjna-java"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libjna-java ||
        fail "apt-get install libjna-java"
else
    echo "JNA present: $JNA_JAR"
fi
installed_kotlin="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$KOTLIN_HOME/package.json" 2>/dev/null | head -n 1)"
if [[ "$installed_kotlin" != "$KOTLIN_VERSION" || ! -x "$KOTLINC" ]]; then
    echo "installing kotlin-compiler@$KOTLIN_VERSION into .tools/kotlin"
    npm install --prefix "$ROOT/.tools/kotlin" --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" ||
        fail "npm install kotlin-compiler"
else
    echo "Kotlin $KOTLIN_VERSION present"
fi
KOTLIN_STDLIB="$KOTLIN_HOME/lib/kotlin-stdlib.jar"
[[ -f "$KOTLIN_STDLIB" ]] || fail "no kotlin-stdlib.jar in $KOTLIN_HOME/lib"

# --- 2. the library and the generators ------------------------------------------------------
step "cargo build -p quytrinh-ffi"
cargo build -p quytrinh-ffi --quiet || fail "cargo build -p quytrinh-ffi"
[[ -f "$LIB" ]] || fail "$LIB was not built"
step "cargo build -p uniffi-bindgen"
cargo build -p uniffi-bindgen --quiet || fail "cargo build -p uniffi-bindgen"
BINDGEN="$ROOT/target/debug/uniffi-bindgen"
BINDGEN_SWIFT="$ROOT/target/debug/uniffi-bindgen-swift"

# --- 3. Kotlin bindings ---------------------------------------------------------------------
step "generate Kotlin"
rm -rf "$BUILD_DIR/generated"
mkdir -p "$BUILD_DIR"
"$BINDGEN" generate "$LIB" --language kotlin --out-dir "$BUILD_DIR/generated" --no-format ||
    fail "uniffi-bindgen generate --language kotlin"
find "$BUILD_DIR/generated" -name '*.kt' | sort

# --- 4. Swift bindings, committed: regenerate and fail on drift -----------------------------
step "regenerate Swift ($SWIFT_DIR) and check for drift"
SWIFT_NEW="$BUILD_DIR/swift"
rm -rf "$SWIFT_NEW"
"$BINDGEN_SWIFT" --swift-sources "$LIB" "$SWIFT_NEW/Sources/Quytrinh" &&
    "$BINDGEN_SWIFT" --headers --modulemap --module-name quytrinhFFI --modulemap-filename module.modulemap \
        "$LIB" "$SWIFT_NEW/Sources/quytrinhFFI/include" ||
    fail "uniffi-bindgen-swift"
swift_drift=0
for sub in Sources/Quytrinh Sources/quytrinhFFI/include; do
    if ! diff -ru "$SWIFT_DIR/$sub" "$SWIFT_NEW/$sub" >"$BUILD_DIR/swift.diff" 2>&1; then
        swift_drift=1
        head -n 40 "$BUILD_DIR/swift.diff"
        rm -rf "${SWIFT_DIR:?}/$sub"
        mkdir -p "$SWIFT_DIR/$sub"
        cp -R "$SWIFT_NEW/$sub/." "$SWIFT_DIR/$sub/"
    fi
done
if ((swift_drift)); then
    echo "FAIL Swift bindings were stale; they have been regenerated: review and commit them"
    FAILED=$((FAILED + 1))
elif git rev-parse --git-dir >/dev/null 2>&1 && git ls-files --error-unmatch "$SWIFT_DIR/Sources" >/dev/null 2>&1 &&
    ! git diff --exit-code --stat -- "$SWIFT_DIR/"; then
    echo "FAIL $SWIFT_DIR differs from the commit"
    FAILED=$((FAILED + 1))
else
    echo "ok   Swift bindings up to date"
    PASSED=$((PASSED + 1))
fi

# --- 5. compile and run ---------------------------------------------------------------------
step "kotlinc: bindings"
# The generated bindings are the slow part (~30 s): recompiled only when they changed.
bindings_hash="$(cat "$BUILD_DIR"/generated/uniffi/*/*.kt | sha256sum | cut -d' ' -f1)"
if [[ -f "$BUILD_DIR/bindings.jar" && "$(cat "$BUILD_DIR/bindings.sha256" 2>/dev/null)" == "$bindings_hash" ]]; then
    echo "bindings.jar up to date"
else
    rm -f "$BUILD_DIR/bindings.jar"
    "$KOTLINC" -nowarn "$BUILD_DIR"/generated/uniffi/*/*.kt -cp "$JNA_JAR" -d "$BUILD_DIR/bindings.jar" ||
        fail "kotlinc (generated bindings)"
    echo "$bindings_hash" >"$BUILD_DIR/bindings.sha256"
fi
CP="$BUILD_DIR/bindings.jar:$JNA_JAR"
KOTLIN_REFLECT="$KOTLIN_HOME/lib/kotlin-reflect.jar"
[[ -f "$KOTLIN_REFLECT" ]] || fail "no kotlin-reflect.jar in $KOTLIN_HOME/lib"
CP="$CP:$KOTLIN_REFLECT"
RUN_CP="$CP:$KOTLIN_STDLIB"

step "kotlinc: tests/kotlin and examples/kotlin"
"$KOTLINC" -nowarn tests/kotlin/*.kt -cp "$CP" -d "$BUILD_DIR/tests.jar" || fail "kotlinc tests/kotlin"
"$KOTLINC" -nowarn examples/kotlin/*.kt -cp "$CP" -d "$BUILD_DIR/example.jar" || fail "kotlinc examples/kotlin"

step "run the Kotlin suite"
java -Djna.library.path="$LIB_DIR" -cp "$BUILD_DIR/tests.jar:$RUN_CP" quytrinh.tests.MainKt "$ROOT" | tee "$BUILD_DIR/tests.log"
suite_status=${PIPESTATUS[0]}
counts="$(tail -n 1 "$BUILD_DIR/tests.log")"
if [[ "$counts" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    PASSED=$((PASSED + BASH_REMATCH[1]))
    FAILED=$((FAILED + BASH_REMATCH[2]))
    if ((suite_status != 0 && BASH_REMATCH[2] == 0)); then FAILED=$((FAILED + 1)); fi
else
    echo "FAIL the Kotlin suite did not finish (exit $suite_status)"
    FAILED=$((FAILED + 1))
fi

step "differential runs: the random vectors of the property tests, against native"
if bash scripts/differential.sh &&
    QUYTRINH_DIFFERENTIAL="$ROOT/build/differential" java -Djna.library.path="$LIB_DIR" \
        -cp "$BUILD_DIR/tests.jar:$RUN_CP" quytrinh.tests.MainKt "$ROOT"; then
    PASSED=$((PASSED + 1))
else
    echo "FAIL differential runs (Kotlin)"
    FAILED=$((FAILED + 1))
fi

step "run the Kotlin example"
if java -Djna.library.path="$LIB_DIR" -cp "$BUILD_DIR/example.jar:$RUN_CP" UnlinkScreenKt; then
    echo "ok   examples/kotlin"
    PASSED=$((PASSED + 1))
else
    echo "FAIL examples/kotlin"
    FAILED=$((FAILED + 1))
fi

step "done"
summary
((FAILED == 0))
