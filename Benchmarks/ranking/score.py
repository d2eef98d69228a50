#!/usr/bin/env python3
"""Scores the systems of the ranking comparison on the queries of `hantm bench lookup
--ranking-queries N --ranking-queries-out QUERIES --units-out UNITS` (query<TAB>Korean<TAB>English):
for each, how often its first suggestion carries the English of the sentence the query was
made from, and how often that sentence is among its first five.

    python3 Benchmarks/ranking/score.py UNITS QUERIES --postgres PG.tsv --hantm HANTM.jsonl [--scan] [--bands]

PG.tsv comes from postgres.sh (pg_trgm's top 5, and its top 50 re-ranked by character
Levenshtein distance as written); HANTM.jsonl from `hantm lookup --queries` on the same
queries; --scan adds an exhaustive character Levenshtein scan of every distinct unit
(rapidfuzz: pip install rapidfuzz; a few minutes at a million units); --bands adds how
often each system's first suggestion is right by how similar each query is to its
sentence as written (character Levenshtein similarity, which no system decides).
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


BANDS = [("90% similar or more", 0.9, 1.01), ("80–90%", 0.8, 0.9), ("70–80%", 0.7, 0.8),
         ("70% or more (near)", 0.7, 1.01), ("below 70%", 0.0, 0.7)]


def bands(queries, systems):
    """systems: (name, answers) pairs; prints first-right by closeness band."""
    similarity = [Levenshtein.normalized_similarity(q, korean) for q, korean, _ in queries]
    print(f"| query against its sentence | queries | " + " | ".join(name for name, _ in systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for label, low, high in BANDS:
        chosen = [i for i, s in enumerate(similarity) if low <= s < high]
        cells = []
        for _, answers in systems:
            right = sum(1 for i in chosen if answers[i] and answers[i][0][1] == queries[i][2])
            cells.append(f"{right / max(1, len(chosen)):.1%}")
        print(f"| {label} | {len(chosen)} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("units")
    parser.add_argument("queries")
    parser.add_argument("--postgres")
    parser.add_argument("--hantm", action="append", default=[], help="NAME=FILE or FILE")
    parser.add_argument("--scan", action="store_true")
    parser.add_argument("--bands", action="store_true")
    args = parser.parse_args()
    queries = read_queries(args.queries)
    systems = []
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
        systems.append(("re-ranked `pg_trgm`", reranked))
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
        systems.append((name or "hantm", answers))
    if args.bands:
        bands(queries, systems)


if __name__ == "__main__":
    main()
