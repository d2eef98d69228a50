#!/usr/bin/env python3
"""Scores the systems of the ranking comparison on the queries of `hantm bench lookup
--ranking-queries N --ranking-queries-out QUERIES --units-out UNITS` (query<TAB>Korean<TAB>English):
for each, how often its first suggestion carries the English of the sentence the query was
made from, and how often that sentence is among its first five.

    python3 Benchmarks/ranking/score.py UNITS QUERIES --postgres PG.tsv --hantm HANTM.jsonl [--scan]

PG.tsv comes from postgres.sh (pg_trgm's top 5, and its top 50 re-ranked by character
Levenshtein distance as written); HANTM.jsonl from `hantm lookup --queries` on the same
queries; --scan adds an exhaustive character Levenshtein scan of every distinct unit
(rapidfuzz: pip install rapidfuzz; a few minutes at a million units).
"""
import argparse
import collections
import json

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def read_queries(path):
    with open(path, encoding="utf-8") as lines:
        return [tuple(line.rstrip("\n").split("\t")) for line in lines]


def score(name, queries, answers):
    """answers[i]: the (Korean, English) suggestions for query i, best first."""
    first = sum(1 for (_, _, english), found in zip(queries, answers) if found and found[0][1] == english)
    five = sum(1 for (_, korean, _), found in zip(queries, answers) if any(k == korean for k, _ in found[:5]))
    n = len(queries)
    print(f"| {name} | {first / n:.1%} ({first}) | {five / n:.1%} ({five}) |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("units")
    parser.add_argument("queries")
    parser.add_argument("--postgres")
    parser.add_argument("--hantm", action="append", default=[], help="NAME=FILE or FILE")
    parser.add_argument("--scan", action="store_true")
    args = parser.parse_args()
    queries = read_queries(args.queries)
    print(f"| system ({len(queries)} queries) | first suggestion carries the right translation | the sentence is in the top 5 |")
    print("|---|---|---|")
    if args.postgres:
        rows = collections.defaultdict(list)
        with open(args.postgres, encoding="utf-8") as lines:
            for line in lines:
                number, rank, korean, english = line.rstrip("\n").split("\t")
                rows[int(number) - 1].append((int(rank), korean, english))
        found = [[(k, e) for _, k, e in sorted(rows[i])] for i in range(len(queries))]
        score("PostgreSQL pg_trgm (GIN, `%` then `<->`, top 5)", queries, [f[:5] for f in found])
        reranked = [sorted(f, key=lambda pair, q=q: Levenshtein.distance(q, pair[0])) for (q, _, _), f in zip(queries, found)]
        score("pg_trgm, top 50 re-ranked by character Levenshtein", queries, reranked)
    if args.scan:
        pairs = set()
        with open(args.units, encoding="utf-8") as lines:
            for line in lines:
                korean, english = line.rstrip("\n").split("\t")[:2]
                pairs.add((korean, english))
        pairs = sorted(pairs)
        sources = [k for k, _ in pairs]
        answers = [[pairs[i] for _, _, i in process.extract(q, sources, scorer=Levenshtein.distance, limit=5)]
                   for q, _, _ in queries]
        score("exhaustive character Levenshtein scan", queries, answers)
    for entry in args.hantm:
        name, _, path = entry.rpartition("=")
        with open(path, encoding="utf-8") as lines:
            answers = [[(m["source"], m["target"]) for m in json.loads(line)["matches"]] for line in lines]
        score(name or "hantm", queries, answers)


if __name__ == "__main__":
    main()
