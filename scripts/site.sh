#!/usr/bin/env bash
# Builds the site the server serves from target/site: the wasm of `app`
# (feature `hydrate`) with its JS glue, and the style sheet, under the names
# the pages load (pkg/compact-tracker.{js,wasm,css}).
#
#   scripts/site.sh            debug build (the tests use it)
#   scripts/site.sh --release  release build: wasm-release profile, wasm-opt,
#                              and the release server binary
#
# Sourced helpers come from scripts/tools.sh; the caller installs the tools
# (ensure_rust_tools, and ensure_wasm_opt for --release).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

name=compact-tracker
pkg=target/site/pkg
profile=dev
wasm_dir=target/wasm32-unknown-unknown/debug
if [ "${1:-}" = --release ]; then
  profile=wasm-release
  wasm_dir=target/wasm32-unknown-unknown/wasm-release
fi

say "Building the wasm of app ($profile)"
cargo build -p app --lib --target wasm32-unknown-unknown --profile "$profile" \
  --no-default-features --features hydrate

mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name "$name" \
  "$wasm_dir/app.wasm"
mv "$pkg/${name}_bg.wasm" "$pkg/$name.wasm"
if [ "$profile" = wasm-release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$pkg/$name.wasm" -o "$pkg/$name.wasm"
fi
cp style/main.css "$pkg/$name.css"

if [ "$profile" = wasm-release ]; then
  say "Building the release server"
  cargo build -p server --release --bin "$name"
fi
