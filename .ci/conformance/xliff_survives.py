#!/usr/bin/env python3
"""Checks that a pre-translated XLIFF keeps everything of the document it was made from.

usage: xliff_survives.py INPUT OUTPUT

Every element, attribute, text, comment and processing instruction of INPUT
must be in OUTPUT, in its place, except what a pre-translation may change:
- what hantm adds: <alt-trans origin="hantm">, <mtc:match origin="hantm">, an
  <mtc:matches> holding only those, a <target> where the input had none, a
  segment `id` where it had none, the document's target language where it had none;
- a target hantm drafted (which the input left blank or marked new,
  needs-translation or initial): its text and state attributes.
A target the input translated must come back byte for byte. White space
between elements may change where hantm adds one. Prints one line
per problem and exits 1 when there is any.
"""
import sys
import xml.etree.ElementTree as ET

MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"
PENDING_STATES = {"new", "needs-translation", "initial"}
DRAFT_ATTRIBUTES = {"state", "state-qualifier", "subState"}
ADDED_ATTRIBUTES = {"trgLang", "target-language"}


def parse(path):
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
    with open(path, "rb") as handle:
        return ET.parse(handle, parser).getroot()


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else tag


def is_hantm_addition(element):
    tag = element.tag if isinstance(element.tag, str) else ""
    if local(tag) in ("alt-trans", "match") and element.get("origin") == "hantm":
        return True
    if tag == MTC + "matches":
        return all(is_hantm_addition(child) for child in element) and len(element) > 0
    return False


def same_text(before, after):
    """Equal, or both white space only: the layout between elements, which hantm
    follows when it adds one."""
    before, after = before or "", after or ""
    return before == after or (before.strip() == "" and after.strip() == "")


def segment_pending(segment):
    target = segment.find("{*}target")
    if target is None:
        target = segment.find("target")
    return target is None or text_of(target) == "" or segment.get("state") in PENDING_STATES


def text_of(element):
    return "".join(element.itertext()).strip()


problems = []


def compare(before, after, path, drafted):
    """`drafted`: inside a target hantm may have replaced."""
    where = f"{path}/{local(before.tag) if isinstance(before.tag, str) else 'comment/pi'}"
    if before.tag != after.tag:
        problems.append(f"{where}: became {after.tag}")
        return
    if not isinstance(before.tag, str):  # comment or processing instruction
        if before.text != after.text:
            problems.append(f"{where}: {before.text!r} became {after.text!r}")
        return
    may_draft = drafted or (local(before.tag) == "segment" and segment_pending(before))
    for name, value in before.attrib.items():
        if may_draft and name in DRAFT_ATTRIBUTES:
            continue
        if after.get(name) != value:
            problems.append(f"{where}: attribute {name}={value!r} became {after.get(name)!r}")
    for name in after.attrib:
        allowed = DRAFT_ATTRIBUTES | ADDED_ATTRIBUTES | ({"id"} if local(before.tag) == "segment" else set())
        if name not in before.attrib and name not in allowed:
            problems.append(f"{where}: attribute {name} added")
    if local(before.tag) == "target" and drafted:
        return  # its content is the draft
    if not same_text(before.text, after.text):
        problems.append(f"{where}: text {before.text!r} became {after.text!r}")
    kept = [child for child in after if not is_hantm_addition(child)]
    source_children = list(before)
    # A target hantm added (1.x after <source>/<seg-source>, 2.x in a <segment>).
    if len(kept) == len(source_children) + 1:
        added = [i for i, child in enumerate(kept) if local(child.tag) == "target" and
                 not any(local(c.tag) == "target" for c in source_children)]
        if added:
            del kept[added[0]]
    if len(kept) != len(source_children):
        problems.append(f"{where}: {len(source_children)} children became {len(kept)}")
        return
    segment_state = before.get("state")
    for child_before, child_after in zip(source_children, kept):
        child_drafted = drafted
        if local(child_before.tag) == "target":
            state = child_before.get("state") if local(before.tag) != "segment" else segment_state
            child_drafted = not text_of(child_before) or state in PENDING_STATES
            if not child_drafted and text_of(child_after) != text_of(child_before):
                problems.append(f"{where}/target: the translation {text_of(child_before)!r} became {text_of(child_after)!r}")
        compare(child_before, child_after, where, child_drafted or (drafted and local(child_before.tag) != "alt-trans"))
        if not same_text(child_before.tail, child_after.tail):
            problems.append(f"{where}: text after <{local(child_before.tag)}> {child_before.tail!r} became {child_after.tail!r}")


def main():
    before, after = parse(sys.argv[1]), parse(sys.argv[2])
    compare(before, after, "", False)
    for problem in problems:
        print(f"{sys.argv[1]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
