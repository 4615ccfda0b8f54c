#!/usr/bin/env python3
"""Side-by-side benchmarks of the site generator (issue 5), python3 standard library only.

  compare   build the same synthetic book (1, 100, 1,000 copies of the chapter) with our
            generator, Hugo, MkDocs Material and pandoc; wall time, peak memory, pages/s, ratios
  rebuild   `generator serve` on the 1,000-page book: time from writing one page's source
            to the new page being on disk
  load      `generator serve` on loopback under wrk; exits 1 on any socket error or non-2xx
  all       the three above, in that order (what `./dev.sh bench` runs)

Every figure is measured in this run, one tool after the other, never side by side. Timings
are printed, never asserted; only `load` judges (zero errors), because a server that drops
requests is a bug whatever the machine.
"""
import argparse
import datetime
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
CHAPTER = os.path.join(SOURCE, "content", "chapters", "07-shared-memory", "index.md")
LOOPBACK = "127.0.0.1"  # the only host any of this talks to

# One config for both: our generator reads site_name/docs_dir/nav and ignores the rest, MkDocs
# reads all of it. The nav lists the home page only (as `generator bench` does): a nav of every
# page would make each page's size, and so every tool's build, grow with the square of the book.
MKDOCS_YML = """\
site_name: Benchmark book
docs_dir: docs
site_dir: out/mkdocs
use_directory_urls: false
nav:
  - Home: index.md
theme:
  name: material
plugins: []
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""

# Hugo with a minimal layout: title, table of contents and content; Chroma highlighting stays on
# (Hugo's default) so that code is highlighted as ours and MkDocs' is.
HUGO_CONFIG = """\
baseURL = 'http://127.0.0.1/'
disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUT = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
               "<body><nav>{{ .TableOfContents }}</nav><main>{{ .Content }}</main></body></html>\n")

SIM_PLACEHOLDER = "<!doctype html><title>sim</title>\n"

# Printed with the results: the tools do not do the same work, and the figures mean little without it.
WHAT_EACH_TOOL_DOES = """\
What each tool does with the same Markdown (the chapter: 12 KB, five titled C fences, three quizzes,
an iframe, images, five recorded traces beside it):

- **ours**: the book's theme (nav, table of contents, prev/next), admonitions and the quizzes as
  `<details>`, C highlighted by tree-sitter with one span per line, the five recorded traces rendered as
  SVG under their code blocks, every link, anchor and image checked, the output swapped in atomically.
  One render thread per core by default (2 here); the `ours, 1 thread` row is `--threads 1`.
- **hugo**: a minimal layout (title, table of contents, content), Goldmark with raw HTML allowed,
  Chroma highlighting (Hugo's default, inline styles). Each page is a leaf bundle, so its img/,
  traces/ and data/ are published beside it. No admonitions or quizzes: `!!!` and `???` blocks come
  out as plain paragraphs or code. No link check. Uses every core. The `hugo, no highlight` row is
  the same with `codeFences = false` (what `generator bench` compares with): code is left plain.
- **mkdocs-material**: the Material theme, `admonition`, `pymdownx.details` (the quizzes become
  `<details>` as ours), `pymdownx.highlight` + `superfences` (Pygments), `toc` permalinks,
  `attr_list`, `md_in_html`; the search plugin is off (`plugins: []`) because ours has no search.
  Its check of links covers `.md` targets only, as warnings. One Python process, one core; its
  time includes Python's start-up (about a second here).
- **pandoc (batch)**: one `sh` script that copies the book's files (`cp -r`) and then runs
  `pandoc -f gfm -t html5 -s` once per page, one after the other (no parallelism: pandoc has no book
  mode, and one process per page is how it is used for a book). Skylighting highlights the C.
  No admonitions or quizzes, no nav, no link check. Its peak memory is the largest single pandoc.

All four get the same nav (the home page only) and write a fresh output folder on every run.
Each wall time includes the tool's process start-up.
"""


def log(*a):
    print(*a, flush=True)


def loadavg():
    return "%.2f %.2f %.2f" % os.getloadavg()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def page_dir(i):
    return "chapters/%04d" % i


def make_book(root, copies, chapter=CHAPTER):
    """N copies of the chapter's folder (page, img/, traces/, data/) as a MkDocs book under root."""
    shutil.rmtree(root, ignore_errors=True)
    docs = os.path.join(root, "docs")
    write(os.path.join(root, "mkdocs.yml"), MKDOCS_YML)
    write(os.path.join(docs, "index.md"), "# Benchmark book\n")
    write(os.path.join(docs, "sims/shared-mem-race/main.html"), SIM_PLACEHOLDER)
    for i in range(copies):
        shutil.copytree(os.path.dirname(chapter), os.path.join(docs, page_dir(i)))
    return os.path.join(root, "mkdocs.yml")


