// `generator bench`: build speed against Hugo and the cmark-gfm floor, in one run. The book
// (bench_book.hpp) is 1,000 distinct varied chapters plus textbook-shaped pages. Every figure
// comes from a process of its own, timed from start to exit, its peak memory read from wait4:
//   ours cold  - `generator build` with no cache and an empty output folder (in rounds with
//                Hugo's cold builds, each after a minute's wait, the fastest of each printed)
//   ours warm  - the same again on unchanged input: the site is found up to date
//   ours edited - one chapter edited, then another: the on-disk cache and the previous output
//   hugo       - the same Markdown with a minimal layout, with Chroma highlighting and without
//   floor      - cmark-gfm alone parsing and rendering every page
// It prints figures and their ratios to the targets; it asserts nothing.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "bench_book.hpp"
#include "fragment_cache.hpp"
#include "markdown.hpp"
#include "serve.hpp"
#include "site.hpp"
#include "text.hpp"

extern char** environ;

namespace book {
namespace fs = std::filesystem;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Run {
  double seconds = -1;  // -1: did not run or failed
  long peak_kib = 0;
};

// Runs a program to its end, its output into `log`; timed from spawn to exit. The disk is
// synced first, so that no run pays for writing back what the one before left.
Run run_process(const std::vector<std::string>& args, const fs::path& log) {
  sync();
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  const double t0 = now_s();
  pid_t pid = 0;
  const int err = posix_spawnp(&pid, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  Run r;
  if (err != 0) return r;
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) != pid) return r;
  const double t = now_s() - t0;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) r.seconds = t;
  r.peak_kib = ru.ru_maxrss;
  if (r.seconds < 0) std::fprintf(stderr, "bench: %s failed; its output is in %s\n", args[0].c_str(), log.c_str());
  return r;
}

std::vector<fs::path> markdown_files(const fs::path& docs) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(docs))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

void write(const fs::path& f, const std::string& s) {
  fs::create_directories(f.parent_path());
  std::ofstream(f, std::ios::binary) << s;
}

// What our build copies as it is: every file but the Markdown and the recorded traces, which
// pages embed. Hugo gets the same files (static/), so both sites hold the book's images.
void copy_static_files(const fs::path& docs, const fs::path& static_dir) {
  for (const auto& e : fs::recursive_directory_iterator(docs)) {
    const fs::path rel = e.path().lexically_relative(docs);
    if (!e.is_regular_file() || e.path().extension() == ".md" || rel.parent_path().filename() == "traces") continue;
    fs::create_directories((static_dir / rel).parent_path());
    fs::copy_file(e.path(), static_dir / rel, fs::copy_options::overwrite_existing);
  }
}

// Hugo with a one-line layout, the same Markdown and the same static files, into an empty folder.
// `public_dir`: where it writes; by default the site's own public/.
fs::path hugo_site(const fs::path& root, bool highlight) {
  return root / (highlight ? "hugo-chroma" : "hugo-plain");
}

Run hugo_build(const fs::path& root, const fs::path& docs, bool highlight, fs::path public_dir = {}) {
  if (std::system("command -v hugo >/dev/null 2>&1") != 0) return {};
  const fs::path site = hugo_site(root, highlight);
  if (!fs::exists(site / "content")) {
    write(site / "config.toml",
          std::string("baseURL = 'http://127.0.0.1/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
                      "[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\ncodeFences = ") +
              (highlight ? "true\nguessSyntax = false\n" : "false\n"));
    write(site / "layouts/_default/single.html", "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n");
    write(site / "layouts/_default/list.html", "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n");
    int n = 0;
    for (const auto& md : markdown_files(docs)) {
      char name[32];
      std::snprintf(name, sizeof name, "p%05d.md", n++);
      write(site / "content" / name, "---\ntitle: Page " + std::to_string(n) + "\n---\n" + read_file(md, "bench"));
    }
    copy_static_files(docs, site / "static");
  }
  if (public_dir.empty()) public_dir = site / "public";
  fs::remove_all(public_dir);
  const Run r = run_process({"hugo", "--quiet", "--source", site.string(), "--destination", public_dir.string()},
                            root / "hugo.log");
  if (public_dir != site / "public") fs::remove_all(public_dir);
  return r;
}

