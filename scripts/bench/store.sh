#!/usr/bin/env bash
# Event store benchmark: fills a fresh SQLite store with EVENTS generated events (1,000,000 by default,
# 200 pairs of actors over ten years) through put_document, then times the relations query of the
# busiest pair (by day, week and month) and the dyads ranking, and prints the database size. BATCH
# documents are committed per transaction (1 by default: every document is its own transaction).
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-1000000}
BATCH=${BATCH:-1}
db=${DB:-target/bench/store-${EVENTS}-${BATCH}.db}
mkdir -p target/bench
if [ -z "${REUSE:-}" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
fi
cargo build --release -q -p vigie-store --example relations_bench
bench=target/release/examples/relations_bench
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "whole run: %e s, peak memory %M KiB" "$bench" "$db" "$EVENTS" "$BATCH"
else
  "$bench" "$db" "$EVENTS" "$BATCH"
fi
