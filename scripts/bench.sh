#!/usr/bin/env bash
# Release benchmarks, run outside CI. Each prints its figures and, beside
# them, a reference measured in the same run.
#
#   scripts/bench.sh dashboard   dashboard p50/p99 over 500 requests at 200,000
#                                transactions (SQLite), beside one plain SUM ... GROUP BY
#   scripts/bench.sh http        wrk, 64 connections, 30 s, on the dashboard and the
#                                funding page of the release binary while a writer adds
#                                a transaction every 100 ms; beside wrk on /healthz
#   scripts/bench.sh postgres    the dashboard at 10,000,000 transactions on PostgreSQL
#                                (BENCH_TRANSACTIONS to change it)
#   scripts/bench.sh import      IATI import of a 100 MB file: transactions/s, peak RSS,
#                                and the dashboard's answers while it runs
#   scripts/bench.sh export      the IATI export and API paging of 100,000 activities,
#                                on SQLite and PostgreSQL (the CI test runs 33,000)
#   scripts/bench.sh soak        32 clients reading and writing for SOAK_SECONDS (600)
#                                against the release binary, on SQLite then PostgreSQL:
#                                requests, errors, p50/p99, the server's memory
#   scripts/bench.sh transfer    the 200,000-transaction country moved SQLite ->
#                                PostgreSQL -> SQLite with `transfer`; the two SQLite
#                                files compared row for row
#   scripts/bench.sh all         all seven, in that order
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

dashboard() {
  say "Dashboard at 200,000 transactions (SQLite)"
  cargo bench -p tests --bench dashboard
}

import() {
  say "IATI import (SQLite)"
  cargo bench -p tests --bench iati_import
}

postgres() {
  say "Dashboard at ${BENCH_TRANSACTIONS:-10000000} transactions (PostgreSQL)"
  local name="bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $name"
  trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"' RETURN
  BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$name" \
    BENCH_TRANSACTIONS="${BENCH_TRANSACTIONS:-10000000}" \
    cargo bench -p tests --bench dashboard
}

export_many() {
  say "IATI export of 100,000 activities (SQLite and PostgreSQL)"
  EXPORT_ACTIVITIES=100000 cargo test -p tests --test integration -- \
    --nocapture a_country_with_more_activities_than_a_query_may_name_exports_and_pages
}

http() {
  command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; return 1; }
  say "HTTP load on the release binary (SQLite, 200,000 transactions)"
  local dir addr=127.0.0.1:3917
  dir=$(mktemp -d)
  BENCH_KEEP="$dir/bench.db" BENCH_REQUESTS=0 cargo bench -p tests --bench dashboard
  cargo build --release -p server
  cargo bench -p tests --bench writer --no-run
  target/release/compact-tracker --database-url "sqlite://$dir/bench.db" serve --addr "$addr" \
    >"$dir/server.log" 2>&1 &
  local server=$!
  trap 'kill $server 2>/dev/null; rm -rf "$dir"' RETURN
  for _ in $(seq 100); do curl -sf "http://$addr/healthz" >/dev/null && break; sleep 0.2; done
  echo "reference: wrk on /healthz (one trivial query), 64 connections, 10 s"
  wrk -t2 -c64 -d10s --latency "http://$addr/healthz" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket errors"
  BENCH_DATABASE_URL="sqlite://$dir/bench.db" BENCH_WRITE_SECONDS=32 \
    cargo bench -p tests --bench writer &
  local writer=$!
  sleep 1
  echo "dashboard and funding page, 64 connections, 30 s, with the writer"
  wrk -t2 -c64 -d30s --latency -s scripts/bench-pages.lua "http://$addr"
  wait "$writer"
}

# A database for one run: a SQLite file in $dir, or a PostgreSQL database
# (dropped by drop_database).
database_url() {
  if [ "$1" = sqlite ]; then
    echo "sqlite://$2/$3.db?mode=rwc"
  else
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $3" >&2
    echo "postgres://postgres@127.0.0.1:5432/$3"
  fi
}

drop_database() {
  [ "$1" = sqlite ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $2 WITH (FORCE)"
}

soak() {
  cargo build --release -p server
  cargo bench -p tests --bench soak --no-run
  local dir addr=127.0.0.1:3918 backend url server
  dir=$(mktemp -d)
  for backend in sqlite postgres; do
    say "Soak on $backend: 32 clients, ${SOAK_SECONDS:-600} s, release binary with the demo data"
    url=$(database_url "$backend" "$dir" "soak_$$")
    target/release/compact-tracker --database-url "$url" serve --demo --addr "$addr" \
      >"$dir/server-$backend.log" 2>&1 &
    server=$!
    for _ in $(seq 300); do curl -sf "http://$addr/readyz" >/dev/null && break; sleep 0.2; done
    BENCH_ADDR=$addr BENCH_SERVER_PID=$server BENCH_DATABASE_URL="$url" \
      cargo bench -p tests --bench soak
    kill "$server"
    wait "$server" || true
    drop_database "$backend" "soak_$$"
  done
  rm -rf "$dir"
}

# Every table of a SQLite file, its rows sorted, hashed.
sqlite_digest() {
  python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
    "AND name <> 'seaql_migrations' ORDER BY name")]
digest = hashlib.sha256()
rows = 0
for t in tables:
    for row in sorted(repr(r) for r in db.execute(f'SELECT * FROM "{t}"')):
        digest.update(f"{t}:{row}\n".encode())
        rows += 1
print(f"{rows} rows in {len(tables)} tables, sha256 {digest.hexdigest()}")
PY
}

transfer() {
  say "Transfer of the 200,000-transaction country: SQLite -> PostgreSQL -> SQLite"
  local dir name="transfer_$$" url
  dir=$(mktemp -d)
  BENCH_KEEP="$dir/there.db" BENCH_REQUESTS=0 cargo bench -p tests --bench dashboard >/dev/null
  cargo build --release -p server
  url=$(database_url postgres "$dir" "$name")
  /usr/bin/time -f "to PostgreSQL: %e s, peak RSS %M kB" target/release/compact-tracker transfer \
    --from "sqlite://$dir/there.db?mode=rw" --to "$url" | tail -1
  /usr/bin/time -f "back to SQLite: %e s, peak RSS %M kB" target/release/compact-tracker transfer \
    --from "$url" --to "sqlite://$dir/back.db?mode=rwc" | tail -1
  echo "original: $(sqlite_digest "$dir/there.db")"
  echo "returned: $(sqlite_digest "$dir/back.db")"
  drop_database postgres "$name"
  rm -rf "$dir"
}

case "${1:-all}" in
  dashboard) dashboard ;;
  http) http ;;
  postgres) postgres ;;
  import) import ;;
  export) export_many ;;
  soak) soak ;;
  transfer) transfer ;;
  all) dashboard; http; postgres; import; export_many; soak; transfer ;;
  *) echo "usage: scripts/bench.sh [dashboard|http|postgres|import|export|soak|transfer|all]" >&2; exit 2 ;;
esac