// What a build of ours leaves: the output, and beside it the fragment cache and the spare.
void remove_our_build(const fs::path& out) {
  for (const fs::path& p : {out, FragmentCache::dir_for(out), OutputFolder::spare_dir(out)}) fs::remove_all(p);
}

// Our build in a process of its own; `cold` removes the cache and the output first.
Run our_build(const fs::path& self, const BenchBook& b, const std::string& theme, const fs::path& out, bool cold) {
  if (cold) remove_our_build(out);
  return run_process({self.string(), "build", "-f", b.config.string(), "--theme", theme, "--out", out.string()},
                     out.parent_path() / "build.log");
}

// How many of the varied chapters came out different from every other (by hash).
size_t distinct_chapters(const fs::path& out, int chapters) {
  std::set<size_t> seen;
  for (int i = 0; i < chapters; ++i) {
    char rel[40];
    std::snprintf(rel, sizeof rel, "chapters/%04d/index.html", i);
    seen.insert(std::hash<std::string>{}(read_file(out / rel, "bench")));
  }
  return seen.size();
}

// The book is made in a child process: a spawned process's peak memory (wait4) counts its
// parent's peak until it execs, so this process must stay small.
bool make_book_in_child(const fs::path& root, const fs::path& chapter, int chapters, int textbook) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      make_bench_book(root, chapter, chapters, textbook);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench: cannot make the book: %s\n", e.what());
      _exit(1);
    }
  }
  int status = 0;
  return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void print_row(const char* what, const Run& r, size_t pages) {
  if (r.seconds < 0) return (void)std::printf("%-44s %10s\n", what, "(not run)");
  std::printf("%-44s %10.3f %10.0f %10.1f\n", what, r.seconds, pages / r.seconds, r.peak_kib / 1024.0);
}

void print_ratio(const char* what, double ours, double theirs, const char* target) {
  if (ours <= 0 || theirs <= 0) return (void)std::printf("%-44s %10s  (target %s)\n", what, "n/a", target);
  std::printf("%-44s %10.2f  (target %s)\n", what, ours / theirs, target);
}

}  // namespace

