#!/usr/bin/env python3
"""Writes the load for run.sh from a TSV of pairs (ko<TAB>en):

  make-load.py PAIRS queries OUT [N]   N suggestion paths (GET /v1/suggest?q=...), one a line: sources
                                       of the file with one character dropped, percent-encoded UTF-8
  make-load.py PAIRS tmx OUT [N]       a TMX file of N units not in the file yet (each source with a tag)

A fixed seed: every run sends the same load.
"""
import random
import sys
import urllib.parse
from xml.sax.saxutils import escape

pairs_file, kind, out = sys.argv[1:4]
count = int(sys.argv[4]) if len(sys.argv) > 4 else (10_000 if kind == "queries" else 100_000)
pairs = [line.rstrip("\n").split("\t")[:2] for line in open(pairs_file, encoding="utf-8")]
pairs = [p for p in pairs if len(p) == 2 and p[0].strip() and p[1].strip()]
random.seed(5)

with open(out, "w", encoding="utf-8") as f:
    if kind == "queries":
        sources = [source for source, _ in pairs if len(source.strip()) > 1]
        for _ in range(count):
            source = random.choice(sources)
            cut = random.randrange(len(source))
            query = source[:cut] + source[cut + 1:]
            f.write("/v1/suggest?limit=5&q=" + urllib.parse.quote(query, safe="") + "\n")
    else:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="make-load" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
                'adminlang="en" srclang="ko" o-tmf="tsv"/>\n<body>\n')
        for number in range(count):
            source, target = random.choice(pairs)
            f.write(f'<tu><tuv xml:lang="ko"><seg>{escape(source)} (부록 {number})</seg></tuv>'
                    f'<tuv xml:lang="en"><seg>{escape(target)} (appendix {number})</seg></tuv></tu>\n')
        f.write("</body>\n</tmx>\n")
