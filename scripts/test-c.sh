#!/usr/bin/env bash
# The C ABI's CI job. From anywhere: bash scripts/test-c.sh
#
#  1. installs what is missing (skips what is there): gcc, g++, make, valgrind, libcjson-dev
#     (apt), cbindgen 0.29.4 (cargo install --locked);
#  2. runs the crate's Rust unit tests and builds quytrinh-ffi (static + shared library);
#  3. regenerates include/quytrinh.h with cbindgen and fails if it differs from the
#     committed header (git diff --exit-code include/);
#  4. builds the C suite (tests/c/) with gcc -std=c11 -Wall -Wextra -Werror -pedantic and
#     runs it; builds it as C++ with g++ and runs it; runs the C build under valgrind (no
#     leak, no error); builds it with -fsanitize=address,undefined and runs it;
#  5. builds and runs the C example (examples/c/);
#  6. builds the release C library without UniFFI and installs it into a scratch prefix
#     (make -C bindings-ffi install): checks that the shared library has its SONAME and exports
#     only quytrinh_* functions (nm -D --defined-only), then builds the example from the
#     installed library with `pkg-config --cflags --libs quytrinh` and with CMake
#     `find_package(quytrinh)` (shared and static), runs each, and compares their output with
#     step 5's.
#
# Environment: PROFILE=debug (default) or release; BUILD_DIR (default build/c);
# CARGO_TARGET_DIR (default target/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PROFILE="${PROFILE:-debug}"
BUILD_DIR="${BUILD_DIR:-$ROOT/build/c}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
CBINDGEN_VERSION="0.29.4"
APT_PACKAGES=(gcc g++ make valgrind libcjson-dev cmake pkg-config)
export PATH="$HOME/.cargo/bin:$PATH"

