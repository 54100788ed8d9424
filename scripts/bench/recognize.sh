#!/usr/bin/env bash
# Whole-process benchmark of segmentation + recognition: MB/s on one core and peak memory, on a generated
# mixed French/English corpus (default 12 MB), plus the start-up time (loading the knowledge base).
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${MB:-12}
corpus=${CORPUS:-target/bench/corpus-${MB}mb.jsonl}
mkdir -p target/bench
[ -f "$corpus" ] || python3 scripts/bench/make_corpus.py "$corpus" --mb "$MB"
cargo build --release -q -p vigie-cli
bin=target/release/vigie
text_bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$corpus")

measure() { # prints "seconds peak_kib" for the command
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
}
if [ ! -x /usr/bin/time ]; then
  echo "install GNU time (apt-get install time) for peak memory" >&2
  exit 1
fi

read -r startup_s startup_kib < <(measure "$bin" analyze --lang fr --json /dev/null)
read -r secs kib < <(measure taskset -c 0 "$bin" analyze --input jsonl --json "$corpus")
python3 - "$text_bytes" "$secs" "$kib" "$startup_s" "$startup_kib" <<'PY'
import sys
b, s, k, ss, sk = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"corpus: {b / 1e6:.1f} MB of text")
print(f"analyze (1 core): {s:.2f} s, {b / 1e6 / s:.1f} MB/s, peak {k / 1024:.0f} MiB")
print(f"start-up (empty input, knowledge base loaded): {ss * 1000:.0f} ms, peak {sk / 1024:.0f} MiB")
PY
