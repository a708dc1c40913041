#!/usr/bin/env bash
# Builds and runs the JVM example as a user outside this repository would: the example is
# copied to a temporary directory, Maven resolves its class path from the local repository
# (the installed vn.quytrinh:quytrinh-jvm and, through its pom, JNA and kotlin-stdlib),
# kotlinc compiles it, and plain `java` runs it: no -Djna.library.path, no LD_LIBRARY_PATH;
# JNA must find libquytrinh_ffi.so inside the artifact's jar (checked in its debug log).
#
#   bash scripts/package-jvm.sh --install && bash examples/jvm/run.sh
#
# Run by scripts/test-kotlin.sh. Maven runs offline against Debian's plugin repository, as
# in scripts/package-jvm.sh (MAVEN_SETTINGS to use your own settings).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PACKAGE_JVM_SOURCED=1
# shellcheck source=../../scripts/package-jvm.sh
source "$HERE/../../scripts/package-jvm.sh"
set -e

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -R "$HERE/pom.xml" "$HERE/src" "$WORK/"
cd "$WORK"
mkdir -p "$BUILD_DIR"

echo "+ mvn dependency:build-classpath (in $WORK)"
pj_mvn -Dquytrinh.version="$VERSION" \
    org.apache.maven.plugins:maven-dependency-plugin:3.5.0:build-classpath -Dmdep.outputFile=classpath.txt
CLASSPATH_DEPS="$(cat classpath.txt)"
echo "class path: $CLASSPATH_DEPS"
[[ "$CLASSPATH_DEPS" == *"/vn/quytrinh/$ARTIFACT_ID/$VERSION/$ARTIFACT_ID-$VERSION.jar"* ]] ||
    { echo "the class path does not hold the installed $ARTIFACT_ID $VERSION" >&2; exit 1; }

echo "+ kotlinc src/main/kotlin"
"$KOTLINC" -nowarn src/main/kotlin/*.kt -cp "$CLASSPATH_DEPS" -d app.jar

echo "+ java -cp app.jar:<class path> MainKt"
env -u LD_LIBRARY_PATH java -Djna.debug_load=true -cp "app.jar:$CLASSPATH_DEPS" MainKt 2>jna.log ||
    { cat jna.log >&2; exit 1; }
grep -q "Found library resource at jar:file:.*$ARTIFACT_ID-$VERSION.jar" jna.log ||
    { echo "JNA did not load the library from the artifact's jar:" >&2; cat jna.log >&2; exit 1; }
echo "JNA loaded libquytrinh_ffi.so from the artifact's jar"
