#!/usr/bin/env python3
"""Check that a zonegraph XML dataset infers nothing silently.

    check_dataset.py FILE...

The rules (doc/dataset.md, "Basis"):

- a relation marked stated or implied names a declared source and quotes
  an evidence sentence that names both endpoints (the node's name or one
  of its aliases), or a note names the endpoint the sentence does not and
  says how the sentence refers to it (a subject left out, a descriptive
  name); an implied relation always carries a note saying how it follows;
- a relation marked inferred carries a note saying why, and a relation
  whose note says it is inferred (推断) is marked inferred;
- a figure names a declared source and quotes its evidence; a figure with
  a date has the date's year in its evidence (a figure the source does not
  date has no date);
- evidence is quoted, not paraphrased: full-width punctuation, and two
  evidence strings of one source that start alike (their first
  PREFIX_CHARS characters) agree: the shorter is the start of the longer;
- a relation property in a string value is in the source's words: not
  made of ASCII letters only (an English gloss).

Prints one line per problem (FILE:LINE: message) and exits 1 if there is
any, 0 if there is none, 2 if a file cannot be read. Uses only the Python
standard library.
"""

import sys
import xml.parsers.expat

# Two quotes of one sentence that share this many leading characters must
# agree; a shorter run is a common phrase (a zone's name), not a quote.
PREFIX_CHARS = 12
# Punctuation a Chinese sentence writes full-width.
ASCII_PUNCT = ",;:!?()"
BASES = ("stated", "implied", "inferred")
# How the note of an inferred relation begins (doc/dataset.md).
INFERRED_MARK = "推断"


class Element:
    def __init__(self, tag, attrs, line):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children = []
        self.text = ""

    def child(self, tag):
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def child_text(self, tag):
        c = self.child(tag)
        return c.text.strip() if c is not None else ""


def parse(path):
    """The document element of `path`, with line numbers."""
    parser = xml.parsers.expat.ParserCreate()
    stack = []
    root = []

    def start(tag, attrs):
        e = Element(tag, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(e)
        else:
            root.append(e)
        stack.append(e)

    def end(tag):
        stack.pop()

    def text(data):
        if stack:
            stack[-1].text += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    with open(path, "rb") as f:
        parser.ParseFile(f)
    return root[0]


def check(path):
    problems = []

    def problem(e, msg):
        problems.append("%s:%d: %s" % (path, e.line, msg))

    root = parse(path)
    sources = set()
    names = {}  # node id -> [name, aliases...]
    evidence = []  # (source, text, element)
    for e in root.children:
        if e.tag == "source":
            sources.add(e.attrs.get("id"))
        elif e.tag not in ("schema", "relation"):
            names[e.attrs.get("id")] = [e.attrs.get("name", "")] + [
                a.text.strip() for a in e.children if a.tag == "alias"
            ]

    def named_in(node, text):
        return any(n and n in text for n in names.get(node, []))

    def sourced(e, what):
        src = e.attrs.get("source")
        if not src:
            problem(e, "%s has no source" % what)
        elif src not in sources:
            problem(e, "%s cites source '%s', which is not declared" % (what, src))
        ev = e.child_text("evidence")
        if not ev:
            problem(e, "%s has no evidence sentence" % what)
        return src, ev

    for e in root.children:
        if e.tag == "relation":
            a, t, b = (e.attrs.get(k, "?") for k in ("from", "type", "to"))
            basis = e.attrs.get("basis", "stated")
            what = "relation %s %s %s (%s)" % (a, t, b, basis)
            note = e.child_text("note")
            if basis not in BASES:
                problem(e, "%s: basis must be stated, implied or inferred" % what)
            elif basis == "inferred":
                if not note:
                    problem(e, "%s has no note saying why" % what)
            else:
                if note.startswith(INFERRED_MARK):
                    problem(e, "%s: its note says it is inferred (%s), but it "
                            "is marked %s" % (what, INFERRED_MARK, basis))
                src, ev = sourced(e, what)
                if basis == "implied" and not note:
                    problem(e, "%s has no note saying how it follows" % what)
                for node in (a, b):
                    if not ev or named_in(node, ev):
                        continue
                    if named_in(node, note):
                        continue
                    problem(e, "%s: neither the evidence nor a note names %s "
                            "(its name or an alias)" % (what, node))
            for p in e.children:
                v = p.attrs.get("value", "")
                if (p.tag == "prop" and p.attrs.get("type", "string") == "string"
                        and v and all(ord(c) < 128 for c in v)
                        and any(c.isalpha() for c in v)):
                    problem(p, "%s: prop %s='%s' is not in the source's words"
                            % (what, p.attrs.get("name"), v))
        for d in [e] + e.children:
            if d.tag == "figure":
                what = "figure %s of %s" % (d.attrs.get("name"), e.attrs.get("id"))
                src, ev = sourced(d, what)
                date = d.attrs.get("date")
                if date and ev and date[:4] not in ev:
                    problem(d, "%s: date %s, but its evidence gives no year %s"
                            % (what, date, date[:4]))

    def collect(e, src):
        src = e.attrs.get("source", src)
        if e.tag == "evidence" and e.text.strip():
            evidence.append((src, e.text.strip(), e))
        for c in e.children:
            collect(c, src)

    collect(root, None)
    for src, text, e in evidence:
        bad = sorted(set(c for c in text if c in ASCII_PUNCT))
        if bad:
            problem(e, "evidence has ASCII punctuation %s (a quote is "
                    "full-width): %s" % (" ".join(bad), text))
    groups = {}  # (source, first characters) -> [(text, element)], shortest first
    for src, text, e in sorted(evidence, key=lambda x: len(x[1])):
        if len(text) < PREFIX_CHARS:
            continue
        group = groups.setdefault((src, text[:PREFIX_CHARS]), [])
        for other, oe in group:
            if not text.startswith(other):
                problem(e, "evidence starts as the one at line %d but does not "
                        "agree with it (an edited quote?): '%s' vs '%s'"
                        % (oe.line, text, other))
                break
        group.append((text, e))
    return problems


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: check_dataset.py FILE...\n")
        return 2
    problems = []
    for path in argv[1:]:
        try:
            problems += check(path)
        except (OSError, xml.parsers.expat.ExpatError) as exc:
            sys.stderr.write("check_dataset.py: %s: %s\n" % (path, exc))
            return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
