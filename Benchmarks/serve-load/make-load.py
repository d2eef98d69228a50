#!/usr/bin/env python3
"""Writes the load for run.sh from a TSV of pairs (ko<TAB>en):

  make-load.py PAIRS queries OUT [N]   N suggestion paths (GET /v1/suggest?q=...), one a line: sources
                                       of the file with one character dropped, percent-encoded UTF-8
  make-load.py PAIRS mixed OUT [N]     the same, every other one an English target with one character
                                       dropped (looked up into Korean)
  make-load.py PAIRS batches OUT [N] [SIZE]
                                       N bodies for POST /v1/suggest, one a line: JSON arrays of SIZE (10)
                                       such queries, as a pre-translation client sends them
  make-load.py PAIRS tmx OUT [N]       a TMX file of N units not in the file yet (each source with a tag)

A fixed seed: every run sends the same load.
"""
import json
import random
import sys
import urllib.parse
from xml.sax.saxutils import escape

pairs_file, kind, out = sys.argv[1:4]
count = int(sys.argv[4]) if len(sys.argv) > 4 else {"queries": 10_000, "mixed": 10_000, "batches": 1_000}.get(kind, 100_000)
batch_size = int(sys.argv[5]) if len(sys.argv) > 5 else 10
pairs = [line.rstrip("\n").split("\t")[:2] for line in open(pairs_file, encoding="utf-8")]
pairs = [p for p in pairs if len(p) == 2 and p[0].strip() and p[1].strip()]
random.seed(5)

with open(out, "w", encoding="utf-8") as f:
    sources = [source for source, _ in pairs if len(source.strip()) > 1]
    targets = [target for _, target in pairs if len(target.strip()) > 1]

    def near_duplicate(texts=sources):
        text = random.choice(texts)
        cut = random.randrange(len(text))
        return text[:cut] + text[cut + 1:]

    if kind in ("queries", "mixed"):
        for number in range(count):
            texts = targets if kind == "mixed" and number % 2 else sources
            f.write("/v1/suggest?limit=5&q=" + urllib.parse.quote(near_duplicate(texts), safe="") + "\n")
    elif kind == "batches":
        for _ in range(count):
            f.write(json.dumps([{"q": near_duplicate(), "limit": 5} for _ in range(batch_size)], ensure_ascii=False) + "\n")
    else:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="make-load" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
                'adminlang="en" srclang="ko" o-tmf="tsv"/>\n<body>\n')
        for number in range(count):
            source, target = random.choice(pairs)
            f.write(f'<tu><tuv xml:lang="ko"><seg>{escape(source)} (부록 {number})</seg></tuv>'
                    f'<tuv xml:lang="en"><seg>{escape(target)} (appendix {number})</seg></tuv></tu>\n')
        f.write("</body>\n</tmx>\n")
