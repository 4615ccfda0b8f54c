#!/usr/bin/env python3
"""Differential test: the compat book built by MkDocs (Material theme) and by our generator.

For every page MkDocs writes, the page's main content in both outputs is reduced to a few
comparable facts (headings, admonitions, tables, images, code blocks with whether they are
highlighted, their line numbers, marked lines and titles, tabs, footnotes, math, ...) and the
facts are compared. Our output is also searched for Markdown that was left as raw text.
Every mismatch is printed as `page: feature: mkdocs=... ours=...`.

Exit status: 0 when everything matches, 1 on any mismatch (or a failed MkDocs build),
77 when MkDocs is not installed (CTest's SKIP_RETURN_CODE).

Run: python3 tests/compat/compare.py --generator build/generator/generator [--work DIR]
(--work keeps both sites for a look; CTest runs it as compat.mkdocs).

Standard library only: it runs wherever python3 and the Debian mkdocs packages are.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BOOK = os.path.join(HERE, "book")
SKIP = 77


# ---------------------------------------------------------------------------------------
# A small DOM: html.parser events turned into a tree we can query.

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, pred):
        return [n for n in self.walk() if pred(n)]

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored, as browsers do.
        open_tags = [self.current] + list(self.current.ancestors())
        for node in open_tags:
            if node.tag == tag:
                self.current = node.parent
                return

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(path):
    with open(path, encoding="utf-8") as f:
        builder = TreeBuilder()
        builder.feed(f.read())
        builder.close()
    return builder.root


def has_class(name):
    return lambda n: name in n.classes()


def main_content(root, side):
    """The page's own content: what the author wrote plus the title h1 the theme adds."""
    if side == "mkdocs":
        found = root.find_all(lambda n: n.tag == "article" and "md-content__inner" in n.classes())
    else:
        found = root.find_all(lambda n: n.tag == "main" and n.attrs.get("id") == "content")
    return found[0] if found else None


def normalise(text):
    # Material's permalink character and spacing are presentation, not content.
    return re.sub(r"\s+", " ", text.replace("\u00b6", "")).strip()


# ---------------------------------------------------------------------------------------
# Facts about one page's content. Each returns a plain value compared with ==.

HEADING = re.compile(r"^h[1-6]$")


def headings(content):
    return [(n.tag, n.attrs.get("id", "")) for n in content.find_all(lambda n: HEADING.match(n.tag))]


def title(content):
    """The first h1's text: front matter `title`, or the h1 Material adds where there is none."""
    h1 = content.find_all(lambda n: n.tag == "h1")
    return normalise(h1[0].text()) if h1 else None


def permalinks(content):
    """Ids of the headings that carry a permalink to themselves (toc: permalink: true)."""
    out = []
    for h in content.find_all(lambda n: HEADING.match(n.tag) and n.attrs.get("id")):
        links = h.find_all(lambda a: a.tag == "a" and a.attrs.get("href") == "#" + h.attrs["id"])
        if links:
            out.append(h.attrs["id"])
    return out


def admonitions(content):
    """(kind, type, title, open) of each admonition box and details block."""
    out = []
    for n in content.walk():
        if n.tag == "div" and "admonition" in n.classes():
            kind = [c for c in n.classes() if c != "admonition"]
            head = [c for c in n.children if isinstance(c, Node) and "admonition-title" in c.classes()]
            out.append(("admonition", " ".join(kind), normalise(head[0].text()) if head else "", False))
        elif n.tag == "details":
            head = [c for c in n.children if isinstance(c, Node) and c.tag == "summary"]
            out.append(("details", " ".join(n.classes()), normalise(head[0].text()) if head else "",
                        "open" in n.attrs))
    return out


def tables(content):
    return [[normalise(th.text()) for th in t.find_all(lambda n: n.tag == "th")]
            for t in content.find_all(lambda n: n.tag == "table" and not is_code_table(n))]


def is_code_table(n):
    # pymdownx.highlight puts line numbers in a table; that is a code block, not a table.
    return "highlighttable" in n.classes() or any("highlight" in a.classes() for a in n.ancestors())


