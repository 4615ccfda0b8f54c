// `generator bench`: the build-speed figures of issue 2, measured in one process.
//   ours   - a full build (highlighting, TOC, trace embeds, link check, theme, writing)
//   floor  - cmark-gfm alone parsing and rendering the same Markdown, same process
//   hugo   - Hugo building the same pages with a minimal layout, where it is installed
// It prints figures; it does not judge them (no timed assertions).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "markdown.hpp"
#include "serve.hpp"
#include "site.hpp"
#include "text.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

void write(const fs::path& f, const std::string& s) {
  fs::create_directories(f.parent_path());
  std::ofstream(f, std::ios::binary) << s;
}

std::string page_dir(int i) {
  char b[32];
  std::snprintf(b, sizeof b, "chapters/%04d", i);
  return b;
}

// N copies of the chapter, each with its folder's images and traces, as a MkDocs book.
fs::path make_book(const fs::path& root, const fs::path& chapter, int copies) {
  fs::remove_all(root);
  const fs::path docs = root / "docs";
  // A nav of the home page only: like Hugo's minimal layout here, and unlike a nav of
  // every page, which would make each page's size (and the build) grow with the book.
  write(root / "mkdocs.yml", "site_name: Benchmark book\ndocs_dir: docs\nnav:\n  - Home: index.md\n");
  write(docs / "index.md", "# Benchmark book\n");
  write(docs / "sims/shared-mem-race/main.html", "<!doctype html><title>sim</title>\n");
  const fs::path chapter_dir = chapter.parent_path();
  for (int i = 0; i < copies; ++i) {
    const fs::path dir = docs / page_dir(i);
    fs::create_directories(dir);
    fs::copy(chapter_dir, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  return root / "mkdocs.yml";
}

double cmark_floor(const fs::path& docs, int copies) {
  cmark_gfm_core_extensions_ensure_registered();
  const double t0 = now_s();
  size_t bytes = 0;
  for (int i = 0; i < copies; ++i) {
    const std::string text = read_file(docs / page_dir(i) / "index.md", "bench");
    cmark_parser* p = cmark_parser_new(CMARK_OPT_UNSAFE);
    for (const char* name : kGfmExtensions) cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(name));
    cmark_parser_feed(p, text.data(), text.size());
    cmark_node* doc = cmark_parser_finish(p);
    char* html = cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(p));
    bytes += std::strlen(html);
    std::free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
  }
  const double t = now_s() - t0;
  if (bytes == 0) std::fprintf(stderr, "bench: cmark rendered nothing\n");
  return t;
}

// Hugo with a one-line layout and the same Markdown; returns seconds, or -1.
double hugo_build(const fs::path& root, const fs::path& docs, int copies) {
  if (std::system("command -v hugo >/dev/null 2>&1") != 0) return -1;
  const fs::path site = root / "hugo";
  fs::remove_all(site);
  write(site / "config.toml",
        "baseURL = 'http://127.0.0.1/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
        "[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\ncodeFences = false\n");
  write(site / "layouts/_default/single.html", "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n");
  write(site / "layouts/_default/list.html", "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n");
  for (int i = 0; i < copies; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "ch%04d.md", i);
    write(site / "content" / name,
          "---\ntitle: Chapter " + std::to_string(i) + "\n---\n" + read_file(docs / page_dir(i) / "index.md", "bench"));
  }
  const std::string cmd = "hugo --quiet --source '" + site.string() + "' --destination '" + (site / "public").string() +
                          "' >/dev/null 2>&1";
  const double t0 = now_s();
  const int rc = std::system(cmd.c_str());
  const double t = now_s() - t0;
  return rc == 0 ? t : -1;
}

}  // namespace

int run_bench(int copies, const std::string& chapter, const std::string& theme, const std::string& work) {
  if (copies < 1) {
    std::fprintf(stderr, "bench: --copies must be at least 1\n");
    return 2;
  }
  const fs::path root = fs::absolute(work);
  std::printf("Synthetic book: %d copies of %s\n", copies, chapter.c_str());
  const fs::path config = make_book(root, chapter, copies);

  const long rss_before = peak_rss_kib();
  // Each timed build writes into an empty folder, as Hugo's below does.
  auto timed_build = [&](unsigned threads) {
    fs::remove_all(root / "site");
    BuildOptions opts{config, theme, root / "site", {}, threads};
    BuildReport r = build_site(opts);
    if (!r.ok()) print_report(r, (root / "site").string());
    return r;
  };
  timed_build(0);  // warm the page cache: the sources were just written
  const BuildReport ours = timed_build(0);
  const long rss_peak = peak_rss_kib();
  if (!ours.ok()) return 1;
  const BuildReport ours_1t = timed_build(1);
  const double floor = cmark_floor(root / "docs", copies);

  const double pages = static_cast<double>(ours.pages);
  std::printf("\n%-44s %10s %12s\n", "", "seconds", "pages/s");
  std::printf("%-44s %10.3f %12.0f\n", "generator build (all cores)", ours.seconds, pages / ours.seconds);
  std::printf("%-44s %10.3f %12.0f\n", "generator build (1 thread)", ours_1t.seconds, pages / ours_1t.seconds);
  std::printf("%-44s %10.3f %12.0f\n", "cmark-gfm parse+render only (1 thread)", floor, copies / floor);
  std::printf("\npeak memory of the process: %.1f MiB (%.1f MiB before the builds)\n", rss_peak / 1024.0,
              rss_before / 1024.0);
  std::printf("ratio to the cmark-gfm floor: %.2fx (all cores), %.2fx (1 thread); target <= 1.5x\n",
              ours.seconds / floor, ours_1t.seconds / floor);

  // What `serve` does on save: a cached rebuild after one page changed.
  {
    BuildCache cache;
    BuildOptions opts{config, theme, root / "site", {}, 0, &cache, true};
    fs::remove_all(build_site(opts).stale);
    const fs::path page = root / "docs" / page_dir(copies / 2) / "index.md";
    std::ofstream(page, std::ios::app) << "\nEdited for the rebuild benchmark.\n";
    const BuildReport r = build_site(opts);
    fs::remove_all(r.stale);  // serve does this in the background, after the new site is live
    std::printf("rebuild after editing one page (serve's cached build): %.3f s for %zu pages%s\n", r.seconds, r.pages,
                r.ok() ? "" : " (FAILED)");
  }

  const double hugo = hugo_build(root, root / "docs", copies);
  if (hugo > 0)
    std::printf("hugo (minimal layout, no highlighting): %.3f s -> generator is %.1fx faster (target >= 5x)\n", hugo,
                hugo / ours.seconds);
  else
    std::printf("hugo: not installed or failed; no ratio printed\n");
  return 0;
}

}  // namespace book
