#!/usr/bin/env bash
# Sets up what is missing and runs every check and test: formatting, clippy
# for the server and the wasm, the integration tests and the browser tests
# (each on SQLite and, when it is reachable, PostgreSQL: TEST_POSTGRES_URL,
# default postgres://postgres@127.0.0.1:5432/postgres), then a 20-second
# smoke run of each fuzz target. With CI=true a PostgreSQL that cannot be
# reached is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
started=$SECONDS
# What a cold visit may download of wasm and JS, gzip-compressed.
WASM_BUDGET_KB=150
ensure_rust_tools
ensure_browser
ensure_xmllint

if [ "${CI:-}" = "true" ]; then
  export REQUIRE_POSTGRES=1
  # A fresh clone builds everything once: incremental data would only cost.
  export CARGO_INCREMENTAL=0
fi

say "Formatting"
cargo fmt --all -- --check

say "Clippy: server build"
cargo clippy --workspace --all-targets -- -D warnings

say "Clippy: wasm build of app"
cargo clippy -p app --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

say "Building the release site (the browser tests load it) and checking its size"
ensure_wasm_opt
scripts/site.sh --release
scripts/sizes.sh --budget "$WASM_BUDGET_KB"

say "Tests (SQLite and PostgreSQL; browser tests in headless Chromium)"
mkdir -p target
cargo test --workspace --no-fail-fast 2>&1 | tee target/test-output.txt

say "Fuzzing: a short smoke run of every target (the long runs: scripts/fuzz.sh)"
scripts/fuzz.sh smoke

say "All checks passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
awk '/^test result:/ { passed += $4; failed += $6 }
     END { printf "Tests: %d passed, %d failed\n", passed, failed }' target/test-output.txt