def make_hugo_site(root, copies):
    """The same pages as Hugo leaf bundles, so img/, traces/ and data/ are published beside each."""
    site = os.path.join(root, "hugo")
    docs = os.path.join(root, "docs")
    write(os.path.join(site, "config.toml"), HUGO_CONFIG)
    # the figure `generator bench` prints: Hugo with its highlighting off, Markdown to HTML only
    write(os.path.join(site, "config-nohighlight.toml"), HUGO_CONFIG + "[markup.highlight]\ncodeFences = false\n")
    for kind in ("single", "list"):
        write(os.path.join(site, "layouts/_default/%s.html" % kind), HUGO_LAYOUT)
    write(os.path.join(site, "static/sims/shared-mem-race/main.html"), SIM_PLACEHOLDER)
    write(os.path.join(site, "content/_index.md"), "---\ntitle: Benchmark book\n---\n# Benchmark book\n")
    for i in range(copies):
        dst = os.path.join(site, "content", page_dir(i))
        shutil.copytree(os.path.join(docs, page_dir(i)), dst)
        with open(os.path.join(dst, "index.md"), encoding="utf-8") as f:
            text = f.read()
        write(os.path.join(dst, "index.md"), "---\ntitle: Chapter %d\n---\n%s" % (i, text))
    return site


def make_pandoc_batch(root, copies):
    """One shell script: copy the book's files, then one pandoc process per page, in sequence."""
    docs = os.path.join(root, "docs")
    out = os.path.join(root, "out", "pandoc")
    lines = ["set -e", "cp -r '%s/.' '%s'" % (docs, out)]
    pages = ["index"] + [page_dir(i) + "/index" for i in range(copies)]
    for p in pages:
        lines.append("pandoc -f gfm -t html5 -s --metadata title='%s' -o '%s/%s.html' '%s/%s.md'"
                     % (p, out, p, docs, p))
    script = os.path.join(root, "pandoc-batch.sh")
    write(script, "\n".join(lines) + "\n")
    return script, out


def run_measured(cmd, cwd, log_path):
    """Runs cmd; returns (seconds, peak RSS in KiB of the largest process in its tree)."""
    with open(log_path, "wb") as logf:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=logf, stderr=subprocess.STDOUT)
        # wait4 gives this child's own rusage; its ru_maxrss already covers the descendants
        # it waited for (each pandoc of the batch), so it is the largest single process.
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-2000:]
        raise RuntimeError("%s failed (exit %d); log %s:\n%s" % (cmd[0], p.returncode, log_path, tail))
    return dt, ru.ru_maxrss


def check_output(path, what):
    if not os.path.isfile(path):
        raise RuntimeError("%s did not write %s" % (what, path))


def tools(args, root, copies):
    """(name, command, cwd, output folder, a page it must have written, pages rendered)."""
    config = os.path.join(root, "mkdocs.yml")
    out = os.path.join(root, "out")
    page = os.path.join(page_dir(copies - 1), "index.html")
    # --no-cache: every round is a build from scratch, as each of the others' is (`generator bench`
    # prints the cached figures).
    gen = [args.generator, "build", "--no-cache", "--config", config, "--theme", args.theme]
    hugo = os.path.join(root, "hugo")
    batch, pandoc_out = make_pandoc_batch(root, copies)
    return [
        ("ours", gen + ["--out", os.path.join(out, "ours")], root, os.path.join(out, "ours"), page),
        ("ours, 1 thread", gen + ["--out", os.path.join(out, "ours1"), "--threads", "1"], root,
         os.path.join(out, "ours1"), page),
        ("hugo", ["hugo", "--quiet", "--source", hugo, "--destination", os.path.join(out, "hugo")], root,
         os.path.join(out, "hugo"), page),
        ("hugo, no highlight", ["hugo", "--quiet", "--source", hugo, "--config",
                                os.path.join(hugo, "config-nohighlight.toml"), "--destination",
                                os.path.join(out, "hugo-nohl")], root, os.path.join(out, "hugo-nohl"), page),
        ("mkdocs-material", ["mkdocs", "build", "--quiet", "--config-file", config], root,
         os.path.join(out, "mkdocs"), page),
        ("pandoc (batch)", ["sh", batch], root, pandoc_out, page),
    ]


