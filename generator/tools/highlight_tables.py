#!/usr/bin/env python3
"""Turns tree-sitter highlights.scm queries into node-type tables for the generator.

Usage: highlight_tables.py OUT.cpp NAME=FILE[,FILE...] ...

Highlighting walks the syntax tree once and looks each node up in a table instead of running
the query with a query cursor (on the chapter's C blocks that halves the time spent beyond
parsing). So each pattern of a grammar's own highlights.scm becomes rules "node type, reached
from these ancestors through these fields, whose own text passes this test -> capture".
Anchors, quantifiers and negated fields are read as plain children (a superset of what the
query matches); a capture whose predicate a table cannot check (one naming another capture,
or two tests) is left out and counted on stderr.

Later patterns win over earlier ones for the same node, and a rule that names more ancestors
wins over one that names fewer (the lookup in highlight.cpp does this), as in the queries'
own convention: "(identifier) @variable" first, the special cases after.
"""
import re
import sys

TOKEN = re.compile(r'''
    (?P<ws>\s+|;[^\n]*)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<open>[(\[])
  | (?P<close>[)\]])
  | (?P<capture>@[\w.\-]+)
  | (?P<field>[\w\-]+:)
  | (?P<pred>\#[\w\-]+[?!])
  | (?P<quant>[*+?])
  | (?P<anchor>\.)
  | (?P<neg>![\w]+)
  | (?P<word>[\w\-]+|_)
''', re.X)


def tokens(text):
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError("cannot read the query at byte %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        if m.lastgroup != "ws":
            yield m.lastgroup, m.group()


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s[1:-1])


class Rules:
    def __init__(self):
        self.rules = []  # (path [(type, named, field)], capture, predicate)
        self.skipped = 0

    def pattern(self, node, path, field, preds):
        """Rules for `node` reached by `path` (its ancestors) through `field`."""
        if node["kind"] == "alt":
            for alt in node["items"]:
                alt = dict(alt, captures=alt["captures"] + node["captures"])
                self.pattern(alt, path, field, preds)
            return
        if node["kind"] == "lit":
            step, children = (node["name"], False, field), []
        elif node["kind"] == "word":
            step, children = (node["name"], True, field), []
        elif node["kind"] == "group":
            items = node["items"]
            if items and items[0]["kind"] == "word":
                step, children = (items[0]["name"], True, field), items[1:]
            elif items and items[0]["kind"] == "lit":
                step, children = (items[0]["name"], False, field), items[1:]
            else:  # ((pattern) (#pred ...)): a pattern with predicates around it
                inner = [it for it in items if not is_predicate(it)]
                extra = [it for it in items if is_predicate(it)]
                for it in inner:
                    it = dict(it, captures=it["captures"] + node["captures"])
                    self.pattern(it, path, field, preds + extra)
                return
        else:
            return
        here = path + [step]
        for cap in node["captures"]:
            self.add(here, cap, preds)
        fielded, pending = [], None
        for child in children:
            if child["kind"] == "field":
                pending = child["name"][:-1]
            elif not is_predicate(child):
                fielded.append((pending, child))
                pending = None
        for field_name, child in fielded:
            # A sibling in another field is a condition a table cannot check ("left: ... @x
            # right: (function)"): its captures would colour far more than the query does.
            if any(f and other is not child for f, other in fielded):
                self.skipped += count_captures(child)
                continue
            self.pattern(child, here, field_name, preds)

    def add(self, path, capture, preds):
        if capture.split(".")[0] in NOT_COLOURS:
            return
        test = None
        for p in preds:
            op = p["items"][0]["name"]
            args = p["items"][1:]
            if (len(args) == 2 and args[0]["kind"] == "capture_ref" and args[0]["name"] == capture
                    and args[1]["kind"] == "lit" and op in ("#match?", "#not-match?", "#eq?", "#not-eq?")):
                if test:
                    self.skipped += 1
                    return
                test = (op.strip("#?"), args[1]["name"])
            elif any(a["kind"] == "capture_ref" and a["name"] == capture for a in args):
                self.skipped += 1  # a predicate a table cannot check (another capture, #is-not?)
                return
        self.rules.append((path, capture, test))


# Captures some queries (Neovim's style) add for spell checking and concealing, not colour.
NOT_COLOURS = {"spell", "nospell", "conceal", "none"}


