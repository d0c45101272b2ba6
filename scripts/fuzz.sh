#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (cargo-fuzz, libFuzzer) one at a time on the
# stable toolchain, without sanitizers, and prints what each did.
#
#   scripts/fuzz.sh                   every target for 1,000,000 runs
#   scripts/fuzz.sh smoke             every target for 20 seconds, in a debug
#                                     build (quick to build; CI runs this)
#   scripts/fuzz.sh [smoke] TARGET... only those targets
#
# FUZZ_RUNS and FUZZ_SECONDS change the two budgets. Inputs found along the
# way go to fuzz/corpus/TARGET (kept out of git but for the seed-* files); a
# crashing input goes to fuzz/artifacts/TARGET/ and the script exits non-zero
# once every target has run. Logs: fuzz/target/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh

CARGO_FUZZ_VERSION=0.13.2
ALL_TARGETS=(iati_parse iati_map transaction_csv amounts_and_dates)

ensure_cargo_fuzz() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "Installing cargo-fuzz $CARGO_FUZZ_VERSION (about 3 minutes, once)"
    cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION" ||
      cargo install "cargo-fuzz@$CARGO_FUZZ_VERSION"
  fi
}

mode=full
build=()
if [ "${1:-}" = smoke ]; then
  mode=smoke
  build=(--dev)
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
runs=${FUZZ_RUNS:-1000000}
seconds=${FUZZ_SECONDS:-20}

ensure_cargo_fuzz
cd fuzz
if [ "$mode" = smoke ]; then
  say "Building the fuzz targets (debug)"
else
  say "Building the fuzz targets (release, debug assertions on; the first build takes several minutes)"
fi
cargo fuzz build "${build[@]}" --sanitizer none

mkdir -p target/logs
summary=()
failed=0
for t in "${targets[@]}"; do
  if [ "$mode" = smoke ]; then
    budget=(-max_total_time="$seconds")
    say "$t: $seconds seconds"
  else
    budget=(-runs="$runs")
    say "$t: $runs runs"
  fi
  mkdir -p "corpus/$t"
  log="target/logs/$t.log"
  start=$(date +%s%N)
  status=0
  cargo fuzz run "${build[@]}" --sanitizer none "$t" -- \
    "${budget[@]}" -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  wall=$(printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)))
  execs=$(awk -F: '/stat::number_of_executed_units/ { gsub(/ /, "", $NF); print $NF }' "$log" | tail -1)
  rate=$(awk -F: '/stat::average_exec_per_sec/ { gsub(/ /, "", $NF); print $NF }' "$log" | tail -1)
  if [ "$status" -eq 0 ]; then
    result="no crash"
  else
    failed=1
    result="FAILED (exit $status): see $log and fuzz/artifacts/$t/"
    grep -E "^(==[0-9]+== ?ERROR|thread '.*' panicked|SUMMARY|Test unit written)" "$log" | head -5 || true
    tail -n 20 "$log"
  fi
  summary+=("$(printf '%-18s %12s %10s %10s  %s' "$t" "${execs:-?}" "$wall" "${rate:-?}" "$result")")
  echo "${summary[-1]}"
done

say "Summary ($mode)"
printf '%-18s %12s %10s %10s  %s\n' target executions wall-s exec/s result
printf '%s\n' "${summary[@]}"
exit "$failed"
