#!/usr/bin/env bash
# The JVM artifact of quytrinh: one jar with the Kotlin bindings (compiled) and the native
# library for linux-x86_64 inside (JNA loads `linux-x86-64/libquytrinh_ffi.so` from the
# class path), with its pom, and optionally its install into the local Maven repository.
#
#   bash scripts/package-jvm.sh              # build build/kotlin/quytrinh-jvm-<version>.jar + .pom
#   bash scripts/package-jvm.sh --install    # and install it into ~/.m2 (mvn install:install-file)
#   bash scripts/package-jvm.sh --android-sources DIR   # the Kotlin sources for an Android module
#
# Maven coordinates: vn.quytrinh:quytrinh-jvm:<workspace version>; it depends on JNA
# (net.java.dev.jna:jna:5.13.0) and the Kotlin standard library (kotlin-stdlib 2.4.20).
# The install is the plain Maven command, printed as it runs:
#   mvn install:install-file -Dfile=…/quytrinh-jvm-<v>.jar -DpomFile=…/quytrinh-jvm-<v>.pom
# Maven Central is not reachable from CI, so Maven runs against Debian's local plugin
# repository (/usr/share/maven-repo, apt packages below) through a generated settings file,
# and the Kotlin standard library is installed into ~/.m2 from the Kotlin compiler's own
# lib/ when it is not there yet. Set MAVEN_SETTINGS=/path/settings.xml to use your own.
#
# Steps (each skips what is already there):
#  1. tools: Java 17 (with `jar`), libjna-java (apt), Kotlin 2.4.20 (npm `kotlin-compiler`
#     into .tools/kotlin/); with --install, maven, libmaven-install-plugin-java,
#     libmaven-dependency-plugin-java and junit4 (apt; the dependency plugin needs junit);
#  2. `cargo build -p quytrinh-ffi --release` (`-p`: uniffi's CLI stays out of the library)
#     and the workspace's uniffi-bindgen (pinned to the library's uniffi);
#  3. the Kotlin bindings, library mode, into $BUILD_DIR/generated/, with one fix applied:
#     every `QuytrinhException`'s `message` is the error's text (its exported `Display`:
#     a rejection's English message) instead of UniFFI's `field=value` list (UniFFI 0.32
#     writes that for errors with fields; mozilla/uniffi-rs#1077);
#  4. kotlinc → $BUILD_DIR/bindings.jar (classes only; recompiled only when the sources
#     changed), then the artifact jar = those classes + the .so + META-INF/maven/…/pom.xml.
#
# Environment: BUILD_DIR (default build/kotlin), CARGO_TARGET_DIR (default target).
# Sourced by scripts/test-kotlin.sh with PACKAGE_JVM_SOURCED=1: it then only defines the
# paths and functions, and the caller runs `package_jvm [--install]`.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build/kotlin}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
KOTLIN_VERSION="2.4.20"
JNA_VERSION="5.13.0"
KOTLIN_HOME="$ROOT/.tools/kotlin/node_modules/kotlin-compiler"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
KOTLIN_STDLIB="$KOTLIN_HOME/lib/kotlin-stdlib.jar"
JNA_JAR="/usr/share/java/jna.jar"
LIB_DIR="$TARGET_DIR/release"
LIB="$LIB_DIR/libquytrinh_ffi.so"
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
BINDGEN_SWIFT="$TARGET_DIR/debug/uniffi-bindgen-swift"
VERSION="$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml")"
GROUP_ID="vn.quytrinh"
ARTIFACT_ID="quytrinh-jvm"
ARTIFACT="$BUILD_DIR/$ARTIFACT_ID-$VERSION"
export PATH="$HOME/.cargo/bin:$PATH"

pj_fail() {
    printf 'package-jvm: %s\n' "$*" >&2
    return 1
}

pj_apt_install() {
    local sudo=""
    command -v apt-get >/dev/null || pj_fail "apt-get is needed to install: $*" || return 1
    if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
    echo "installing (apt): $*"
    $sudo apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        pj_fail "apt-get install $*"
}