def compare(args):
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}  # (tool, copies) -> dict
    log("== Side-by-side build benchmark: best of %d rounds; each round runs every tool once, one at a time,"
        % args.repeat)
    log("   so that a burst of load from elsewhere falls on all tools alike rather than on one of them")
    log("   load average before: %s" % loadavg())
    for copies in sizes:
        root = os.path.join(args.work, "book-%d" % copies)
        make_book(root, copies)
        make_hugo_site(root, copies)
        pages = copies + 1
        log("\n-- %d copies of the chapter (%d pages with the home page); load average %s" % (copies, pages, loadavg()))
        chosen = [t for t in tools(args, root, copies)
                  if not args.only or any(t[0].startswith(o) for o in args.only.split(","))]
        times = {t[0]: [] for t in chosen}
        rss = {t[0]: [] for t in chosen}
        for r in range(args.repeat):
            for name, cmd, cwd, out, page in chosen:
                shutil.rmtree(out, ignore_errors=True)  # every tool writes a fresh tree, every run
                if name.startswith("pandoc"):
                    os.makedirs(out)
                dt, kib = run_measured(cmd, cwd, os.path.join(root, "log-%s-%d.txt" % (name.split()[0], r)))
                check_output(os.path.join(out, page), name)
                times[name].append(dt)
                rss[name].append(kib)
        log("%-19s %9s %9s %9s %9s %9s   %s" % ("tool", "best s", "median s", "peak MiB", "pages/s", "page KiB",
                                                "all runs (s)"))
        for name, cmd, cwd, out, page in chosen:
            t = times[name]
            best = min(t)
            res = dict(best=best, median=statistics.median(t), rss=max(rss[name]) / 1024.0, pages=pages,
                       rate=pages / best, runs=t, page_kib=os.path.getsize(os.path.join(out, page)) / 1024.0)
            results[(name, copies)] = res
            log("%-19s %9.3f %9.3f %9.1f %9.0f %9.1f   %s" % (name, best, res["median"], res["rss"], res["rate"],
                                                              res["page_kib"], " ".join("%.3f" % x for x in t)))
        ours = results.get(("ours", copies))
        if ours:
            for name, _, _, _, _ in chosen:
                other = results.get((name, copies))
                if name != "ours" and other:
                    log("   ours vs %-20s %6.1fx faster (best), %6.1fx (median), %5.2fx the peak memory"
                        % (name + ":", other["best"] / ours["best"], other["median"] / ours["median"],
                           ours["rss"] / other["rss"]))
        log("   load average after this size: %s" % loadavg())
    return results


