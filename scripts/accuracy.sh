#!/usr/bin/env bash
# Regenerates ACCURACY.md: precision, recall and F1 per language and event type on the development gold
# files (in ../shared/gold, or $VIGIE_SHARED/gold).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${VIGIE_SHARED:-../shared}
cargo build --release -q -p vigie-cli
vigie=target/release/vigie
{
  echo "# Accuracy"
  echo
  echo "Measured by \`scripts/accuracy.sh\` with \`vigie eval\` (the scoring rules of the reference scorer: an"
  echo "event matches when its type agrees and each non-empty gold side shares a code with the coded side) on"
  echo "the development gold files. Held-out files of the same kinds are scored separately."
  echo
  for f in plover-gsr-dev.en plover-gsr-dev.fr original-dev seed; do
    gold="$shared/gold/$f.jsonl"
    [ -f "$gold" ] || continue
    echo "## $f"
    echo
    echo '```'
    "$vigie" eval --quiet --by-type --threads 2 "$gold"
    echo '```'
    echo
  done
} > ACCURACY.md
echo "wrote ACCURACY.md"
