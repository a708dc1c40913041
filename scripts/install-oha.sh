#!/usr/bin/env bash
# Installs the load generator the desk's benchmark drives (oha, a pinned version, with cargo),
# unless that version is already on PATH. scripts/test-desk.sh runs it before the short load
# run so that compiling oha is not counted in that run's time limit.
# Usage: bash scripts/install-oha.sh
set -euo pipefail

OHA_VERSION=1.16.0
if [ "$(oha --version 2> /dev/null | awk '{print $2}')" != "$OHA_VERSION" ]; then
  cargo install oha --version "$OHA_VERSION" --locked
fi
