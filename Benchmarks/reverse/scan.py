#!/usr/bin/env python3
"""The exhaustive character-level Levenshtein scan that hantm's English lookups are
compared with: for each query of `hantm bench lookup --reverse-queries-out FILE`
(query<TAB>English<TAB>Korean), the stored pair whose English is nearest the query as
written (rapidfuzz, every pair of PAIRS scanned) is its answer; it is right when its
Korean is the Korean of the sentence the query was made from.

    python3 Benchmarks/reverse/scan.py PAIRS QUERIES   # needs: pip install rapidfuzz
"""
import sys

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def main(pairs_path, queries_path):
    korean, english = [], []
    with open(pairs_path, encoding="utf-8") as pairs:
        for line in pairs:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2:
                korean.append(fields[0])
                english.append(fields[1])
    right = total = 0
    with open(queries_path, encoding="utf-8") as queries:
        for line in queries:
            query, _, origin_korean = line.rstrip("\n").split("\t")
            _, _, index = process.extractOne(query, english, scorer=Levenshtein.distance)
            total += 1
            right += korean[index] == origin_korean
    print(f"character Levenshtein scan: the first match is the Korean of the query's sentence for "
          f"{right} of {total} queries ({100 * right / total:.1f}%)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
