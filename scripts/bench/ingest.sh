#!/usr/bin/env bash
# Whole-process ingest benchmark: generates DOCS articles (20,000 by default; JSONL, with URLs and
# outlets), ingests them into a fresh store with vigie ingest, and prints articles per second, peak
# memory and the store's size; then runs the ingest again to time the idempotent pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=${DOCS:-20000}
THREADS=${THREADS:-2}
corpus=target/bench/ingest-${DOCS}.jsonl
db=target/bench/ingest-${DOCS}.db
mkdir -p target/bench
[ -f "$corpus" ] || python3 scripts/bench/make_corpus.py "$corpus" --docs "$DOCS" --urls
cargo build --release -q -p vigie-cli
rm -f "$db" "$db-wal" "$db-shm"
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
read -r s1 k1 < <(measure target/release/vigie ingest --quiet --threads "$THREADS" --db "$db" "$corpus")
read -r s2 k2 < <(measure target/release/vigie ingest --quiet --threads "$THREADS" --db "$db" "$corpus")
events=$(target/release/vigie export --db "$db" --format csv | tail -n +2 | wc -l)
size=$(du -m "$db" | cut -f1)
python3 - "$DOCS" "$s1" "$k1" "$s2" "$k2" "$events" "$size" "$THREADS" <<'PY'
import sys
docs, s1, k1, s2, k2, events, size, threads = sys.argv[1:]
docs = int(docs)
print(f"ingest of {docs} articles ({threads} threads): {float(s1):.1f} s = {docs / float(s1):.0f} articles/s, peak {int(k1) / 1024:.0f} MiB, {events} events stored, store {size} MB")
print(f"second ingest of the same articles (all already stored): {float(s2):.1f} s, peak {int(k2) / 1024:.0f} MiB")
PY
