#!/usr/bin/env bash
# North/South Korean spelling twins (../shared/data/nksk-dev, no licence: read there,
# never copied): each North Korean sentence looked up in a memory of the South Korean
# ones must find its twin first, 97% of them at 95 or more with their reasons, and no
# other sentence at 95 or more.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/nksk-dev
[[ -f $data/sk.tsv && -f $data/nk.txt ]] || { echo "north-south: $data/sk.tsv or nk.txt is missing" >&2; exit 1; }
out=$(.build/debug/hantm bench spelling "$data")
echo "$out"
echo "$out" | awk '
  /^twin first:/ {
    split($0, parts, ";")
    if (match(parts[1], /[0-9]+ of [0-9]+/)) { split(substr(parts[1], RSTART, RLENGTH), a, " of "); first = a[1]; total = a[2] }
    if (match(parts[2], /[0-9]+ of [0-9]+/)) { split(substr(parts[2], RSTART, RLENGTH), b, " of "); classed = b[1] }
  }
  /^matches of other sentences at 95 or more:/ { others = $NF }
  END {
    if (total == 0) { print "north-south: no result line" > "/dev/stderr"; exit 1 }
    if (first != total) { print "north-south: the twin came first for " first " of " total > "/dev/stderr"; exit 1 }
    if (classed * 100 < 97 * total) { print "north-south: only " classed " of " total " twins at 95 or more with reasons" > "/dev/stderr"; exit 1 }
    if (others != 0) { print "north-south: " others " matches of other sentences at 95 or more" > "/dev/stderr"; exit 1 }
  }'
