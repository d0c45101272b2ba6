#!/usr/bin/env bash
# Sets up what is missing, builds a release and serves the app on SQLite with
# the demo data loaded into an empty database. Extra arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/release.sh
source scripts/tools.sh
say "Starting Compact Tracker"
exec target/release/compact-tracker serve --demo "$@"
