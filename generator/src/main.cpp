// generator: build | serve | bench, with the command line of `mkdocs build` / `mkdocs serve`,
// so an author runs it in a book folder with no options. The README's commands reach it
// through CMake targets (site, serve, bench), which name every folder explicitly.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

#include "bench_book.hpp"
#include "config.hpp"
#include "fragment_cache.hpp"
#include "serve.hpp"
#include "site.hpp"

namespace book {
int run_bench(int chapters, int textbook, const std::string& chapter, const std::string& theme,
              const std::string& work);
int run_floor(const std::string& docs);
}  // namespace book

namespace {

struct BuildArgs {
  std::string config = "mkdocs.yml", theme, out;
  std::vector<std::string> mounts;
  unsigned threads = 0;
  bool strict = false;
  bool no_cache = false;
};

void add_build_options(CLI::App* cmd, BuildArgs& a) {
  cmd->add_option("-f,--config-file,--config", a.config, "the book's mkdocs.yml")->capture_default_str();
  cmd->add_option("-d,--site-dir,--out", a.out,
                  "output folder, replaced whole on success (default: site_dir of mkdocs.yml, i.e. site/ beside it)");
  cmd->add_option("--theme", a.theme, "theme folder with templates/ and assets/ (default: the built-in theme)");
  cmd->add_flag("-s,--strict", a.strict, "as mkdocs --strict: any warning fails the build and nothing is written");
  // Accepted so that scripts written for `mkdocs build --clean` run unchanged.
  cmd->add_flag("-c,--clean", "always so: the output folder is replaced whole");
  cmd->add_option("--mount", a.mounts, "SITE_PATH=FOLDER: copy a built folder into the site");
  cmd->add_option("--threads", a.threads, "render threads (0: one per core)");
  cmd->add_flag("--no-cache", a.no_cache,
                "render every code block and trace afresh, without the cache kept beside the output folder");
}

// The output folder: as given, else the config's site_dir (read here only for that; a config
// that cannot be read is reported by the same BuildError the build would give).
book::BuildOptions build_options(BuildArgs a) {
  // MkDocs also takes mkdocs.yaml when no file is named.
  if (a.config == "mkdocs.yml" && !std::filesystem::exists(a.config) && std::filesystem::exists("mkdocs.yaml"))
    a.config = "mkdocs.yaml";
  if (!std::filesystem::exists(a.config))
    book::fail(a.config, 0, "config file not found; run the generator in the folder of mkdocs.yml, or name it with -f");
  book::BuildOptions opts{a.config, a.theme, a.out, {}, a.threads};
  opts.strict = a.strict;
  if (a.out.empty())
    opts.out = book::load_config(a.config).site_dir.lexically_proximate(std::filesystem::current_path());
  for (const auto& m : a.mounts) opts.mounts.push_back(book::parse_mount(m));
  if (!a.no_cache) opts.fragment_cache = book::FragmentCache::dir_for(opts.out);
  return opts;
}

// "HOST:PORT" as `mkdocs serve -a` takes it ("localhost:8000", "[::1]:8000").
void parse_dev_addr(const std::string& addr, std::string& host, int& port) {
  const size_t colon = addr.rfind(':');
  const std::string p = colon == std::string::npos ? "" : addr.substr(colon + 1);
  if (colon == 0 || p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos)
    throw CLI::ValidationError("--dev-addr", "\"" + addr + "\" is not HOST:PORT (e.g. 127.0.0.1:8000)");
  host = addr.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  port = std::stoi(p);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Static site generator for MkDocs Material books: run `generator build` in the folder of mkdocs.yml"};
  app.require_subcommand(1);

  BuildArgs args;
  auto* build = app.add_subcommand("build", "generate the site once");
  add_build_options(build, args);

  auto* serve = app.add_subcommand("serve", "build, serve with COOP/COEP headers, rebuild and reload on change");
  add_build_options(serve, args);
  std::string host = "127.0.0.1", dev_addr;
  int port = std::getenv("PORT") ? std::atoi(std::getenv("PORT")) : 8000;
  serve->add_option("-a,--dev-addr", dev_addr, "HOST:PORT to listen on (default: 127.0.0.1:8000)");
  serve->add_option("--host", host, "address to listen on")->capture_default_str();
  serve->add_option("--port", port, "port (default: $PORT or 8000)")->capture_default_str();

  auto* bench = app.add_subcommand("bench", "build a synthetic book of N varied chapters and print the figures");
  int copies = 1000, textbook = 100;
  std::string chapter = "content/chapters/07-shared-memory/index.md", work = "build/bench", bench_theme = "site";
  std::string floor_docs;
  bool book_only = false;
  bench->add_option("--copies", copies, "varied copies of the chapter in the synthetic book")->capture_default_str();
  bench->add_option("--textbook", textbook, "textbook-shaped pages (Python, shell, tabs)")->capture_default_str();
  bench->add_option("--floor", floor_docs, "only parse and render DOCS' Markdown with cmark-gfm (the bench runs this)");
  bench->add_option("--chapter", chapter, "the chapter to copy (its folder's files come along)")->capture_default_str();
  bench->add_option("--theme", bench_theme, "theme folder")->capture_default_str();
  bench->add_option("--work", work, "scratch folder for the synthetic books")->capture_default_str();
  bench->add_flag("--book-only", book_only, "only make the book, in WORK/book (the search bench builds it)");

  try {
    app.parse(argc, argv);
    if (!dev_addr.empty()) parse_dev_addr(dev_addr, host, port);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*bench && !floor_docs.empty()) return book::run_floor(floor_docs);
    if (*bench && book_only) {
      book::make_bench_book(std::filesystem::path(work) / "book", chapter, copies, textbook);
      return 0;
    }
    if (*bench) return book::run_bench(copies, textbook, chapter, bench_theme, work);
    const book::BuildOptions opts = build_options(args);
    if (*serve) return book::serve({opts, host, port});
    const auto report = book::build_site(opts);
    book::print_report(report, opts.out.string());
    return report.ok() ? 0 : 1;
  } catch (const book::BuildError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
