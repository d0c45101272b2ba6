#!/usr/bin/env bash
# Builds the site the server serves from target/site: the wasm of `app`
# (feature `hydrate`: the islands) with its JS glue, and the style sheet.
# The three files are named by a digest of their contents
# (pkg/compact-tracker.<hash>.{js,wasm,css}), so browsers may keep them for
# good; target/site/output-name holds the name the pages load.
#
#   scripts/site.sh            debug build
#   scripts/site.sh --release  release build: wasm-release profile and wasm-opt
#
# Sourced helpers come from scripts/tools.sh; the caller installs the tools
# (ensure_rust_tools, and ensure_wasm_opt for --release).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

name=compact-tracker
site=target/site
pkg=$site/pkg
stage=target/site-stage
profile=dev
wasm_dir=target/wasm32-unknown-unknown/debug
if [ "${1:-}" = --release ]; then
  profile=wasm-release
  wasm_dir=target/wasm32-unknown-unknown/wasm-release
fi

say "Building the wasm of app ($profile)"
cargo build -p app --lib --target wasm32-unknown-unknown --profile "$profile" \
  --no-default-features --features hydrate

rm -rf "$stage"
mkdir -p "$stage" "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name "$name" \
  "$wasm_dir/app.wasm"
mv "$stage/${name}_bg.wasm" "$stage/$name.wasm"
if [ "$profile" = wasm-release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$stage/$name.wasm" -o "$stage/$name.wasm"
fi
cp style/main.css "$stage/$name.css"

hash=$(cat "$stage/$name.js" "$stage/$name.wasm" "$stage/$name.css" | sha256sum | cut -c1-16)
rm -f "$pkg/$name".*
for ext in js wasm css; do
  mv "$stage/$name.$ext" "$pkg/$name.$hash.$ext"
done
rm -rf "$stage"
printf '%s\n' "$name.$hash" >"$site/output-name"
say "Site built: $pkg/$name.$hash.{js,wasm,css}"
