#!/usr/bin/env bash
# A/B of two hantm binaries as servers on a noisy shared host: both serve their own
# copy of DB at once, each under its own wrk (GET /v1/suggest, as run.sh sends),
# for SECONDS, then again with the ports swapped; prints each server's suggestions/s
# and CPU ms a suggestion:
#   setsid Benchmarks/quiet.sh Benchmarks/serve-load/pair.sh A B DB PAIRS [SECONDS] [CONNECTIONS]
# Runs in turn on this host differ by up to a quarter; servers run at once see the
# same host, and differ by a few percent when they are the same binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
a=$1 b=$2 db=$3 pairs=$4 seconds=${5:-20} connections=${6:-4}
work=$(mktemp -d)
servers=()
trap 'kill -TERM "${servers[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
python3 Benchmarks/serve-load/make-load.py "$pairs" queries "$work/paths.txt"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
suggest_count() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '/^hantm_request_duration_seconds_count\{method="GET",route="\/v1\/suggest"\}/ {print $2}'
}
round() { # label-on-18191 binary-on-18191 label-on-18192 binary-on-18192
  local labels=("$1" "$3") binaries=("$2" "$4") ports=(18191 18192) wrks=() before=()
  servers=()
  for i in 0 1; do
    cp "$db" "$work/${ports[$i]}.hantm"
    "${binaries[$i]}" serve --db "$work/${ports[$i]}.hantm" --port "${ports[$i]}" 2> "$work/${ports[$i]}.log" &
    servers+=($!)
  done
  for i in 0 1; do
    until curl -sf "http://127.0.0.1:${ports[$i]}/healthz" > /dev/null; do sleep 0.1; done
    curl -sf -o /dev/null "http://127.0.0.1:${ports[$i]}/v1/suggest?q=%EC%A4%80%EB%B9%84"
  done
  for i in 0 1; do before+=($(cpu_ticks "${servers[$i]}")); done
  for i in 0 1; do
    PATHS="$work/paths.txt" wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s \
      -s Benchmarks/serve-load/suggest.lua "http://127.0.0.1:${ports[$i]}" > "$work/wrk-$i.txt" &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  for i in 0 1; do
    local ticks=$(( $(cpu_ticks "${servers[$i]}") - ${before[$i]} ))
    echo "${labels[$i]}: $(grep -o 'suggestions/s [0-9.]*' "$work/wrk-$i.txt"), CPU ms a suggestion" \
      "$(echo "scale=3; 1000 * $ticks / $(getconf CLK_TCK) / ($(suggest_count "${ports[$i]}") - 1)" | bc)"
  done
  kill -TERM "${servers[@]}"; wait "${servers[@]}" 2>/dev/null || true
  rm -f "$work"/1819?.hantm*
}
round A "$a" B "$b"
round B "$b" A "$a"
