#!/usr/bin/env bash
# Builds the release server and wasm, then prints and records the sizes of the
# wasm, JS and CSS it produced (target/site/pkg/SIZES.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
ensure_rust_tools
ensure_wasm_opt

say "Building the release (server and wasm)"
scripts/site.sh --release

pkg=target/site/pkg
{
  printf '%-28s %12s %12s\n' file bytes gzip-bytes
  for f in "$pkg"/compact-tracker.wasm "$pkg"/compact-tracker.js "$pkg"/compact-tracker.css; do
    printf '%-28s %12d %12d\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
} | tee "$pkg/SIZES.txt"
echo "Release binary: target/release/compact-tracker (site folder: target/site)"