# 1. Tools. With an argument (--install), Maven and its two plugins too.
pj_tools() {
    command -v java >/dev/null || pj_fail "java is missing (Java 17 is expected on the machine)" || return 1
    command -v jar >/dev/null || pj_fail "jar is missing (a JDK, not only a JRE, is needed)" || return 1
    if [[ ! -f "$JNA_JAR" ]]; then pj_apt_install libjna-java || return 1; else echo "JNA present: $JNA_JAR"; fi
    local installed
    installed="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$KOTLIN_HOME/package.json" 2>/dev/null | head -n 1)"
    if [[ "$installed" != "$KOTLIN_VERSION" || ! -x "$KOTLINC" ]]; then
        echo "installing kotlin-compiler@$KOTLIN_VERSION into .tools/kotlin"
        npm install --prefix "$ROOT/.tools/kotlin" --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" ||
            pj_fail "npm install kotlin-compiler" || return 1
    else
        echo "Kotlin $KOTLIN_VERSION present"
    fi
    [[ -f "$KOTLIN_STDLIB" ]] || pj_fail "no kotlin-stdlib.jar in $KOTLIN_HOME/lib" || return 1
    if (($#)); then
        local missing=()
        command -v mvn >/dev/null || missing+=(maven)
        [[ -d /usr/share/maven-repo/org/apache/maven/plugins/maven-install-plugin ]] || missing+=(libmaven-install-plugin-java)
        [[ -d /usr/share/maven-repo/org/apache/maven/plugins/maven-dependency-plugin ]] || missing+=(libmaven-dependency-plugin-java)
        [[ -d /usr/share/maven-repo/junit/junit ]] || missing+=(junit4)
        if ((${#missing[@]})); then pj_apt_install "${missing[@]}" || return 1; else echo "Maven and its plugins present"; fi
    fi
}

# 2. The release library and the generators.
pj_build() {
    (cd "$ROOT" && cargo build -p quytrinh-ffi --release --quiet) || pj_fail "cargo build -p quytrinh-ffi --release" || return 1
    [[ -f "$LIB" ]] || pj_fail "$LIB was not built" || return 1
    (cd "$ROOT" && cargo build -p uniffi-bindgen --quiet) || pj_fail "cargo build -p uniffi-bindgen" || return 1
}

# 3. Kotlin sources into DIR (default $BUILD_DIR/generated; more arguments go to the
# generator), with `QuytrinhException.message` made the error's text: in the sealed class,
# each variant's `override val message get() = "a=${a}, …"` becomes `toString()` (the
# exported Display). Checked: every variant is rewritten, or the step fails.
pj_generate() {
    local out="${1:-$BUILD_DIR/generated}"
    shift || true
    rm -rf "$out"
    mkdir -p "$out"
    "$BINDGEN" generate "$LIB" --language kotlin --out-dir "$out" --no-format "$@" ||
        pj_fail "uniffi-bindgen generate --language kotlin" || return 1
    local api="$out/uniffi/quytrinh_ffi/quytrinh_ffi.kt" block='/^sealed class QuytrinhException/,/companion object ErrorHandler/'
    local variants rewritten
    variants="$(sed -n "${block}p" "$api" | grep -c 'override val message$')"
    sed -i "${block}s/^\( *get() = \)\".*\"\$/\1toString()/" "$api"
    rewritten="$(sed -n "${block}p" "$api" | grep -c 'get() = toString()$')"
    if ((variants == 0 || variants != rewritten)); then
        pj_fail "QuytrinhException: $variants variants, $rewritten messages rewritten (did UniFFI's template change?)"
        return 1
    fi
    echo "QuytrinhException.message: the error's text in all $variants variants"
}

# 4. Classes, then the artifact jar and its pom.
pj_compile() {
    local hash
    hash="$(cat "$BUILD_DIR"/generated/uniffi/*/*.kt | sha256sum | cut -d' ' -f1)"
    if [[ -f "$BUILD_DIR/bindings.jar" && "$(cat "$BUILD_DIR/bindings.sha256" 2>/dev/null)" == "$hash" ]]; then
        echo "bindings.jar up to date"
        return 0
    fi
    rm -f "$BUILD_DIR/bindings.jar"
    "$KOTLINC" -nowarn "$BUILD_DIR"/generated/uniffi/*/*.kt -cp "$JNA_JAR" -d "$BUILD_DIR/bindings.jar" ||
        pj_fail "kotlinc (generated bindings)" || return 1
    echo "$hash" >"$BUILD_DIR/bindings.sha256"
}

pj_pom() {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$GROUP_ID</groupId>
  <artifactId>$ARTIFACT_ID</artifactId>
  <version>$VERSION</version>
  <packaging>jar</packaging>
  <name>quytrinh (JVM)</name>
  <description>Kotlin bindings of quytrinh (UniFFI), with the native library for linux-x86_64 inside, loaded by JNA from the jar</description>
  <licenses>
    <license><name>MIT OR Apache-2.0</name></license>
  </licenses>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>$JNA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>$KOTLIN_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
}

pj_jar() {
    local stage="$BUILD_DIR/jar"
    rm -rf "$stage" "$ARTIFACT.jar"
    mkdir -p "$stage/linux-x86-64" "$stage/META-INF/maven/$GROUP_ID/$ARTIFACT_ID"
    (cd "$stage" && jar --extract --file "$BUILD_DIR/bindings.jar") || pj_fail "jar --extract bindings.jar" || return 1
    rm -f "$stage/META-INF/MANIFEST.MF"
    # Symbols stripped from the jar's copy (JNA needs only the dynamic ones); the build's
    # own library keeps them, for the generators' library mode.
    if command -v strip >/dev/null; then
        strip -o "$stage/linux-x86-64/libquytrinh_ffi.so" "$LIB" || pj_fail "strip $LIB" || return 1
    else
        cp "$LIB" "$stage/linux-x86-64/libquytrinh_ffi.so"
    fi
    pj_pom >"$ARTIFACT.pom"
    cp "$ARTIFACT.pom" "$stage/META-INF/maven/$GROUP_ID/$ARTIFACT_ID/pom.xml"
    printf 'groupId=%s\nartifactId=%s\nversion=%s\n' "$GROUP_ID" "$ARTIFACT_ID" "$VERSION" \
        >"$stage/META-INF/maven/$GROUP_ID/$ARTIFACT_ID/pom.properties"
    jar --create --file "$ARTIFACT.jar" -C "$stage" . || pj_fail "jar --create" || return 1
    echo "$ARTIFACT.jar ($(du -k "$ARTIFACT.jar" | cut -f1) KB; its native library $(du -k "$stage/linux-x86-64/libquytrinh_ffi.so" | cut -f1) KB)"
}

# The settings Maven runs with: MAVEN_SETTINGS, or a mirror of every repository onto
# Debian's /usr/share/maven-repo (no network).
pj_maven_settings() {
    if [[ -n "${MAVEN_SETTINGS:-}" ]]; then
        echo "$MAVEN_SETTINGS"
        return
    fi
    cat >"$BUILD_DIR/maven-settings.xml" <<'EOF'
<settings>
  <mirrors>
    <mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>
  </mirrors>
</settings>
EOF
    echo "$BUILD_DIR/maven-settings.xml"
}

# Maven, quiet, with those settings (Debian's Maven 3.8 prints colour resets even then).
pj_mvn() {
    mvn -q -B -s "$(pj_maven_settings)" "$@" | sed 's/\x1b\[0m//g'
    return "${PIPESTATUS[0]}"
}

pj_install() {
    local install="org.apache.maven.plugins:maven-install-plugin:3.1.0:install-file"
    local stdlib="$HOME/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib/$KOTLIN_VERSION/kotlin-stdlib-$KOTLIN_VERSION.jar"
    if [[ ! -f "$stdlib" ]]; then
        echo "+ mvn $install (kotlin-stdlib $KOTLIN_VERSION, from the Kotlin compiler's lib/)"
        pj_mvn "$install" -Dfile="$KOTLIN_STDLIB" -DgroupId=org.jetbrains.kotlin \
            -DartifactId=kotlin-stdlib -Dversion="$KOTLIN_VERSION" -Dpackaging=jar ||
            pj_fail "mvn install-file kotlin-stdlib" || return 1
    fi
    echo "+ mvn install:install-file -Dfile=$ARTIFACT.jar -DpomFile=$ARTIFACT.pom"
    pj_mvn "$install" -Dfile="$ARTIFACT.jar" -DpomFile="$ARTIFACT.pom" ||
        pj_fail "mvn install-file $ARTIFACT_ID" || return 1
    echo "installed $GROUP_ID:$ARTIFACT_ID:$VERSION into ~/.m2/repository"
}

# Everything, in order; `--install` also installs into ~/.m2.
package_jvm() {
    local install=()
    if [[ "${1:-}" == "--install" ]]; then install=(--install); fi
    pj_tools "${install[@]}" && pj_build && pj_generate && pj_compile && pj_jar || return 1
    if ((${#install[@]})); then pj_install || return 1; fi
}

# The Kotlin sources for an Android module (bindings-ffi/uniffi-android.toml), into DIR.
android_sources() {
    local out
    out="$(mkdir -p "$1" && cd "$1" && pwd)" || return 1
    pj_tools && pj_build && pj_generate "$out" --config "$ROOT/bindings-ffi/uniffi-android.toml" || return 1
    echo "Kotlin sources for Android in $out"
}

if [[ -z "${PACKAGE_JVM_SOURCED:-}" ]]; then
    usage="usage: bash scripts/package-jvm.sh [--install | --android-sources DIR]"
    case "${1:-}" in
    "" | --install) package_jvm "$@" || exit 1 ;;
    --android-sources)
        [[ -n "${2:-}" ]] || { echo "$usage" >&2; exit 2; }
        android_sources "$2" || exit 1
        ;;
    *)
        echo "$usage" >&2
        exit 2
        ;;
    esac
fi
