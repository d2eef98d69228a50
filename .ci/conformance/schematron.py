#!/usr/bin/env python3
"""Runs an ISO Schematron schema's asserts and reports over an XML file.

The TBX-Basic Schematron declares queryBinding="xslt2", which lxml's
isoschematron (XSLT 1) cannot compile. Its tests use XPath 1 plus two XPath 2
forms: matches() and a path step that is a function call (./local-name()).
This runner evaluates each rule's context and each assert with lxml's XPath,
with matches() supplied as an extension function and that step rewritten.

Usage: schematron.py SCHEMA.sch FILE.xml   (exit 1 and one line a failure)
"""
import re
import sys

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"


def matches(_context, value, pattern):
    text = value if isinstance(value, str) else (value[0] if value else "")
    if not isinstance(text, str):
        text = getattr(text, "text", "") or str(text)
    return re.search(pattern, str(text)) is not None


etree.FunctionNamespace(None)["matches"] = matches


def xpath1(expression):
    return expression.replace("./local-name()", "local-name()")


def main(schema_path, document_path):
    schema = etree.parse(schema_path)
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(f"{{{SCH}}}ns")}
    document = etree.parse(document_path)
    failures = 0
    for pattern in schema.iter(f"{{{SCH}}}pattern"):
        fired = set()  # as Schematron does: a node is matched by the first rule of a pattern only
        for rule in pattern.iter(f"{{{SCH}}}rule"):
            context = rule.get("context")
            nodes = document.xpath(("" if context.startswith("/") else "//") + xpath1(context), namespaces=namespaces)
            for node in nodes:
                key = id(node) if not isinstance(node, str) else (id(node.getparent()), node.attrname)
                if key in fired:
                    continue
                fired.add(key)
                target = node.getparent() if isinstance(node, etree._ElementUnicodeResult) else node
                for check in rule:
                    if check.tag not in (f"{{{SCH}}}assert", f"{{{SCH}}}report"):
                        continue
                    expression = xpath1(check.get("test"))
                    if isinstance(node, etree._ElementUnicodeResult):
                        # An attribute context: test it as the attribute's own value.
                        expression = expression.replace(".=", "@%s=" % node.attrname).replace(". =", "@%s =" % node.attrname)
                    result = bool(target.xpath(expression, namespaces=namespaces))
                    failed = not result if check.tag.endswith("assert") else result
                    if failed:
                        failures += 1
                        line = getattr(target, "sourceline", "?")
                        message = " ".join("".join(check.itertext()).split())
                        print(f"{document_path}:{line}: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