def is_emoji(n):
    return bool({"twemoji", "emojione", "gemoji", "emoji"} & set(n.classes())) or \
        any("twemoji" in a.classes() for a in n.ancestors())


def images(content):
    """Author images (not emoji) as (file name, width)."""
    return [(os.path.basename(n.attrs.get("src", "")), n.attrs.get("width"))
            for n in content.find_all(lambda n: n.tag == "img" and not is_emoji(n))]


def iframes(content):
    return [(os.path.basename(n.attrs.get("src", "")), n.attrs.get("title"))
            for n in content.find_all(lambda n: n.tag == "iframe")]


def is_mermaid(n):
    return "mermaid" in n.classes()


def code_blocks(content):
    """Blocks of code (a <pre> holding <code>), whatever wraps them; diagrams are counted apart."""
    return len(content.find_all(lambda n: n.tag == "pre" and not is_mermaid(n)
                                and n.find_all(lambda c: c.tag == "code")))


def code_block_elements(content, side):
    """Each code block's outermost element: pymdownx.highlight's div.highlight, our div.code-block."""
    cls = "highlight" if side == "mkdocs" else "code-block"
    return [n for n in content.walk() if n.tag == "div" and cls in n.classes() and not is_mermaid(n)
            and not any(cls in a.classes() for a in n.ancestors())]


def code_text_marks(code, skip):
    """The 1-based lines of `code` inside an element of class hll (Pygments' mark), counting
    the newlines of the text before each; elements `skip` accepts (line numbers) are not text."""
    marked, text = [], []

    def walk(node):
        for child in node.children:
            if isinstance(child, str):
                text.append(child)
            elif not skip(child):
                if "hll" in child.classes():
                    marked.append("".join(text).count("\n") + 1)
                walk(child)
    walk(code)
    return marked


def mkdocs_lines(block):
    """(has tokens, shown line numbers, marked lines, title) of a pymdownx.highlight block."""
    code = block.find_all(lambda n: n.tag == "code")[0]
    is_number = lambda n: "linenos" in n.classes() or "linenodiv" in n.classes()
    numbers = [n.attrs.get("data-linenos") or n.text() for n in block.find_all(is_number)
               if n.tag != "div" or n.parent.tag != "td"]
    words = [int(w) for w in " ".join(numbers).split() if w.isdigit()]
    tokens = any(not is_number(n) and n.classes() and "hll" not in n.classes()
                 for n in code.find_all(lambda n: n.tag == "span"))
    titles = [n.text() for n in block.find_all(lambda n: n.tag == "span" and "filename" in n.classes())]
    return (tokens, (words[0], len(words)) if words else None, code_text_marks(code, is_number),
            titles[0] if titles else "")


def our_lines(block):
    lines = block.find_all(has_class("line"))
    words = [int(n.attrs["data-n"]) for n in block.find_all(has_class("lineno"))]
    tokens = any(c.startswith("tok-") for n in block.walk() for c in n.classes())
    titles = [n.text() for n in block.find_all(has_class("code-title"))]
    return (tokens, (words[0], len(words)) if words else None,
            [i + 1 for i, n in enumerate(lines) if "hll" in n.classes()], titles[0].strip() if titles else "")


def code_lines(content):
    """Per code block: whether it is highlighted (has tokens), the line numbers shown (first,
    count), the lines marked (hl_lines) and the title, as pymdownx.highlight options ask."""
    side = "mkdocs" if content.tag == "article" else "ours"
    read = mkdocs_lines if side == "mkdocs" else our_lines
    return [read(b) for b in code_block_elements(content, side)]


def mermaid(content):
    return len([n for n in content.walk() if is_mermaid(n)
                and not any(is_mermaid(a) for a in n.ancestors())])


def tabs(content):
    """Labels of each tab set, Material's markup (.tabbed-set) or ARIA tabs (role=tablist)."""
    out = []
    for s in content.walk():
        if "tabbed-set" in s.classes():
            labels = s.find_all(lambda n: n.tag == "label"
                                and any("tabbed-labels" in a.classes() for a in n.ancestors()))
            if not labels:  # Material's older markup: labels right inside the set
                labels = s.find_all(lambda n: n.tag == "label")
        elif s.attrs.get("role") == "tablist":
            labels = s.find_all(lambda n: n.attrs.get("role") == "tab")
        else:
            continue
        if any("tabbed-set" in a.classes() or a.attrs.get("role") == "tablist" for a in s.ancestors()):
            continue  # a nested set is reported by its own entry
        out.append([normalise(l.text()) for l in labels])
    return out




