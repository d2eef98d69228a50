#!/usr/bin/env bash
# Do other tools read what hantm exports? Exports the aligned seed article and
# 100,000 pairs of bulk.tsv, validates both against the TMX 1.4b DTD with
# xmllint, and reads them with translate-toolkit's TMX reader.
#
#   bash Benchmarks/tmx-interop.sh [BULK_TSV]    (default: ../shared/data/bulk/bulk.tsv)
#
# Needs xmllint (Debian: libxml2-utils) and translate-toolkit (pip install translate-toolkit).
set -euo pipefail
cd "$(dirname "$0")/.."
bulk=${1:-../shared/data/bulk/bulk.tsv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product hantm >/dev/null
hantm=.build/release/hantm
dtd=Tests/HanTMTests/Fixtures/tmx-samples/dtd/tmx14.dtd

"$hantm" align Tests/HanTMTests/Fixtures/seed/article.ko.txt Tests/HanTMTests/Fixtures/seed/article.en.txt \
  --into "$work/seed.hantm" >/dev/null
head -n 100000 "$bulk" > "$work/bulk.tsv"
"$hantm" import "$work/bulk.tsv" --db "$work/bulk.hantm"

for name in seed bulk; do
  start=$(date +%s.%N)
  "$hantm" export --tmx "$work/$name.tmx" --db "$work/$name.hantm"
  echo "$name: export $(echo "$(date +%s.%N) - $start" | bc) s"
  xmllint --noout --nonet --dtdvalid "$dtd" "$work/$name.tmx" && echo "$name: valid against tmx14.dtd"
  python3 - "$work/$name.tmx" <<'PY'
import sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
units = [unit for unit in store.units if unit.source and unit.target]
print(f"{sys.argv[1].rsplit('/', 1)[1]}: translate-toolkit read {len(units)} units; first: {units[0].source!r} -> {units[0].target!r}")
PY
done
