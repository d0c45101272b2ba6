#!/usr/bin/env bash
# Builds the release: the site (wasm, JS and CSS, their sizes printed and
# recorded in target/site/pkg/SIZES.txt) and the server binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_rust_tools
ensure_wasm_opt

say "Building the release site"
scripts/site.sh --release
scripts/sizes.sh

say "Building the release server"
cargo build -p server --release --bin compact-tracker
echo "Release binary: target/release/compact-tracker (site folder: target/site)"