def footnotes(content):
    """Reference targets and definition ids, in order (Python-Markdown writes #fn:1 and fn:1)."""
    refs = [n.attrs["href"] for n in content.find_all(
        lambda n: n.tag == "a" and re.match(r"^#fn[:\-]", n.attrs.get("href", "")))]
    defs = [n.attrs["id"] for n in content.find_all(
        lambda n: n.tag == "li" and re.match(r"^fn[:\-]", n.attrs.get("id", "")))]
    return {"references": refs, "definitions": defs}


def math(content):
    return [normalise(n.text()) for n in content.find_all(has_class("arithmatex"))]


def inline_marks(content):
    """pymdownx.mark, caret and tilde: ==mark==, ^^insert^^, ~~delete~~, H~2~O, x^2^."""
    return [(n.tag, normalise(n.text())) for n in content.find_all(
        lambda n: n.tag in ("mark", "ins", "del", "sub", "sup") and not n.attrs.get("id", "").startswith("fnref"))]


def definitions(content):
    """def_list: the terms of each definition list."""
    return [[normalise(t.text()) for t in dl.find_all(lambda n: n.tag == "dt")]
            for dl in content.find_all(lambda n: n.tag == "dl")]


def abbreviations(content):
    return [(normalise(n.text()), n.attrs.get("title")) for n in content.find_all(lambda n: n.tag == "abbr")]


def links(content):
    """Where the author's links go, as written in the output (use_directory_urls rewrites
    `code.md` to `../code/`), with the button classes attr_list gave them."""
    out = []
    for a in content.find_all(lambda n: n.tag == "a" and n.attrs.get("href")):
        href = a.attrs["href"]
        if href.startswith(("#", "http:", "https:")) or {"headerlink", "footnote-ref", "footnote-backref"} & set(a.classes()):
            continue
        out.append((href, " ".join(c for c in a.classes() if c.startswith("md-button"))))
    return out


def attributes(content):
    """Classes and ids that attr_list (or raw HTML) put on paragraphs and images."""
    return [(n.tag, n.attrs.get("id"), n.attrs.get("class"))
            for n in content.find_all(lambda n: n.tag in ("p", "img") and not is_emoji(n)
                                      and (n.attrs.get("id") or n.attrs.get("class")))]


def inline_styles(content):
    """The author's <style> elements and style= attributes, which the page's CSP must allow."""
    return {"style elements": len(content.find_all(lambda n: n.tag == "style")),
            "style attributes": len(content.find_all(lambda n: "style" in n.attrs and n.tag != "svg"
                                                     and not any(a.tag == "svg" for a in n.ancestors())))}


FEATURES = [
    ("headings", headings), ("title", title), ("permalinks", permalinks),
    ("admonitions", admonitions), ("tables", tables), ("images", images), ("iframes", iframes),
    ("code blocks", code_blocks), ("code lines", code_lines), ("mermaid", mermaid), ("tabs", tabs), ("footnotes", footnotes),
    ("math", math), ("marks", inline_marks), ("definitions", definitions), ("abbreviations", abbreviations),
    ("links", links), ("attributes", attributes), ("inline style", inline_styles),
]


# Facts from outside the main content.

def meta_description(root):
    found = root.find_all(lambda n: n.tag == "meta" and n.attrs.get("name") == "description")
    return found[0].attrs.get("content") if found else None


def is_hidden(n):
    return "hidden" in n.attrs or any("hidden" in a.attrs for a in n.ancestors())


def toc_box(root, side):
    # Material also copies the TOC into the primary nav for small screens; the secondary
    # sidebar is the page TOC proper (and carries `hidden` under `hide: [toc]`).
    if side == "mkdocs":
        found = root.find_all(lambda n: "md-sidebar--secondary" in n.classes())
    else:
        found = root.find_all(lambda n: n.tag == "nav" and "page-toc" in n.classes())
    return found[0] if found else None


