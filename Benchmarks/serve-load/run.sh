#!/usr/bin/env bash
# Load test of `hantm serve` on loopback with wrk (Debian's package):
#   Benchmarks/serve-load/run.sh DB PAIRS [--connections N] [--duration S] [--import UNITS] [--batch SIZE] [--mixed]
# serves DB (built with `hantm bench lookup PAIRS --db DB --units 1000000`) from the
# release build, sends GET /v1/suggest with near-duplicates of PAIRS' sources for S
# seconds (60) on N connections (8), and with --import starts a TMX import of UNITS new
# units 5 s in. With --batch, each request is a POST /v1/suggest of SIZE such queries
# (as a pre-translation client asks). With --mixed, every other GET is an English
# target's near-duplicate, looked up into Korean. Prints wrk's summary, the server's latency
# histogram, the import's report and the server's CPU time per suggestion (the import's
# included when there is one).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1 pairs=$2; shift 2
connections=8 duration=60 import=0 batch=0 queries=queries port=18080
while (($#)); do
  case $1 in
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --import) import=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --mixed) queries=mixed; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
if ((batch)); then
  python3 Benchmarks/serve-load/make-load.py "$pairs" batches "$work/bodies.txt" 1000 "$batch"
else
  python3 Benchmarks/serve-load/make-load.py "$pairs" $queries "$work/paths.txt"
fi
((import)) && python3 Benchmarks/serve-load/make-load.py "$pairs" tmx "$work/import.tmx" "$import"
start=$(date +%s.%N)
.build/release/hantm serve --db "$db" --port $port 2> "$work/serve.log" &
server=$!
until curl -sf "http://127.0.0.1:$port/v1/suggest?q=%ED%8C%8C%EC%9D%BC" >/dev/null; do sleep 0.02; done
# The server maps the candidate index (and reads its pages in) before it listens.
echo "first suggestion after $(echo "$(date +%s.%N) - $start" | bc) s"
if ((import)); then
  (sleep 5; start=$(date +%s.%N)
   curl -sf -X POST --data-binary "@$work/import.tmx" -H 'Content-Type: application/x-tmx+xml' \
     "http://127.0.0.1:$port/v1/import?document=load-test" > "$work/import.json"
   echo "import: $(cat "$work/import.json") in $(echo "$(date +%s.%N) - $start" | bc) s" > "$work/import.txt") &
  importer=$!
fi
# The server's CPU time (user + system ticks) around the load: on a shared host it tells
# a slower machine from a slower server.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks_before=$(cpu_ticks)
if ((batch)); then
  BODIES="$work/bodies.txt" BATCH=$batch wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency \
    -s Benchmarks/serve-load/suggest-batch.lua "http://127.0.0.1:$port"
else
  PATHS="$work/paths.txt" wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency \
    -s Benchmarks/serve-load/suggest.lua "http://127.0.0.1:$port"
fi
ticks=$(( $(cpu_ticks) - ticks_before ))
if ((import)); then wait $importer; cat "$work/import.txt"; fi
suggestions=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^hantm_suggestions_total/ {print $2}')
echo "server CPU: $(echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc) s, $(echo "scale=3; 1000 * $ticks / $(getconf CLK_TCK) / ($suggestions - 1)" | bc) ms a suggestion"
curl -sf "http://127.0.0.1:$port/metrics" | grep -E 'route="/v1/(suggest|import)"|memory_units'
