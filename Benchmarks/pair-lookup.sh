#!/usr/bin/env bash
# A/B of two hantm binaries' lookup CPU on a noisy shared host: both run
# `hantm bench lookup` at once, one per core, then swapped (a core can be slower
# than the other for minutes), for ROUNDS rounds:
#   setsid Benchmarks/quiet.sh Benchmarks/pair-lookup.sh A B DB PAIRS [ROUNDS]
# DB is a memory built by `hantm bench lookup PAIRS --db DB`. Prints each run's
# mean and p50 CPU ms a lookup, then each binary's mean over all its runs. Runs
# in turn on this host differ by up to a quarter; runs at once by a few percent.
set -euo pipefail
a=$1 b=$2 db=$3 pairs=$4 rounds=${5:-4}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # core binary
  taskset -c "$1" "$2" bench lookup "$pairs" --db "$db" --queries "${QUERIES:-2000}" --recall-queries 0 2>&1 |
    sed -n 's/.*1 thread.*CPU time [0-9]* queries: mean \([0-9.]*\) ms, p50 \([0-9.]*\) ms.*/\1 \2/p'
}
for _ in $(seq "$rounds"); do
  for cores in "0 1" "1 0"; do
    set -- $cores
    run "$1" "$a" > "$out/a" & run "$2" "$b" > "$out/b" & wait
    echo "A $(cat "$out/a")   B $(cat "$out/b")" | tee -a "$out/all"
  done
done
awk '{a += $2; b += $5; n++} END {printf "mean CPU ms a lookup: A %.3f, B %.3f (B/A %.3f)\n", a/n, b/n, b/a}' "$out/all"