def nav_box(root, side):
    if side == "mkdocs":
        found = root.find_all(lambda n: "md-sidebar--primary" in n.classes())
    else:
        found = root.find_all(lambda n: n.tag == "nav" and n.attrs.get("id") == "site-nav")
    return found[0] if found else None


def toc(root, side):
    """The page TOC's targets, to toc_depth."""
    box = toc_box(root, side)
    if box is None or is_hidden(box):
        return []
    return [a.attrs["href"] for a in box.find_all(
        lambda n: n.tag == "a" and n.attrs.get("href", "").startswith("#"))]


def hidden_parts(root, side):
    """What front matter `hide:` took away (absent or `hidden` both count as hidden; our theme
    hides with a `hide-<part>` class on <body> that its stylesheet turns into display: none)."""
    body = root.find_all(lambda n: n.tag == "body")
    body_classes = body[0].classes() if body and side == "ours" else []
    parts = [("navigation", nav_box(root, side)), ("toc", toc_box(root, side))]
    return [name for name, box in parts if box is None or is_hidden(box) or "hide-" + name in body_classes]


def outside_content(root, side):
    content = main_content(root, side)
    return [n for n in root.walk() if content is None or (n is not content and content not in n.ancestors())]


def logo(root, side):
    return sorted({os.path.basename(n.attrs.get("src", "")) for n in outside_content(root, side)
                   if n.tag == "img" and os.path.basename(n.attrs.get("src", "")) == "logo.svg"})


def favicon(root, side):
    return [os.path.basename(n.attrs.get("href", "")) for n in root.find_all(
        lambda n: n.tag == "link" and "icon" in (n.attrs.get("rel") or "").split())]


def canonical(root, side):
    return [n.attrs.get("href") for n in root.find_all(
        lambda n: n.tag == "link" and n.attrs.get("rel") == "canonical")]


def repo_links(root, side):
    """Links into the book's repository: the repo link and "edit this page"."""
    return sorted({n.attrs["href"] for n in root.find_all(
        lambda n: n.tag == "a" and n.attrs.get("href", "").startswith(REPO_URL))})


def copyright_shown(root, side):
    return COPYRIGHT in normalise(root.text())


def extra_files(root, side):
    """The book's extra_css and extra_javascript, linked from the page (by file name)."""
    css = [os.path.basename(n.attrs.get("href", "")) for n in root.find_all(
        lambda n: n.tag == "link" and n.attrs.get("rel") == "stylesheet")]
    js = [os.path.basename(n.attrs.get("src", "")) for n in root.find_all(lambda n: n.tag == "script")]
    return [f for f in css + js if f in ("extra.css", "extra.js")]


# From the book's mkdocs.yml.
REPO_URL = "https://github.com/example/compat-book"
COPYRIGHT = "Copyright \u00a9 2026 The Compat Authors"

def head_title(root, side):
    found = root.find_all(lambda n: n.tag == "title")
    return normalise(found[0].text()) if found else None


PAGE_FEATURES = [
    ("head title", head_title), ("description", lambda root, side: meta_description(root)), ("toc", toc), ("hide", hidden_parts),
    ("logo", logo), ("favicon", favicon), ("canonical", canonical), ("repo links", repo_links),
    ("copyright", copyright_shown), ("extra css/js", extra_files),
]


# ---------------------------------------------------------------------------------------
# Markdown left as raw text in our output (outside code, where it is meant literally).

RAW_PATTERNS = [
    # Not after a letter, backslash, _ or ^: that is LaTeX (\frac{a}{b}, x_{i=1}), not attr_list.
    ("attr_list", re.compile(r"(?<![\w\\^])\{\s*:?\s*(?:[.#][\w-]|\w+=)[^}]*\}")),
    ("admonition", re.compile(r"!!!|\?\?\?")),
    ("emoji", re.compile(r"(?<![\w:]):[a-z][a-z0-9_+]*(?:-[a-z0-9_+]+)*:(?![\w:])")),
    ("footnote", re.compile(r"\[\^[^\]]+\]")),
    ("tabs", re.compile(r"===")),
    # What md_in_html leaves behind when it misses a line (after <summary> or <iframe>).
    ("bold", re.compile(r"\*\*[^*\s][^*]*\*\*")),
    ("link", re.compile(r"\[[^\]]+\]\([^)\s]+\)")),
    ("front matter", re.compile(r"^\s*(title|description|hide):", re.M)),
]
LITERAL_TAGS = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}


