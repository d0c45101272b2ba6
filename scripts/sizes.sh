#!/usr/bin/env bash
# Prints the sizes of the site's wasm, JS and CSS (bytes, and gzip -9 bytes)
# and records them in target/site/pkg/SIZES.txt. With `--budget KB`, fails
# when the wasm and the JS together exceed KB kilobytes gzip-compressed.
set -euo pipefail
cd "$(dirname "$0")/.."

site=target/site
budget=""
if [ "${1:-}" = --budget ]; then
  budget=${2:?--budget needs a number of kilobytes}
fi
name=$(cat "$site/output-name")
gz() { gzip -9c "$1" | wc -c; }
{
  printf '%-40s %10s %10s\n' file bytes gzip-bytes
  for ext in wasm js css; do
    f=$site/pkg/$name.$ext
    printf '%-40s %10d %10d\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gz "$f")"
  done
} | tee "$site/pkg/SIZES.txt"

if [ -n "$budget" ]; then
  total=$(( $(gz "$site/pkg/$name.wasm") + $(gz "$site/pkg/$name.js") ))
  limit=$(( budget * 1024 ))
  echo "wasm + JS, gzip: $(( total / 1024 )) KB ($total bytes); budget $budget KB ($limit bytes)"
  if [ "$total" -gt "$limit" ]; then
    echo "The wasm and JS exceed the size budget." >&2
    exit 1
  fi
fi
