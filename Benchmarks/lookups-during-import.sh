#!/usr/bin/env bash
# Times single `hantm lookup` runs (start-up and index load included) against a
# memory while nothing writes to it, then while an import into it runs, which
# holds the write lock for its whole transaction. Lookups open the memory
# read-only and should take as long during the import as without it.
#   Benchmarks/lookups-during-import.sh HANTM MEMORY IMPORT_FILE [LOOKUPS]
# MEMORY must hold units already; IMPORT_FILE is added to it (use a copy), and
# must take longer to import than the lookups take (a TMX of a million units
# written by `hantm bench tmx`).
set -euo pipefail
hantm=$1 memory=$2 file=$3 count=${4:-5}
query="파일을 열수 없습니다."

lookups() {
    for _ in $(seq "$count"); do
        /usr/bin/time -f "%e" "$hantm" lookup "$query" --db "$memory" --limit 1 2>&1 >/dev/null | tail -1
    done | tr '\n' ' '
    echo
}

echo "lookups without an import (s): $(lookups)"
start=$(date +%s.%N)
"$hantm" import "$file" --db "$memory" 2>/dev/null &
import=$!
# Until the import holds the write lock (a write that may not wait fails).
until ! python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1], timeout=0).execute('BEGIN IMMEDIATE')" "$memory" 2>/dev/null; do
    kill -0 "$import" || { echo "the import ended before it was seen holding the lock" >&2; exit 1; }
    sleep 0.05
done
echo "lookups during the import (s): $(lookups)"
kill -0 "$import" 2>/dev/null && running=yes || running=no
wait "$import"
echo "import still running after the lookups: $running; import took $(echo "$(date +%s.%N) - $start" | bc) s"
