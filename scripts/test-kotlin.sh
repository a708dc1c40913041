#!/usr/bin/env bash
# The Kotlin/Swift (UniFFI) CI job. From anywhere: bash scripts/test-kotlin.sh
#
#  1. scripts/package-jvm.sh --install: installs what is missing (skips what is there:
#     libjna-java, maven and two plugins from apt, Kotlin 2.4.20 from npm into the
#     git-ignored .tools/kotlin/; Java 17 must be present), builds quytrinh-ffi (release)
#     and the workspace's uniffi-bindgen / uniffi-bindgen-swift, generates the Kotlin
#     bindings into build/kotlin/generated/, compiles them, packs the JVM artifact
#     (build/kotlin/quytrinh-jvm-<version>.jar: classes + linux-x86-64/libquytrinh_ffi.so)
#     and installs it into ~/.m2 with `mvn install:install-file`;
#  2. checks the generated Kotlin: no positional `v1` field (every tuple variant's field
#     is named), versions are `Long`; generates the Android sources (with
#     bindings-ffi/uniffi-android.toml) and checks they use the Android cleaner;
#  3. regenerates the committed Swift bindings (bindings-ffi/swift/Sources/) and fails on
#     any difference (diff against the committed files, then git diff --exit-code);
#  4. compiles the Kotlin suite (tests/kotlin/) and the example (examples/kotlin/) with
#     kotlinc and runs them on the JVM with JNA;
#  5. runs the JVM example (examples/jvm/run.sh): built outside the repository against the
#     installed artifact, the native library loaded by JNA from the jar.
#
# The last line is "N passed, M failed". Environment: BUILD_DIR (default build/kotlin),
# CARGO_TARGET_DIR.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PACKAGE_JVM_SOURCED=1
# shellcheck source=scripts/package-jvm.sh
source "$ROOT/scripts/package-jvm.sh"
SWIFT_DIR="bindings-ffi/swift"

START=$SECONDS
PASSED=0
FAILED=0
step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - START))"; }
summary() { echo "$PASSED passed, $FAILED failed"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; FAILED=$((FAILED + 1)); summary; exit 1; }
check() { # NAME COMMAND...: one counted check
    local name=$1
    shift
    if "$@"; then
        echo "ok   $name"
        PASSED=$((PASSED + 1))
    else
        echo "FAIL $name"
        FAILED=$((FAILED + 1))
    fi
}

# --- 1. tools, library, Kotlin bindings, the JVM artifact -----------------------------------
step "scripts/package-jvm.sh --install"
package_jvm --install || fail "scripts/package-jvm.sh --install"
find "$BUILD_DIR/generated" -name '*.kt' | sort

# --- 2. the generated Kotlin's shape --------------------------------------------------------
step "generated Kotlin"
# UniFFI writes every field name in backticks (val `v1`: …); match both spellings.
positional_fields() { grep -nE 'va[lr] `?v[0-9]+`?:' "$@"; }
no_positional_fields() { ! positional_fields "$BUILD_DIR"/generated/uniffi/*/*.kt; }
positional_check_catches_one() { # the check itself, on a planted positional field
    local planted="$BUILD_DIR/planted-positional.kt"
    printf 'data class Planted(\n        val `v1`: kotlin.String)\n' >"$planted"
    positional_fields "$planted" >/dev/null
    local found=$?
    rm -f "$planted"
    ((found == 0))
}
check "the positional-field check catches a planted val \`v1\`" positional_check_catches_one
versions_are_long() { grep -q '^public typealias Version = kotlin.Long$' "$BUILD_DIR"/generated/uniffi/quytrinh_ffi/quytrinh_ffi.kt; }
check "no positional field (v1, …) in the generated Kotlin" no_positional_fields
check "Version is kotlin.Long" versions_are_long
android_cleaner() {
    pj_generate "$BUILD_DIR/android" --config "$ROOT/bindings-ffi/uniffi-android.toml" >/dev/null &&
        grep -q '^import android.os.Build$' "$BUILD_DIR"/android/uniffi/quytrinh_ffi/quytrinh_ffi.kt
}
check "Android sources (uniffi-android.toml: the Android cleaner; generated, not compiled)" android_cleaner

# --- 3. Swift bindings, committed: regenerate and fail on drift -----------------------------
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

# --- 4. compile and run the suite and the example ---------------------------------------
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
check "examples/kotlin" java -Djna.library.path="$LIB_DIR" -cp "$BUILD_DIR/example.jar:$RUN_CP" UnlinkScreenKt

# --- 5. the JVM example, outside the repository, on the installed artifact ------------------
step "examples/jvm (installed artifact, library from the jar)"
check "examples/jvm" bash examples/jvm/run.sh

step "done"
summary
((FAILED == 0))
