#!/usr/bin/env python3
"""Regenerates the committed seed corpora in tests/fuzz/corpus/ from the book and the tests.

Run from anywhere: python3 tests/fuzz/seeds.py. Seeds are named after where they come
from, so a seed that matters can be traced back. Small seeds fuzz faster, so the chapter
is also split into its sections. The fuzz runs never write here (see CMakeLists.txt).
"""
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fuzz/corpus"
CHAPTER = ROOT / "content/chapters/07-shared-memory"

# A C string literal (or adjacent ones), as the tests write their inputs.
LITERALS = r'((?:\s*"(?:[^"\\\n]|\\.)*")+)'


def c_string(src):
    """Decodes adjacent C string literals into bytes (the escapes the tests use)."""
    out = bytearray()
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', src):
        i = 0
        raw = lit.encode()
        while i < len(raw):
            c = raw[i:i + 1]
            if c != b"\\":
                out += c
                i += 1
                continue
            e = raw[i + 1:i + 2]
            if e == b"x":
                m = re.match(rb"[0-9a-fA-F]{1,2}", raw[i + 2:])
                out.append(int(m.group(0), 16))
                i += 2 + len(m.group(0))
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"0": b"\0"}.get(e, e)
            i += 2
    return bytes(out)


def from_calls(files, call):
    """The first string argument of every `call(` in the given test sources."""
    seeds = []
    for f in files:
        for m in re.finditer(re.escape(call) + LITERALS, f.read_text()):
            seeds.append(c_string(m.group(1)))
    return seeds


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def markdown():
    write("markdown", "chapter-07.md", (CHAPTER / "index.md").read_bytes())
    write("markdown", "book-index.md", (ROOT / "content/index.md").read_bytes())
    for p in sorted((ROOT / "content/sims").glob("*/index.md")):
        write("markdown", f"sim-{p.parent.name}.md", p.read_bytes())
    # The chapter in sections (every level-2 heading starts one).
    text = (CHAPTER / "index.md").read_bytes()
    for i, part in enumerate(re.split(rb"\n(?=## )", text)):
        write("markdown", f"chapter-07-section-{i:02d}.md", part + b"\n")
    tests = sorted((ROOT / "tests/generator").glob("*_test.cpp"))
    for i, s in enumerate(from_calls(tests, "render_md(")):
        write("markdown", f"generator-test-{i:02d}.md", s)
    # Pages the site tests write (the text is the call's second argument).
    for f in tests:
        pages = re.finditer(r'b\.write\("docs/[^"]*\.md",' + LITERALS, f.read_text())
        for i, m in enumerate(pages):
            write("markdown", f"{f.stem}-page-{i:02d}.md", c_string(m.group(1)))


def config():
    write("config", "content-mkdocs.yml", (ROOT / "content/mkdocs.yml").read_bytes())
    tests = sorted((ROOT / "tests/generator").glob("*_test.cpp"))
    for f in tests:
        configs = re.finditer(r'b\.write\("mkdocs\.yml",' + LITERALS, f.read_text())
        for i, m in enumerate(configs):
            write("config", f"{f.stem}-{i:02d}.yml", c_string(m.group(1)))
    # Shapes the tests do not write: sections, anchors and aliases, flow style, odd types.
    extra = {
        "sections.yml": "site_name: S\nnav:\n  - Home: index.md\n  - Part:\n      - a.md\n      - B: b/b.md\n      - Deeper:\n          - c.md\n",
        "aliases.yml": "site_name: &n Name\nnav:\n  - &p Home: index.md\n  - *p\n  - Again: *n\n",
        "flow.yml": "{site_name: F, docs_dir: docs, nav: [index.md, {T: t.md}, {S: [a.md]}]}\n",
        "types.yml": "site_name: 12\ndocs_dir: ~\nnav:\n  - !!binary aGk=: x.md\n  - ? [complex, key]\n    : y.md\n",
        "documents.yml": "site_name: one\n---\nsite_name: two\n...\n",
    }
    for name, text in extra.items():
        write("config", name, text.encode())


def strace():
    for p in sorted((ROOT / "tests/native/fixtures").glob("*.strace")):
        write("strace", p.name, p.read_bytes())
    tests = sorted((ROOT / "tests/native").glob("*_test.cpp"))
    for i, s in enumerate(from_calls(tests, "parse_strace(")):
        write("strace", f"native-test-{i:02d}.strace", s)
    for p in sorted((CHAPTER / "traces").glob("*.json")):
        # The recorded trace itself (the renderer's input) ...
        write("strace", p.name, p.read_bytes())
        # ... and its raw log turned back into strace's own form: pids, absolute -ttt times.
        raw = json.loads(p.read_text())["raw"]
        lines = []
        for line in raw:
            m = re.match(r"P(\d+)\s+(\d+)\.(\d{6}) (.*)", line)
            if m:
                pid, secs, frac, body = m.groups()
                lines.append(f"{4000 + int(pid)}  {1700000000 + int(secs)}.{frac} {body}")
            else:
                lines.append(line)
        write("strace", p.stem + ".strace", ("\n".join(lines) + "\n").encode())


if __name__ == "__main__":
    shutil.rmtree(OUT, ignore_errors=True)
    markdown()
    config()
    strace()
    for d in sorted(OUT.iterdir()):
        print(f"{d.name}: {len(list(d.iterdir()))} seeds")
