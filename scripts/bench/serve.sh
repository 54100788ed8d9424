#!/usr/bin/env bash
# Load benchmark of `vigie serve`: fills a store with EVENTS generated events (1,000,000 by default, with
# the store's own generator, crates/vigie-store/examples/relations_bench.rs), starts the server on
# loopback, and measures with wrk, CLIENTS concurrent connections (50) for DURATION seconds (20) each:
#   - the France-Mali pair page (the busiest pair: ~14,000 real-world events over ten years);
#   - the pair pages of the ten most active pairs, by month and by week, filtered by type, and older
#     pages of one quad class (40 pages in rotation);
#   - the events API: newest and oldest pages; actor, recipient, pair, type, quad-class, modality,
#     date-range and full-text filters; pages further on by cursor; single events (paths written
#     below).
# Each is run with the response cache (the default, 5 s) and without it (--cache-seconds 0). wrk prints
# the p50/p75/p90/p99 latencies. Needs wrk and curl (apt-get install -y wrk curl) and python3.
# An existing DB is reused; DB=path picks another file.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-1000000}
CLIENTS=${CLIENTS:-50}
DURATION=${DURATION:-20}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
db=${DB:-target/bench/serve-${EVENTS}.db}
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "serve.sh: $tool is not installed" >&2; exit 1; }
done
cargo build --release -q -p vigie-cli
if [ ! -f "$db" ]; then
  cargo build --release -q -p vigie-store --example relations_bench
  mkdir -p "$(dirname "$db")"
  # 100 documents per transaction: the fill takes about two minutes instead of ten.
  target/release/examples/relations_bench "$db" "$EVENTS" 100
fi
work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
base="http://127.0.0.1:$PORT"

start_server() {
  target/release/vigie serve --db "$db" --addr "127.0.0.1:$PORT" --cache-seconds "$1" 2>"$work/server.log" &
  server_pid=$!
  # Up to a minute: opening a store made by an older vigie migrates it first.
  for _ in $(seq 600); do
    curl -sf "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$work/server.log" >&2
  exit 1
}

# A wrk script that requests the paths of a file in turn.
rotation() {
  cat >"$work/$1.lua" <<EOF
local paths = {}
for line in io.lines("$work/$1.paths") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
EOF
  echo "$work/$1.lua"
}

load() {
  local label=$1 script=$2 path=$3
  echo "== $label"
  if [ -n "$script" ]; then
    wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --latency -s "$script" "$base$path"
  else
    wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --latency "$base$path"
  fi | grep -E "Latency  |Req/Sec|50%|75%|90%|99%|Requests/sec|Non-2xx|Socket errors"
}

start_server 5
echo "store: $db ($(du -h "$db" | cut -f1)), $CLIENTS connections, $THREADS wrk threads, ${DURATION}s per run, $(nproc) cores"
curl -s "$base/api/dyads?limit=10" | python3 -c '
import json, sys
for d in json.load(sys.stdin)["most_active"]:
    for by in ("month", "week"):
        print("/pair/%s/%s?by=%s" % (d["actor"], d["recipient"], by))
    for query in ("type=ASSAULT", "quad=1&before=2020-01-01"):
        print("/pair/%s/%s?%s" % (d["actor"], d["recipient"], query))
' >"$work/pairs.paths"
python3 - "$base" >"$work/events.paths" <<'EOF'
import json, sys, urllib.request
base = sys.argv[1]
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)
paths = []
for query in ["limit=50", "order=oldest&limit=50", "quad=4&limit=50", "quad=1&limit=50",
              "from=2020-01-01&to=2020-12-31&limit=50", "modality=asserted&limit=50",
              "from=2024-06-01&limit=100&order=oldest", "actor=FRA&limit=50",
              "recipient=MLI&order=oldest&limit=50", "actor=FRA&recipient=MLI&limit=50",
              "actor=USA&type=ASSAULT&limit=50", "type=CONSULT&from=2019-01-01&limit=50",
              "q=relations&limit=50", "q=FRA&actor=MLI&limit=50"]:
    path = f"/api/events?{query}"
    paths.append(path)
    page = get(path)
    for _ in range(3):
        if not page["next"]:
            break
        path = f"/api/events?{query}&after={page['next']}"
        paths.append(path)
        page = get(path)
    paths += [f"/api/events/{e['id']}" for e in page["items"][:3]]
print("\n".join(paths))
EOF
echo "$(wc -l <"$work/pairs.paths") pair pages and $(wc -l <"$work/events.paths") events API requests in rotation"
pairs=$(rotation pairs)
events=$(rotation events)
for run in cached uncached; do
  if [ "$run" = uncached ]; then
    stop_server
    start_server 0
  fi
  load "$run: pair page FRA-MLI" "" "/pair/FRA/MLI"
  load "$run: pair pages of the ten most active pairs (by month, by week, filtered, older)" "$pairs" "/"
  load "$run: events API" "$events" "/"
done