// `generator bench --floor DOCS`: what cmark-gfm alone takes for every page, in its own process.
int run_floor(const std::string& docs) {
  cmark_gfm_core_extensions_ensure_registered();
  size_t bytes = 0;
  for (const auto& md : markdown_files(docs)) {
    const std::string text = read_file(md, "bench");
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
  return bytes > 0 ? 0 : 1;
}

namespace {

// The chapter page's size as the nav grows: with navigation.prune it stays near constant.
void print_nav_sizes(const fs::path& root, const fs::path& chapter, const std::string& theme) {
  std::printf("\nchapter page size against nav size (sections of 25, navigation.prune):\n");
  for (int entries : {10, 100, 1000}) {
    const fs::path dir = root / ("nav-" + std::to_string(entries));
    const fs::path config = make_nav_book(dir, chapter, entries);
    const BuildReport r = build_site({config, theme, dir / "site", {}, 0});
    if (!r.ok()) print_report(r, (dir / "site").string());
    const auto size = r.ok() ? fs::file_size(dir / "site/chapters/07/index.html") : 0;
    std::printf("  %5d nav entries: %8ju bytes\n", entries, static_cast<uintmax_t>(size));
  }
}

struct ColdRuns {
  Run ours, chroma, plain;  // each the fastest of its rounds, with the highest peak of them
  std::string rounds;       // every round's seconds, printed beside the best
};

constexpr int kColdRounds = 3;
constexpr int kSettleSeconds = 65;

// A failed run (seconds < 0) wins, so that it shows.
Run fastest(const Run& a, const Run& b) {
  if (a.seconds < 0 || b.seconds < 0) return a.seconds < 0 ? a : b;
  Run r = a.seconds <= b.seconds ? a : b;
  r.peak_kib = std::max(a.peak_kib, b.peak_kib);
  return r;
}

// Deletes the cold builds' outputs, then waits until the kernel stops counting the inodes they
// held as just freed. On ext4 without a journal (this VM's disk), creating a file skips every
// inode freed in the last 60 s (after a sync): a build that starts right after thousands of files
// were deleted pays for each of them, by an amount that depends on what was deleted where, up to
// seconds (the same three builds in rounds without the wait took 2.20, 2.65 and 3.96 s).
void clear_and_settle(const fs::path& out, const fs::path& root) {
  remove_our_build(out);
  for (bool highlight : {true, false}) fs::remove_all(hugo_site(root, highlight) / "public");
  sync();
  std::this_thread::sleep_for(std::chrono::seconds(kSettleSeconds));
}

// Cold builds of ours and of Hugo's two, in rounds, the fastest of each printed, and every
// round. Each builds into an empty folder whose previous contents were deleted over a minute
// before (clear_and_settle). One untimed build each first brings the sources into the page cache.
ColdRuns cold_rounds(const fs::path& self, const BenchBook& b, const std::string& theme, const fs::path& out,
                     const fs::path& root) {
  for (bool highlight : {true, false}) fs::remove_all(hugo_site(root, highlight));  // made from this book
  our_build(self, b, theme, out, true);
  hugo_build(root, b.docs, true);
  hugo_build(root, b.docs, false);
  // Each round in another order, after an untimed floor run, so that no tool always comes first
  // after the minute's idle wait.
  const auto round = [&](int r) {
    ColdRuns next;
    run_process({self.string(), "bench", "--floor", b.docs.string()}, root / "floor.log");
    for (int k = 0; k < 3; ++k) {
      const int which = (k + r) % 3;
      if (which == 0) next.ours = our_build(self, b, theme, out, true);
      if (which == 1) next.chroma = hugo_build(root, b.docs, true);
      if (which == 2) next.plain = hugo_build(root, b.docs, false);
    }
    return next;
  };
  ColdRuns best;
  for (int r = 0; r < kColdRounds; ++r) {
    clear_and_settle(out, root);
    const ColdRuns next = round(r);
    char line[96];
    std::snprintf(line, sizeof line, "  round %d: ours %.3f s, hugo with Chroma %.3f s, without %.3f s\n", r + 1,
                  next.ours.seconds, next.chroma.seconds, next.plain.seconds);
    best = r ? ColdRuns{fastest(best.ours, next.ours), fastest(best.chroma, next.chroma),
                        fastest(best.plain, next.plain), best.rounds + line}
             : ColdRuns{next.ours, next.chroma, next.plain, line};
  }
  return best;
}

// An author's edit: a sentence added to chapter i.
void edit_chapter(const BenchBook& b, int i) {
  char rel[40];
  std::snprintf(rel, sizeof rel, "chapters/%04d/index.md", i);
  std::ofstream(b.docs / rel, std::ios::app) << "\nEdited for the rebuild benchmark.\n";
}

// What `serve` does on save: a cached rebuild after one page changed.
void print_rebuild(const BenchBook& b, const std::string& theme, const fs::path& out) {
  BuildCache cache;
  BuildOptions opts{b.config, theme, out, {}, 0, &cache, true};
  fs::remove_all(build_site(opts).stale);
  edit_chapter(b, b.chapters / 2);
  const BuildReport r = build_site(opts);
  fs::remove_all(r.stale);  // serve does this in the background, after the new site is live
  std::printf("rebuild after editing one page (serve's cached build): %.3f s for %zu pages%s\n", r.seconds, r.pages,
              r.ok() ? "" : " (FAILED)");
}

// The same cold builds with the output in memory (tmpfs): on a disk, creating thousands of
// files just after deleting thousands makes any build's time wander by seconds (ext4 without
// a journal scans past every inode freed in the last minute or more), and our site holds 2.6
// times Hugo's bytes (the recorded traces' diagrams).
void print_in_memory(const fs::path& self, const BenchBook& b, const std::string& theme, const fs::path& root) {
  const fs::path shm = "/dev/shm";
  if (!fs::is_directory(shm)) return;
  const fs::path dir = shm / ("bookgen-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const Run cold = our_build(self, b, theme, dir / "site", true);
  const Run plain = hugo_build(root, b.docs, false, dir / "hugo");
  const Run chroma = hugo_build(root, b.docs, true, dir / "hugo");
  fs::remove_all(dir);
  std::printf("\noutput on tmpfs (%s): ours cold %.3f s, hugo without highlighting %.3f s, with Chroma %.3f s\n",
              shm.c_str(), cold.seconds, plain.seconds, chroma.seconds);
  print_ratio("cold / hugo without highlighting, tmpfs", cold.seconds, plain.seconds, "<= 1");
  print_ratio("cold / hugo with Chroma, tmpfs", cold.seconds, chroma.seconds, "<= 0.25");
}

}  // namespace

int run_bench(int chapters, int textbook, const std::string& chapter, const std::string& theme,
              const std::string& work) {
  if (chapters < 1 || textbook < 1) {
    std::fprintf(stderr, "bench: --copies and --textbook must be at least 1\n");
    return 2;
  }
  const fs::path root = fs::absolute(work), self = fs::read_symlink("/proc/self/exe");
  const std::string theme_abs = fs::absolute(theme).string();
  std::printf("Synthetic book: %d varied copies of %s and %d textbook pages\n", chapters, chapter.c_str(), textbook);
  if (!make_book_in_child(root / "book", chapter, chapters, textbook)) return 1;
  const BenchBook b{root / "book" / "mkdocs.yml", root / "book" / "docs", chapters, textbook};
  const size_t pages = chapters + textbook + 1;
  const fs::path out = root / "out" / "site";
  fs::create_directories(out.parent_path());
  const ColdRuns cold = cold_rounds(self, b, theme_abs, out, root);
  // Unchanged input finds the site up to date. After an edit, the build hard-links the live
  // site's unchanged files; after the next, it starts from the spare.
  const Run warm = our_build(self, b, theme_abs, out, false);
  edit_chapter(b, 1);
  const Run edited = our_build(self, b, theme_abs, out, false);
  edit_chapter(b, 2);
  const Run spare = our_build(self, b, theme_abs, out, false);
  if (cold.ours.seconds < 0 || warm.seconds < 0 || edited.seconds < 0 || spare.seconds < 0) return 1;
  const Run &chroma = cold.chroma, &plain = cold.plain;
  const Run floor = run_process({self.string(), "bench", "--floor", b.docs.string()}, root / "floor.log");
  std::printf("distinct chapter pages in the output: %zu of %d\n", distinct_chapters(out, chapters), chapters);

  std::printf("\ncold builds: the fastest of %d rounds each\n%s", kColdRounds, cold.rounds.c_str());
  std::printf("%-44s %10s %10s %10s\n", "", "seconds", "pages/s", "peak MiB");
  print_row("ours, cold (no cache, empty output)", cold.ours, pages);
  print_row("ours, warm (unchanged input: up to date)", warm, pages);
  print_row("ours, one page edited (cache, live site)", edited, pages);
  print_row("ours, another edited (cache, from the spare)", spare, pages);
  print_row("hugo, Chroma highlighting", chroma, pages);
  print_row("hugo, no highlighting", plain, pages);
  print_row("cmark-gfm parse+render only (floor)", floor, pages);
  std::printf("\n");
  print_ratio("cold / hugo without highlighting", cold.ours.seconds, plain.seconds, "<= 1");
  print_ratio("cold / hugo with Chroma", cold.ours.seconds, chroma.seconds, "<= 0.25");
  print_ratio("cold / cmark-gfm floor", cold.ours.seconds, floor.seconds, "as low as it goes");
  std::printf("%-44s %10.3f  (target <= 0.3 s)\n", "warm build, seconds", warm.seconds);
  std::printf("%-44s %10.3f  (no target)\n", "one page edited, seconds", std::min(edited.seconds, spare.seconds));
  std::printf("%-44s %10.1f  (target <= 120 MiB)\n", "peak memory of our builds, MiB",
              std::max({cold.ours.peak_kib, warm.peak_kib, edited.peak_kib, spare.peak_kib}) / 1024.0);
  print_in_memory(self, b, theme_abs, root);
  print_nav_sizes(root, chapter, theme_abs);
  print_rebuild(b, theme_abs, root / "out" / "serve-site");
  return 0;
}

}  // namespace book