START=$SECONDS
step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - START))"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# --- 1. tools -------------------------------------------------------------------------------
step "tools"
missing=()
for package in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
    SUDO=""
    if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
    echo "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}" ||
        { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
else
    echo "apt packages present: ${APT_PACKAGES[*]}"
fi
if [[ "$(cbindgen --version 2>/dev/null || true)" != "cbindgen $CBINDGEN_VERSION" ]]; then
    echo "installing cbindgen $CBINDGEN_VERSION"
    # --force: the binary is missing or another version, whatever cargo's records say.
    cargo install --force cbindgen --version "$CBINDGEN_VERSION" --locked
else
    echo "cbindgen $CBINDGEN_VERSION present"
fi

# --- 2. the library -------------------------------------------------------------------------
CARGO_PROFILE=()
if [[ "$PROFILE" == release ]]; then CARGO_PROFILE=(--release); fi
step "cargo test -p quytrinh-ffi"
cargo test -p quytrinh-ffi --lib "${CARGO_PROFILE[@]}" --quiet
step "build quytrinh-ffi ($PROFILE)"
# `cargo rustc` builds every crate type of the library and prints the system libraries a
# static link needs (replayed by cargo when the build is fresh).
build_log="$(cargo rustc -p quytrinh-ffi --lib "${CARGO_PROFILE[@]}" -- --print native-static-libs 2>&1)" ||
    { echo "$build_log"; fail "cargo build"; }
NATIVE_LIBS="$(sed -n 's/.*native-static-libs: //p' <<<"$build_log" | tail -n 1)"
NATIVE_LIBS="${NATIVE_LIBS:--lgcc_s -lutil -lrt -lpthread -lm -ldl -lc}"
LIB="$TARGET_DIR/$PROFILE/libquytrinh_ffi.a"
[[ -f "$LIB" ]] || fail "$LIB was not built"
echo "static library: $LIB; system libraries: $NATIVE_LIBS"

# --- 3. the header --------------------------------------------------------------------------
step "regenerate include/quytrinh.h"
mkdir -p "$BUILD_DIR"
if [[ -f include/quytrinh.h ]]; then cp include/quytrinh.h "$BUILD_DIR/quytrinh.h.before"; fi
cbindgen --quiet --config bindings-ffi/cbindgen.toml --crate quytrinh-ffi \
    --output include/quytrinh.h bindings-ffi
if [[ -f "$BUILD_DIR/quytrinh.h.before" ]] &&
    ! diff -u "$BUILD_DIR/quytrinh.h.before" include/quytrinh.h; then
    fail "include/quytrinh.h was stale; it has been regenerated: review and commit it"
fi
if git ls-files --error-unmatch include/quytrinh.h >/dev/null 2>&1; then
    git --no-pager diff --exit-code -- include/ ||
        fail "include/quytrinh.h differs from the committed header: regenerate and commit it"
    echo "the header matches the committed one"
else
    echo "warning: include/quytrinh.h is not tracked by git yet; add it" >&2
fi

# --- 4. the C suite -------------------------------------------------------------------------
SOURCES=(tests/c/*.c)
WARNINGS=(-Wall -Wextra -Werror -pedantic)
LINK=("$LIB" -lcjson -pthread $NATIVE_LIBS)
run_suite() { # name, binary: runs it, shows its last line, fails on a failure
    local name="$1" binary="$2" output
    if ! output="$("${@:3}" "$binary" tests/vectors 2>&1)"; then
        echo "$output"
        fail "$name"
    fi
    grep -v '^ok ' <<<"$output" || true
}

step "C suite: gcc -std=c11"
gcc -std=c11 "${WARNINGS[@]}" -g -O1 -Iinclude "${SOURCES[@]}" "${LINK[@]}" -o "$BUILD_DIR/tests-c11"
run_suite "C suite (C11)" "$BUILD_DIR/tests-c11"

step "C suite: g++ (as C++17)"
g++ -x c++ -std=c++17 "${WARNINGS[@]}" -g -O1 -Iinclude "${SOURCES[@]}" -x none "${LINK[@]}" \
    -o "$BUILD_DIR/tests-cpp"
run_suite "C suite (C++)" "$BUILD_DIR/tests-cpp"

step "C suite under valgrind"
run_suite "C suite (valgrind)" "$BUILD_DIR/tests-c11" \
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1

step "C suite with AddressSanitizer and UndefinedBehaviorSanitizer"
gcc -std=c11 "${WARNINGS[@]}" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
    -fno-omit-frame-pointer -Iinclude "${SOURCES[@]}" "${LINK[@]}" -o "$BUILD_DIR/tests-asan"
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" run_suite "C suite (ASan)" "$BUILD_DIR/tests-asan"

# --- 5. the example -------------------------------------------------------------------------
step "C suite with ThreadSanitizer (the C side and the ABI's globals; Rust built normally)"
gcc -std=c11 "${WARNINGS[@]}" -g -O1 -fsanitize=thread -fno-omit-frame-pointer -Iinclude \
    "${SOURCES[@]}" "${LINK[@]}" -o "$BUILD_DIR/tests-tsan"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" run_suite "C suite (TSan)" "$BUILD_DIR/tests-tsan"

step "differential runs: the random vectors of the property tests, against native"
bash scripts/differential.sh
QUYTRINH_DIFFERENTIAL="$ROOT/build/differential" run_suite "C differential" "$BUILD_DIR/tests-c11"

step "example: examples/c"
make -s -C examples/c run PROFILE="$PROFILE" SKIP_CARGO=1 NATIVE_LIBS="$NATIVE_LIBS" \
    LIBDIR="$TARGET_DIR/$PROFILE" \
    OUT="$ROOT/build/examples-c" >"$BUILD_DIR/example.out" ||
    { cat "$BUILD_DIR/example.out"; fail "the C example"; }
head -n 12 "$BUILD_DIR/example.out"
echo "... ($(wc -l <"$BUILD_DIR/example.out") lines)"

# --- 6. the installed library ---------------------------------------------------------------
PREFIX="$BUILD_DIR/prefix"
step "make -C bindings-ffi install PREFIX=$PREFIX (release, without UniFFI)"
rm -rf "$PREFIX"
make -s -C bindings-ffi install PREFIX="$PREFIX" >"$BUILD_DIR/install.out" 2>&1 ||
    { cat "$BUILD_DIR/install.out"; fail "make install"; }
(cd "$PREFIX" && find . -type f -o -type l | sort)

step "the shared library: SONAME and exported symbols"
SHARED="$(readlink -f "$PREFIX/lib/libquytrinh.so")"
soname="$(readelf -d "$SHARED" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
[[ -n "$soname" && -e "$PREFIX/lib/$soname" ]] || fail "no SONAME link for $SHARED ($soname)"
exported="$(nm -D --defined-only "$SHARED" | awk '{print $3}')"
foreign="$(grep -v '^quytrinh_' <<<"$exported" || true)"
[[ -z "$foreign" ]] || fail "libquytrinh.so exports more than quytrinh_*: $(head -n 5 <<<"$foreign")"
declared="$(grep -E '^[A-Za-z].*\bquytrinh_[a-z_]+\(' include/quytrinh.h | grep -o 'quytrinh_[a-z_]*' | sort)"
[[ "$(sort <<<"$exported")" == "$declared" ]] ||
    fail "the exported functions differ from the header's: $(diff <(sort <<<"$exported") <(echo "$declared"))"
if nm --defined-only "$PREFIX/lib/libquytrinh.a" 2>/dev/null | grep -q ' T uniffi_'; then
    fail "libquytrinh.a carries UniFFI's symbols"
fi
echo "SONAME $soname; $(wc -l <<<"$exported") functions exported, all quytrinh_*, as declared"

step "example from the installed library: pkg-config --cflags --libs quytrinh"
PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" make -s -C examples/c installed \
    OUT="$BUILD_DIR/installed" >"$BUILD_DIR/example-pkg-config.out" ||
    { cat "$BUILD_DIR/example-pkg-config.out"; fail "the example through pkg-config"; }
ldd "$BUILD_DIR/installed/desk-installed" | grep -q "$soname => $PREFIX/lib/" ||
    fail "desk-installed does not load $PREFIX/lib/$soname"
diff -u "$BUILD_DIR/example.out" "$BUILD_DIR/example-pkg-config.out" ||
    fail "the installed library's output differs from the in-tree build's"
echo "same output as the in-tree build, loading $soname from the prefix"

step "quytrinh.pc is relocatable (its directories under \${prefix})"
moved="$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --define-variable=prefix=/moved --cflags --libs quytrinh | xargs)"
[[ "$moved" == "-I/moved/include -L/moved/lib -lquytrinh" ]] ||
    fail "quytrinh.pc does not follow its prefix: $moved"
echo "ok   pkg-config --define-variable=prefix=/moved: $moved"

step "example from the installed library: CMake find_package(quytrinh)"
rm -rf "$BUILD_DIR/cmake"
cmake -S examples/c -B "$BUILD_DIR/cmake" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_BUILD_TYPE=Release >"$BUILD_DIR/cmake.out" 2>&1 &&
    cmake --build "$BUILD_DIR/cmake" >>"$BUILD_DIR/cmake.out" 2>&1 ||
    { cat "$BUILD_DIR/cmake.out"; fail "the example through CMake"; }
for program in desk desk_static; do
    (cd examples/c && "$BUILD_DIR/cmake/$program" cases.txt) >"$BUILD_DIR/example-$program.out" ||
        fail "$program (CMake)"
    diff -u "$BUILD_DIR/example.out" "$BUILD_DIR/example-$program.out" ||
        fail "$program (CMake): output differs from the in-tree build's"
done
ldd "$BUILD_DIR/cmake/desk" | grep -q "$soname => $PREFIX/lib/" || fail "desk (CMake) is not linked to $soname"
if ldd "$BUILD_DIR/cmake/desk_static" | grep -q libquytrinh; then fail "desk_static loads libquytrinh.so"; fi
echo "desk (shared) and desk_static (static): same output as the in-tree build"

step "all C checks passed"