def text_nodes(node):
    """Text as the reader sees it as prose: not code, not SVG, not math source."""
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag not in LITERAL_TAGS and child.tag != "svg" and \
                not {"arithmatex", "katex", "math"} & set(child.classes()):
            yield from text_nodes(child)


def raw_markdown(content):
    hits = []
    for text in text_nodes(content):
        for name, pattern in RAW_PATTERNS:
            for m in pattern.finditer(text):
                hits.append("%s %r" % (name, m.group(0)))
    return hits


# ---------------------------------------------------------------------------------------
# Where MkDocs is wrong, ours is checked against what the author meant instead.

PRICE = "$35-$80"


def mkdocs_wrong_math(math_texts):
    # pymdownx.arithmatex (smart_dollar) reads "$35-$" in "$35-$80" as inline math; the author
    # wrote a price. Those elements are left out of MkDocs' side before comparing.
    return [t for t in math_texts if not t.startswith("\\(35-")]


def price_kept(content):
    """Ours must keep the price as text: no math element holds it, the text holds it whole."""
    in_math = any("35-" in n.text() for n in content.find_all(has_class("arithmatex"))) or \
        any("35-" in n.text() for n in content.find_all(has_class("katex")))
    return (not in_math) and PRICE in "".join(text_nodes(content))


# ---------------------------------------------------------------------------------------
# The two builds.

def is_warning(line):
    # MkDocs: "WARNING  -  ..."; ours: "file:line: warning: ...". Not "warnings.md:12: error".
    return re.search(r"\bwarning\b\s*[:-]", line, re.I) is not None


def run(cmd, cwd=None):
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, time.monotonic() - start


# Material 8.2.5 (Debian) predates material.extensions.emoji; pymdownx's own twemoji index
# and SVG generator give the same shape of output for twemoji (:material-...: icons stay text
# on the MkDocs side, which only this test's raw-text check of OUR output looks at).
EMOJI_SUBSTITUTES = {
    "material.extensions.emoji.twemoji": "pymdownx.emoji.twemoji",
    "material.extensions.emoji.to_svg": "pymdownx.emoji.to_svg",
}
PACKAGED_PLUGINS = {"search"}


def mkdocs_variant(text):
    """The book's mkdocs.yml as Debian's MkDocs can read it: emoji names substituted and
    plugins that are not packaged dropped (with their options)."""
    for old, new in EMOJI_SUBSTITUTES.items():
        text = text.replace(old, new)
    out, in_plugins, dropping = [], False, False
    for line in text.splitlines():
        if re.match(r"^\S", line):
            in_plugins = line.startswith("plugins:")
            dropping = False
        elif in_plugins:
            item = re.match(r"^\s*-\s*([\w.-]+)", line)
            if item:
                dropping = item.group(1) not in PACKAGED_PLUGINS
            if dropping:
                continue
        out.append(line)
    return "\n".join(out) + "\n"


def build_mkdocs(work):
    book = os.path.join(work, "book")
    shutil.copytree(BOOK, book)
    with open(os.path.join(BOOK, "mkdocs.yml"), encoding="utf-8") as f:
        variant = mkdocs_variant(f.read())
    with open(os.path.join(book, "mkdocs.yml"), "w", encoding="utf-8") as f:
        f.write(variant)
    out = os.path.join(work, "mkdocs-site")
    # No -q: MkDocs prints its warnings only without it.
    status, log, seconds = run(["mkdocs", "build", "-f", os.path.join(book, "mkdocs.yml"), "-d", out])
    log = re.sub(r"\x1b\[[0-9;]*m", "", log)  # MkDocs colours its level names
    warnings = [l for l in log.splitlines() if is_warning(l)]
    return out, status, log, seconds, warnings


