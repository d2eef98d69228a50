#!/usr/bin/env bash
# Pre-translates every XLIFF sample in ../shared/data/xliff-samples (real files
# from Okapi, translate-toolkit, OmegaT, matecat, OpenXLIFF, the OASIS test
# suites and Firefox for iOS; several are GPL or unlicensed, so they are read
# from there, not copied) and checks that nothing of the sample is lost:
#   - a memory holds a Korean draft for every source segment of every sample
#     (and, to leave some fuzzy, a changed copy of some);
#   - each well-formed sample is pre-translated into Korean (--src en --tgt ko)
#     and its output: is well-formed; keeps every element, attribute, text and
#     comment of the sample (xliff_survives.py); validates against the OASIS
#     schema the sample validates against; is read back by hantm with the same
#     segments; is read by translate-toolkit (XLIFF 1.x); and pre-translating
#     it again changes nothing (hantm's candidates are replaced, not added);
#   - the sample that is not well-formed is refused with one line, nothing written.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
samples=$(cd ../shared/data/xliff-samples && pwd)
hantm=$repo/.build/debug/hantm
[[ -x $hantm ]] || swift build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XML_CATALOG_FILES=$samples/schemas/catalog.xml

failures=0
fail() { echo "xliff conformance: $*" >&2; failures=$((failures + 1)); }

# The memory: every source segment hantm finds in the samples (`pretranslate
# --format tsv` gives each in its first column) with a Korean draft; every
# third of four words or more stored with a word more, so that its draft is fuzzy.
printf '가\ta\n' > "$work/seed.tsv"
"$hantm" import --db "$work/empty.db" "$work/seed.tsv" >/dev/null
: > "$work/memory.tsv"
mapfile -t files < <(cd "$samples" && find xliff12 xliff2 -type f | LC_ALL=C sort)
for file in "${files[@]}"; do
  xmllint --nonet --noout "$samples/$file" 2>/dev/null || continue
  "$hantm" pretranslate --db "$work/empty.db" --src en --tgt ko --format tsv "$samples/$file" 2>/dev/null \
    | awk -F'\t' '{ i++; if (i % 3 == 0 && split($1, words, " ") >= 4) print "한국어 비슷한 초안 " i "\t" $1 " again"; else print "한국어 초안 " i "\t" $1 }' \
    >> "$work/memory.tsv"
done
"$hantm" import --db "$work/memory.db" "$work/memory.tsv" >/dev/null

schema_for() {  # $1 file: the first schema it validates against, or nothing
  local ns version
  ns=$(xmllint --nonet --xpath 'namespace-uri(/*)' "$1" 2>/dev/null || true)
  version=$(xmllint --nonet --xpath 'string(/*/@version)' "$1" 2>/dev/null || true)
  local candidates=()
  case "$ns" in
    urn:oasis:names:tc:xliff:document:1.2) candidates=(xliff12/xliff-core-1.2-strict.xsd xliff12/xliff-core-1.2-transitional.xsd) ;;
    urn:oasis:names:tc:xliff:document:1.1) candidates=(xliff11/xliff-core-1.1.xsd) ;;
    urn:oasis:names:tc:xliff:document:2.0) [[ $version == 2.1 ]] && candidates=(xliff21-core-mtc-mda.xsd) || candidates=(xliff20-core-mtc-mda.xsd) ;;
    urn:oasis:names:tc:xliff:document:2.2) candidates=(xliff22-core-mtc-mda.xsd) ;;
  esac
  for schema in "${candidates[@]}"; do
    if xmllint --nonet --noout --schema "$samples/schemas/$schema" "$1" >/dev/null 2>&1; then echo "$schema"; return; fi
  done
}

