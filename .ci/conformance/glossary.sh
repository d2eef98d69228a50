#!/usr/bin/env bash
# Glossary conformance: every file in ../shared/data/glossary-samples (real
# termbases from OmegaT, Okapi, Lokalize, Weblate, LTAC, IATE, UTX; their
# licences keep them out of the repository) is imported, or refused with one
# line naming the file, the line and the reason, as expected below. Each one
# imported is exported as TBX v3 TBX-Basic, which must validate against the
# dialect's RELAX NG (TBXcoreStructV03.rng) and Schematron (TBX-Basic_DCA.sch,
# run by schematron.py) and read back to the same concepts (the same TBX out);
# its TSV and CSV exports must read back to the same pairs.
set -euo pipefail
cd "$(dirname "$0")/../.."
samples=../shared/data/glossary-samples
schemas=$samples/schemas
hantm=.build/debug/hantm
[[ -x $hantm ]] || swift build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# file → "concepts terms" when imported, "refused LINE" when refused on purpose.
declare -A expected=(
  [csv/gnome-GnomeGlossary.csv]="refused 109"
  [csv/okapi-test01.csv]="3 6"
  [csv/okapi-test2cols.csv]="refused 1"
  [csv/omegat-test.csv]="7 14"
  [csv/weblate-terms-header.csv]="163 326"
  [tab/okapi-test01.tsv]="refused 8"
  [tab/okapi-test02_utf16be.tsv]="2 4"
  [tab/omegat-project-glossary.txt]="2 4"
  [tab/omegat-project_CN_JP-glossary.txt]="refused 2"
  [tab/omegat-test.tab]="4 8"
  [tab/omegat-testUTF16LE.txt]="2 4"
  [tab/utx-Sample.utx]="423 940"
  [tbx-min-2013/utx-Sample-TBX-Min.tbx]="3 7"
  [tbx-v2/lokalize-terms.tbx]="1 4"
  [tbx-v2/okapi-ibm_tbx.tbx]="5 11"
  [tbx-v2/okapi-maryland.tbx]="1 13"
  [tbx-v2/okapi-medtronic_TBX.tbx]="3 62"
  [tbx-v2/okapi-oracle_TBX.tbx]="2 6"
  [tbx-v2/okapi-test01.tbx]="1 2"
  [tbx-v2/okapi-test02_win1254.tbx]="1 2"
  [tbx-v2/omegat-sampleTBXfile.tbx]="1 2"
  [tbx-v2/tbx-basic-2008-badelement.tbx]="refused 39"
  [tbx-v2/tbx-basic-2008-badelementorder.tbx]="refused 77"
  [tbx-v2/tbx-basic-2008-notwellformed.tbx]="refused 44"
  [tbx-v2/tbx-basic-2008-sample.tbx]="5 13"
  [tbx-v2/weblate-fr-extended-metadata.tbx]="2 4"
  [tbx-v3/ltac-Example_Astronomy_DCA_VALID.tbx]="45 113"
  [tbx-v3/ltac-Example_Astronomy_DCT_VALID.tbx]="45 113"
  [tbx-v3/ltac-test-basic_bad.tbx]="refused 69"
  [tbx-v3/ltac-test-basic_good.tbx]="45 113"
  [tbx-v3/ltac-test-core_structure_bad.tbx]="refused 17"
  [tbx-v3/ltac-test-min_good.tbx]="45 113"
  [tbx-v3/ltac-test-poorly_formed_xml.tbx]="refused 41"
  [tbx-v3/py-DualConcept_MultiTerm_Sample.tbx]="2 12"
  [tbx-v3/py-IATE_export.tbx]="6 19"
  [tbx-v3/py-James_Termbase_Cleaned_DCA.tbx]="4 11"
  [tbx-v3/py-James_Termbase_Cleaned_DCT.tbx]="4 11"
  [tbx-v3/tbx-basic-2018-sample.tbx]="5 13"
)

failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

seen=0
while IFS= read -r path; do
  file=${path#"$samples"/}
  seen=$((seen + 1))
  want=${expected[$file]:-}
  [[ -n $want ]] || { fail "$file: a sample with no expected result here"; continue; }
  if "$hantm" glossary export --glossary "$path" -o "$work/a.tbx" 2>"$work/err"; then
    got=$(sed -En 's/.*: ([0-9]+) concepts, ([0-9]+) terms written.*/\1 \2/p' "$work/err")
    [[ $got == "$want" ]] || { fail "$file: imported as '$got', expected '$want'"; continue; }
    xmllint --noout --relaxng "$schemas/TBXcoreStructV03.rng" "$work/a.tbx" 2>"$work/rng" || { fail "$file: export fails the RNG: $(tail -2 "$work/rng")"; continue; }
    python3 .ci/conformance/schematron.py "$schemas/TBX-Basic_DCA.sch" "$work/a.tbx" >"$work/sch" || { fail "$file: export fails the Schematron: $(head -2 "$work/sch")"; continue; }
    "$hantm" glossary export --glossary "$work/a.tbx" -o "$work/b.tbx" 2>/dev/null
    cmp -s "$work/a.tbx" "$work/b.tbx" || { fail "$file: the TBX export does not read back to the same concepts"; continue; }
    for format in tsv csv; do
      "$hantm" glossary export --glossary "$path" --format $format -o "$work/a.$format" 2>/dev/null
      (( $(wc -l <"$work/a.$format") > 1 )) || continue  # no ko-en pairs to round-trip
      "$hantm" glossary export --glossary "$work/a.$format" --format $format -o "$work/b.$format" 2>/dev/null
      cmp -s "$work/a.$format" "$work/b.$format" || fail "$file: the ${format^^} export does not read back to the same pairs"
    done
    echo "ok   $file: $got"
  else
    message=$(cat "$work/err")
    lines=$(wc -l <"$work/err")
    [[ $want == refused* ]] || { fail "$file: refused, expected '$want': $message"; continue; }
    [[ $lines -eq 1 && $message == *"$file:${want#refused }: line ${want#refused } "* ]] \
      || { fail "$file: not refused in one line naming line ${want#refused }: $message"; continue; }
    echo "ok   $file: $message"
  fi
done < <(find "$samples" -type f ! -path "$schemas/*" ! -name SOURCES.md | sort)

(( seen == ${#expected[@]} )) || fail "expected ${#expected[@]} samples, found $seen"
if (( failures )); then echo "glossary conformance: $failures failures"; exit 1; fi
echo "glossary conformance: $seen samples as expected"