def build_ours(generator, work, theme):
    out = os.path.join(work, "ours-site")
    config = os.path.join(BOOK, "mkdocs.yml")
    base = [generator, "build", "--config", config, "--out", out]
    # Run from an empty folder, so that a theme found is one the generator carries itself
    # and not ./site of whatever folder the test started in.
    status, log, seconds = run(base, cwd=work)
    how = "built-in theme"
    if status != 0:
        status, log, seconds = run(base + ["--theme", theme], cwd=work)
        how = "--theme " + theme
    warnings = [l for l in log.splitlines() if is_warning(l)]
    return out, status, log, seconds, warnings, how


def book_pages():
    """(source, output) for each Markdown page of the book, where MkDocs writes it with
    use_directory_urls (its default): a/b.md -> a/b/index.html, a/index.md -> a/index.html."""
    pages = []
    docs = os.path.join(BOOK, "docs")
    for folder, _, files in os.walk(docs):
        for name in files:
            if name.endswith(".md"):
                source = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
                stem = source[:-3]
                if stem == "index" or stem.endswith("/index"):
                    pages.append((source, stem + ".html"))
                else:
                    pages.append((source, stem + "/index.html"))
    return sorted(pages)


def book_files():
    """The files of docs/ that are not pages: copied to the same place by both tools."""
    docs = os.path.join(BOOK, "docs")
    return sorted(os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
                  for folder, _, files in os.walk(docs) for name in files if not name.endswith(".md"))


# ---------------------------------------------------------------------------------------
# Comparing.

class Report:
    def __init__(self):
        self.results = {}  # (feature, page) -> "ok" | "-" | "FAIL"
        self.mismatches = []

    def check(self, page, feature, mkdocs, ours, equal=None):
        same = (mkdocs == ours) if equal is None else equal
        empty = mkdocs in (None, [], 0, {}) and ours in (None, [], 0, {})
        self.results[(feature, page)] = "ok" if same and not empty else ("-" if same else "FAIL")
        if not same:
            self.mismatches.append("%s: %s: mkdocs=%r ours=%r" % (page, feature, mkdocs, ours))

    def fail(self, page, feature, message):
        self.results[(feature, page)] = "FAIL"
        self.mismatches.append("%s: %s: %s" % (page, feature, message))


def ids_where_mkdocs_has_them(mk_headings, our_headings):
    # The h1 Material adds to a page without one has no id; an id on ours is harmless there.
    out = []
    for i, (tag, ident) in enumerate(our_headings):
        if i < len(mk_headings) and mk_headings[i] == (tag, ""):
            ident = ""
        out.append((tag, ident))
    return out


def our_page(report, source, output, our_site):
    """Where our generator wrote the page. Written as a/b.html instead of a/b/index.html, it
    is one mismatch (use_directory_urls) and its content is still compared."""
    if os.path.isfile(os.path.join(our_site, output)):
        report.check(source, "page path", output, output)
        return output
    flat = source[:-3] + ".html"
    if os.path.isfile(os.path.join(our_site, flat)):
        report.check(source, "page path", output, flat)
        return flat
    report.fail(source, "page path", "mkdocs=%s ours=missing" % output)
    return None


def compare_page(report, page, mk_root, our_root):
    mk, ours = main_content(mk_root, "mkdocs"), main_content(our_root, "ours")
    if mk is None:
        report.fail(page, "content", "mkdocs page has no <article class=\"md-content__inner\">")
        return
    if ours is None:
        report.fail(page, "content", "our page has no <main id=\"content\">")
        return
    for name, fact in FEATURES:
        mk_value, our_value = fact(mk), fact(ours)
        if name == "headings":
            our_value = ids_where_mkdocs_has_them(mk_value, our_value)
        if name == "math":
            mk_value = mkdocs_wrong_math(mk_value)
            # Counted, not compared as text: delimiters may differ (\( \) or $ $) and ours may
            # already be rendered by KaTeX at build time.
            report.check(page, name, len(mk_value), len(our_value) or len(ours.find_all(has_class("katex"))))
        else:
            report.check(page, name, mk_value, our_value)
    for name, fact in PAGE_FEATURES:
        report.check(page, name, fact(mk_root, "mkdocs"), fact(our_root, "ours"))
    hits = raw_markdown(ours)
    report.check(page, "raw markdown", [], hits)
    if PRICE in source_text(page):
        kept = price_kept(ours)
        report.check(page, "price not math", "math (MkDocs is wrong here)", "text" if kept else "math",
                     equal=kept)