def free_port():
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class Server:
    """`generator serve` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, args, config, out, log_path):
        self.log_path = log_path
        self.log = open(log_path, "wb")
        for _ in range(5):  # a free port can be taken between the probe and serve's bind: retry
            self.port = free_port()
            self.proc = subprocess.Popen(
                [args.generator, "serve", "--config", config, "--theme", args.theme, "--out", out,
                 "--host", LOOPBACK, "--port", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT)
            if self.wait_ready(args.ready_timeout):
                return
        raise RuntimeError("generator serve did not start; see %s" % log_path)

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if "build failed" in text:  # serve keeps serving the previous output: there is none here
                self.stop()
                raise RuntimeError("generator serve could not build the book:\n" + text[-2000:])
            try:
                with urllib.request.urlopen("http://%s:%d/" % (LOOPBACK, self.port), timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("generator serve not ready after %d s" % timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def rebuild(args):
    copies = args.rebuild_copies
    root = os.path.join(args.work, "serve-%d" % copies)
    config = make_book(root, copies)
    out = os.path.join(root, "out")
    log("\n== Rebuild latency: generator serve on the %d-copy book, one page's source changed %d times"
        % (copies, args.edits))
    log("   load average before: %s" % loadavg())
    srv = Server(args, config, out, os.path.join(root, "serve.log"))
    try:
        time.sleep(1.0)  # let the watcher take its first fingerprint of the sources
        rel = page_dir(copies // 2)
        src = os.path.join(root, "docs", rel, "index.md")
        dst = os.path.join(out, rel, "index.html")
        with open(src, encoding="utf-8") as f:
            original = f.read()
        rng = random.Random(5)
        lat = []
        for k in range(args.edits):
            marker = "REBUILD-MARKER-%d-%d" % (k, rng.randrange(1 << 30))
            # the watcher polls every 200 ms: edit at a random phase of its cycle
            time.sleep(0.5 + rng.random() * 0.2)
            t0 = time.perf_counter()
            with open(src, "w", encoding="utf-8") as f:
                f.write(original + "\n\n" + marker + "\n")
            deadline = t0 + args.rebuild_timeout
            while True:
                try:
                    with open(dst, encoding="utf-8", errors="replace") as f:
                        if marker in f.read():
                            break
                except OSError:
                    pass  # between the output swap's two renames
                if time.perf_counter() > deadline:
                    raise RuntimeError("the edit did not reach %s within %d s" % (dst, args.rebuild_timeout))
                time.sleep(0.002)
            lat.append(time.perf_counter() - t0)
        with open(src, "w", encoding="utf-8") as f:
            f.write(original)
    finally:
        srv.stop()
    res = dict(best=min(lat), median=statistics.median(lat), worst=max(lat), runs=lat, copies=copies)
    log("   write -> new page on disk: best %.3f s, median %.3f s, worst %.3f s  (runs: %s)"
        % (res["best"], res["median"], res["worst"], " ".join("%.3f" % t for t in lat)))
    log("   load average after: %s" % loadavg())
    return res


WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(\w+)")
WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def wrk_once(args, port, path):
    """One wrk run against path on loopback; returns its figures, or None when wrk printed none."""
    url = "http://%s:%d%s" % (LOOPBACK, port, path)
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            size = len(r.read())
    except urllib.error.HTTPError as e:
        size = len(e.read())
    cmd = ["wrk", "-t%d" % args.threads, "-c%d" % args.connections, "-d%ds" % args.duration,
           "--timeout", "%ds" % args.wrk_timeout, url]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 60)
    text = p.stdout + p.stderr
    for line in text.strip().splitlines():
        log("   | " + line)
    rate = WRK_RATE.search(text)
    total = WRK_TOTAL.search(text)
    sock = WRK_SOCKET.search(text)
    non2xx = WRK_NON2XX.search(text)
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    bad = int(non2xx.group(1)) if non2xx else 0
    if p.returncode != 0 or not rate or not total:
        log("   FAIL: wrk exited %d or printed no figures" % p.returncode)
        return None
    res = dict(rate=float(rate.group(1)), requests=int(total.group(1)), errors=socket_errors + bad,
               socket_errors=socket_errors, non2xx=bad, page_bytes=size, url_path=path, cmd=" ".join(cmd[:-1]))
    log("   %s: %.0f requests/s, %d requests of %s (%d bytes), errors: %d (socket %d, non-2xx %d)"
        % ("PASS" if res["errors"] == 0 and res["requests"] > 0 else "FAIL", res["rate"], res["requests"], path,
           size, res["errors"], socket_errors, bad))
    return res


def load(args):
    """The chapter page, then a small file: both must come back without an error."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian package wrk; ./dev.sh installs it)")
    root = os.path.join(args.work, "load")
    config = make_book(root, 1)
    out = os.path.join(root, "out")
    log("\n== serve under load: wrk -t%d -c%d -d%ds on loopback" % (args.threads, args.connections, args.duration))
    log("   load average before: %s" % loadavg())
    srv = Server(args, config, out, os.path.join(root, "serve.log"))
    try:
        runs = [wrk_once(args, srv.port, path) for path in (args.path, args.small_path)]
    finally:
        srv.stop()
    log("   load average after: %s" % loadavg())
    return None if None in runs else runs