def count_captures(node):
    return len(node.get("captures", [])) + sum(count_captures(c) for c in node.get("items", []))


def is_predicate(node):
    return node["kind"] == "group" and node["items"] and node["items"][0]["kind"] == "pred"


def parse_query(text):
    # Inside a predicate, @c is an argument, not a capture of the token before it.
    toks = []
    in_pred = 0
    depth = 0
    for kind, t in tokens(text):
        if kind == "open":
            depth += 1
        if kind == "close":
            depth -= 1
            if in_pred and depth < in_pred:
                in_pred = 0
        if kind == "pred":
            in_pred = depth
        if kind == "capture" and in_pred:
            kind = "capture_ref"
        toks.append((kind, t))
    out, i = [], 0
    while i < len(toks):
        node, i = read(toks, i)
        out.append(node)
    return out


def read(toks, i):
    """One expression from toks[i]: returns (node, next index). A node is a dict with the
    captures written after it."""
    kind, text = toks[i]
    if kind == "capture_ref":
        return {"kind": "capture_ref", "name": text[1:], "captures": []}, i + 1
    if kind == "open":
        close = ")" if text == "(" else "]"
        items, i = [], i + 1
        while toks[i][1] != close:
            item, i = read(toks, i)
            items.append(item)
        node, i = {"kind": "group" if text == "(" else "alt", "items": items}, i + 1
    elif kind == "str":
        node, i = {"kind": "lit", "name": unquote(text)}, i + 1
    elif kind in ("field", "word", "pred", "neg", "anchor", "quant"):
        node, i = {"kind": kind, "name": text}, i + 1
    else:
        raise SyntaxError("unexpected %s %r" % (kind, text))
    node["captures"] = []
    while i < len(toks) and toks[i][0] in ("capture", "quant"):
        if toks[i][0] == "capture":
            node["captures"].append(toks[i][1][1:])
        i += 1
    return node, i


def c_string(s):
    return '"' + "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else "\\n" if c == "\n" else "\\t" if c == "\t" else "\\?" if c == "?" else c
        for c in s) + '"'


def emit(grammars):
    lines = ["// Generated by generator/tools/highlight_tables.py from the grammars' highlights.scm.",
             '#include "grammar_tables.hpp"', ""]
    for name, _ in grammars:
        lines.append('extern "C" const TSLanguage* tree_sitter_%s();' % name)
    lines += ["", "namespace book {", "namespace {", ""]
    for name, rules in grammars:
        for n, (path, capture, test) in enumerate(rules):
            steps = ", ".join("{%s, %s, %s}" % (c_string(t), "true" if named else "false",
                                                c_string(f) if f else "nullptr") for t, named, f in path)
            lines.append("const HighlightStep k%s_%d[] = {%s};" % (name, n, steps))
        lines.append("const HighlightRule k%s[] = {" % name)
        for n, (path, capture, test) in enumerate(rules):
            op, arg = test if test else ("", "")
            lines.append("    {k%s_%d, %d, %s, %s, %s}," % (name, n, len(path), c_string(capture),
                                                           c_string(op), c_string(arg)))
        lines.append("};")
    lines += ["", "}  // namespace", "", "const GrammarTable kGrammarTables[] = {"]
    for name, rules in grammars:
        lines.append("    {%s, tree_sitter_%s, k%s, %d}," % (c_string(name), name, name, len(rules)))
    lines += ["};", "const size_t kGrammarTableCount = %d;" % len(grammars), "", "}  // namespace book", ""]
    return "\n".join(lines)


def main(argv):
    out, specs = argv[1], argv[2:]
    grammars = []
    for spec in specs:
        name, files = spec.split("=", 1)
        rules = Rules()
        for f in files.split(","):
            with open(f, encoding="utf-8") as fh:
                for pattern in parse_query(fh.read()):
                    rules.pattern(pattern, [], None, [])
        if rules.skipped:
            print("highlight_tables: %s: %d captures need a query (left out)" % (name, rules.skipped),
                  file=sys.stderr)
        grammars.append((name, rules.rules))
    text = emit(grammars)
    try:
        with open(out, encoding="utf-8") as fh:
            if fh.read() == text:
                return 0
    except OSError:
        pass
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