def source_text(page):
    with open(os.path.join(BOOK, "docs", page), encoding="utf-8") as f:
        return f.read()


# The author mistakes in the book; each must be reported by both tools, as a warning.
EXPECTED_WARNINGS = ["nowhere.md", "missing.png", "missing.md"]


def compare_warnings(report, mk_log, our_log, our_status):
    for target in EXPECTED_WARNINGS:
        mk_says = any(target in l for l in mk_log.splitlines() if is_warning(l))
        ours_says = any(target in l for l in our_log.splitlines() if is_warning(l))
        report.check("(build)", "warns " + target, mk_says, ours_says)
    report.check("(build)", "exit status", 0, our_status)


def compare_files(report, mk_site, our_site):
    """Files besides the pages: the author's assets, the sitemap and the 404 page."""
    for name in book_files() + ["sitemap.xml", "404.html"]:
        report.check("(build)", "file " + name, os.path.isfile(os.path.join(mk_site, name)),
                     os.path.isfile(os.path.join(our_site, name)))


def print_summary(report, pages):
    features = []
    for feature, _ in report.results:
        if feature not in features:
            features.append(feature)
    columns = ["(build)"] + pages
    print("\nSummary (ok: same, -: nothing to compare, FAIL: mismatch)")
    for i, page in enumerate(columns):
        print("  %2d  %s" % (i, page))
    width = max(len(f) for f in features)
    print("  " + " " * width + " " + " ".join("%4d" % i for i in range(len(columns))))
    for feature in features:
        cells = [report.results.get((feature, p), "") for p in columns]
        print("  %-*s %s" % (width, feature, " ".join("%4s" % c for c in cells)))


def main():
    global BOOK
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generator", default=os.path.join(REPO, "build", "generator", "generator"))
    ap.add_argument("--theme", default=os.path.join(REPO, "site"),
                    help="theme folder, used only if the generator has no theme of its own")
    ap.add_argument("--work", help="keep both outputs in this folder (default: a temporary one)")
    ap.add_argument("--book", default=BOOK,
                    help="another copy of the compat book (say, without its author mistakes, to see "
                         "how pages render while a generator still refuses them)")
    args = ap.parse_args()
    BOOK = os.path.abspath(args.book)

    if shutil.which("mkdocs") is None:
        print("SKIP: mkdocs is not installed (apt-get install mkdocs mkdocs-material python3-pymdownx)")
        return SKIP
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="compat-")
    if args.work:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    try:
        return compare(args, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


def compare(args, work):
    mk_site, mk_status, mk_log, mk_seconds, mk_warnings = build_mkdocs(work)
    if mk_status != 0:
        print(mk_log)
        print("FAIL: MkDocs could not build the compat book (exit %d)" % mk_status)
        return 1
    our_site, our_status, our_log, our_seconds, our_warnings, how = \
        build_ours(os.path.abspath(args.generator), work, args.theme)

    print("MkDocs: %.2f s, %d warnings" % (mk_seconds, len(mk_warnings)))
    for line in mk_warnings:
        print("  " + line)
    print("ours:   %.2f s, %d warnings, exit %d (%s)" % (our_seconds, len(our_warnings), our_status, how))
    for line in our_log.splitlines()[-40:]:
        print("  " + line)

    report = Report()
    compare_warnings(report, mk_log, our_log, our_status)
    compare_files(report, mk_site, our_site)
    pages = book_pages()
    for source, output in pages:
        if not os.path.isfile(os.path.join(mk_site, output)):
            report.fail(source, "page", "MkDocs wrote no %s (is the book's layout what this test assumes?)" % output)
        else:
            ours = our_page(report, source, output, our_site)
            if ours:
                compare_page(report, source, parse_html(os.path.join(mk_site, output)),
                             parse_html(os.path.join(our_site, ours)))

    print_summary(report, [source for source, _ in pages])
    print()
    for line in report.mismatches:
        print(line)
    print("\n%d mismatches over %d pages" % (len(report.mismatches), len(pages)))
    return 1 if report.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