def version_of(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (p.stdout or p.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not installed"


def dpkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True).stdout or "?"
    except OSError:
        return "?"


def provenance(args):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    if args.commit:
        return [("commit", args.commit)] + machine(cpu)
    try:
        commit = subprocess.run(["git", "-C", SOURCE, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    try:
        dirty = subprocess.run(["git", "-C", SOURCE, "status", "--porcelain", "--", "generator/src"],
                               capture_output=True, text=True).stdout.strip()
        if dirty:
            commit += " with uncommitted changes in generator/src"
    except OSError:
        pass
    return [("commit", commit or "?")] + machine(cpu)


def machine(cpu):
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("kernel", platform.release()),
        ("CPU", "%s, %d cores" % (cpu, os.cpu_count() or 0)),
        ("OS", version_of(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""])),
        ("hugo", version_of(["hugo", "version"])),
        ("mkdocs", "%s; mkdocs-material %s; python3-pymdownx %s; python3-markdown %s"
         % (version_of(["mkdocs", "--version"]), dpkg_version("mkdocs-material"), dpkg_version("python3-pymdownx"),
            dpkg_version("python3-markdown"))),
        ("pandoc", version_of(["pandoc", "--version"])),
        ("wrk", version_of(["wrk", "--version"])),
        ("cmark-gfm (ours)", dpkg_version("libcmark-gfm-dev")),
    ]


def write_results(path, args, prov, load_before, load_after, cmp_res, reb, lo):
    sizes = sorted({c for (_, c) in cmp_res}) if cmp_res else []
    names = []
    for (n, _) in cmp_res or {}:
        if n not in names:
            names.append(n)
    md = ["# Side-by-side benchmark results", "",
          "Produced by `python3 generator/bench/side_by_side.py all --results generator/bench/results.md` "
          "(what `./dev.sh bench` runs, printing only). Best of %d rounds per size; a round runs every tool once, "
          "one at a time, each writing a fresh output folder; peak memory is the largest process's maximum "
          "resident set over the rounds." % args.repeat, "", "## Provenance", ""]
    md += ["- %s: %s" % (k, v) for k, v in prov]
    md += ["- load average (1, 5, 15 min) before: %s; after: %s" % (load_before, load_after), ""]
    if cmp_res:
        md += ["## Full builds", "",
               "| pages | tool | best s | median s | peak MiB | pages/s (best) | chapter page KiB | ours is x faster (best) |",
               "|---:|---|---:|---:|---:|---:|---:|---:|"]
        for c in sizes:
            ours = cmp_res.get(("ours", c))
            for n in names:
                r = cmp_res.get((n, c))
                if not r:
                    continue
                ratio = "" if n == "ours" or not ours else "%.1f" % (r["best"] / ours["best"])
                md.append("| %d | %s | %.3f | %.3f | %.1f | %.0f | %.1f | %s |"
                          % (r["pages"], n, r["best"], r["median"], r["rss"], r["rate"], r["page_kib"], ratio))
        md += ["", WHAT_EACH_TOOL_DOES]
    if reb:
        md += ["## Rebuild after one page changes (`generator serve`, %d-copy book)" % reb["copies"], "",
               "Write of the page's source to the new HTML on disk, %d edits: best %.3f s, median %.3f s, "
               "worst %.3f s." % (len(reb["runs"]), reb["best"], reb["median"], reb["worst"]), ""]
    if lo:
        md += ["## `generator serve` under load", ""]
        for r in lo:
            md += ["- `%s` against `%s` (%d bytes): %.0f requests/s, %d requests, %d errors (socket %d, non-2xx %d)."
                   % (r["cmd"], r["url_path"], r["page_bytes"], r["rate"], r["requests"], r["errors"],
                      r["socket_errors"], r["non2xx"])]
        md.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    log("\nresults written to %s" % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="?", default="all", choices=["all", "compare", "rebuild", "load"])
    ap.add_argument("--generator", required=True, help="the generator binary")
    ap.add_argument("--theme", default=os.path.join(SOURCE, "site"))
    ap.add_argument("--work", required=True, help="scratch folder for the books and outputs")
    ap.add_argument("--sizes", default="1,100,1000", help="copies of the chapter per book")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool and size; the best is reported")
    ap.add_argument("--only", default="", help="comma-separated tool name prefixes (ours,hugo,mkdocs,pandoc)")
    ap.add_argument("--rebuild-copies", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--rebuild-timeout", type=int, default=120)
    ap.add_argument("--ready-timeout", type=int, default=300)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--connections", type=int, default=50, help="wrk connections")
    ap.add_argument("--duration", type=int, default=10, help="wrk seconds")
    ap.add_argument("--path", default="/%s/index.html" % page_dir(0), help="what wrk requests (loopback only)")
    ap.add_argument("--small-path", default="/assets/book.css", help="a small file wrk requests next")
    ap.add_argument("--wrk-timeout", type=int, default=2, help="wrk per-request timeout, seconds")
    ap.add_argument("--commit", help="what the generator was built from, for the provenance (default: git HEAD)")
    ap.add_argument("--results", help="also write the figures and their provenance as Markdown here")
    args = ap.parse_args()
    args.generator = os.path.abspath(args.generator)
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)

    prov = provenance(args)
    load_before = loadavg()
    log("== Machine: " + "; ".join("%s: %s" % kv for kv in prov))
    cmp_res = reb = lo = None
    ok = True
    if args.what in ("all", "compare"):
        cmp_res = compare(args)
    if args.what in ("all", "rebuild"):
        reb = rebuild(args)
    if args.what in ("all", "load"):
        lo = load(args)
        ok = lo is not None and all(r["errors"] == 0 and r["requests"] > 0 for r in lo)
    load_after = loadavg()
    log("\n== load average before: %s; after: %s (2 cores: figures taken above ~1 are disturbed)"
        % (load_before, load_after))
    if args.results:
        write_results(args.results, args, prov, load_before, load_after, cmp_res, reb, lo)
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print("side_by_side: %s" % e, file=sys.stderr)
        sys.exit(1)