checked=0
for file in "${files[@]}"; do
  input=$samples/$file
  output=$work/out-$(echo "$file" | tr / _)
  if ! xmllint --nonet --noout "$input" 2>/dev/null; then
    # Not well-formed: one line naming the file, a non-zero exit, nothing written.
    if "$hantm" pretranslate --db "$work/memory.db" "$input" -o "$output" 2>"$work/error"; then fail "$file: not well-formed, yet accepted"; fi
    [[ -e $output ]] && fail "$file: not well-formed, yet $output was written"
    [[ $(wc -l <"$work/error") -eq 1 && $(cat "$work/error") == *"$input"* ]] || fail "$file: the refusal is not one line naming the file: $(cat "$work/error")"
    continue
  fi
  if ! "$hantm" pretranslate --db "$work/memory.db" --src en --tgt ko --min 50 "$input" -o "$output" 2>"$work/report"; then
    fail "$file: $(cat "$work/report")"; continue
  fi
  drafted=$(sed -n 's/^hantm: \([0-9]*\) of \([0-9]*\) segments drafted.*/\1/p' "$work/report")
  segments=$(sed -n 's/^hantm: \([0-9]*\) of \([0-9]*\) segments drafted.*/\2/p' "$work/report")
  kept=$(sed -n 's/.*; \([0-9]*\) translations already there kept.*/\1/p' "$work/report")
  [[ $segments -gt 0 && $((drafted + ${kept:-0})) -eq $segments ]] || fail "$file: $(cat "$work/report"): not every segment drafted or kept"
  xmllint --nonet --noout "$output" 2>/dev/null || fail "$file: the output is not well-formed"
  python3 "$repo/.ci/conformance/xliff_survives.py" "$input" "$output" || fail "$file: the output lost some of the input (above)"
  schema=$(schema_for "$input")
  if [[ -n $schema ]] && ! xmllint --nonet --noout --schema "$samples/schemas/$schema" "$output" 2>"$work/invalid"; then
    fail "$file: validates against $schema, its output does not: $(head -n 1 "$work/invalid")"
  fi
  # Read back: the same segments, each translated now or drafted again the same way.
  reread=$("$hantm" pretranslate --db "$work/memory.db" --src en --tgt ko --min 50 "$output" -o "$output.again" 2>&1)
  [[ $reread =~ ^hantm:\ [0-9]+\ of\ $segments\ segments\ drafted ]] || fail "$file: read back by hantm: $reread (expected $segments segments)"
  cmp -s "$output" "$output.again" || fail "$file: pre-translating the output again changed it: $(diff "$output" "$output.again" | head -n 3)"
  if [[ $file == xliff12/* ]]; then
    python3 - "$output" <<'EOF' || fail "$file: translate-toolkit does not read the output as hantm wrote it"
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
drafted = [unit for unit in store.units if any(a.xmlelement.get("origin") == "hantm" for a in unit.getalttrans())]
assert drafted, "no unit with hantm's candidates"
assert all(unit.target for unit in drafted), "a unit with candidates but no draft"
assert all(a.target for unit in drafted for a in unit.getalttrans()), "an empty candidate"
EOF
  fi
  checked=$((checked + 1))
done

# A real job: Firefox for iOS's English template pre-translated into Korean from a
# memory of Mozilla's Korean translation of it (a TSV of its units, ko<TAB>en): every
# unit gets a draft, and each draft is a Korean translation the file gives its source.
firefox=$samples/xliff12/firefox-ios
python3 - "$firefox/ko-firefox-ios.xliff" "$work/firefox.tsv" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
with open(sys.argv[2], "w") as out:
    for unit in ET.parse(sys.argv[1]).iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
        source, target = ("".join(unit.find(f"x:{side}", ns).itertext()) for side in ("source", "target"))
        if source.strip() and target.strip() and "\t" not in source + target and "\n" not in source + target:
            out.write(f"{target}\t{source}\n")
EOF
"$hantm" import --db "$work/firefox.db" "$work/firefox.tsv" >/dev/null 2>&1
"$hantm" pretranslate --db "$work/firefox.db" --candidates 0 "$firefox/templates-firefox-ios.xliff" -o "$work/firefox.xliff" 2>"$work/report"
python3 - "$firefox/ko-firefox-ios.xliff" "$work/firefox.xliff" "$(cat "$work/report")" <<'EOF' || fail "Firefox for iOS: a draft is not a translation Mozilla gave its source (above)"
import sys, collections, xml.etree.ElementTree as ET
x = "{urn:oasis:names:tc:xliff:document:1.2}"
def units(path):
    for unit in ET.parse(path).iter(x + "trans-unit"):
        target = unit.find(x + "target")
        yield " ".join("".join(unit.find(x + "source").itertext()).split()), target
gold = collections.defaultdict(set)
for source, target in units(sys.argv[1]):
    gold[source].add(" ".join("".join(target.itertext()).split()))
drafted = [(source, " ".join("".join(target.itertext()).split()), target.get("state")) for source, target in units(sys.argv[2]) if target is not None]
wrong = [(s, t) for s, t, state in drafted if state == "translated" and t not in gold[s]]
for source, draft in wrong[:5]:
    print(f"Firefox for iOS: {source!r} drafted {draft!r}, Mozilla: {sorted(gold[source])}")
print(f"xliff conformance: Firefox for iOS: {sys.argv[3]}; {len(drafted) - len(wrong)} drafts are Mozilla's translations of their sources")
sys.exit(1 if wrong or not sys.argv[3].startswith("hantm: 795 of 795") else 0)
EOF

echo "xliff conformance: ${#files[@]} samples, $checked pre-translated and checked, $failures failures"
((failures == 0))
