// generator: build | serve | bench. The README's two commands reach it through CMake
// targets (site, serve, bench); authors may also call it directly.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

#include "serve.hpp"
#include "site.hpp"

namespace book {
int run_bench(int copies, const std::string& chapter, const std::string& theme, const std::string& work);
}

int main(int argc, char** argv) {
  CLI::App app{"Static site generator for the shared-memory textbook (MkDocs-compatible Markdown)"};
  app.require_subcommand(1);

  std::string config = "content/mkdocs.yml", theme = "site", out = "build/site";
  std::vector<std::string> mounts;
  unsigned threads = 0;
  auto add_build_options = [&](CLI::App* cmd) {
    cmd->add_option("--config", config, "mkdocs.yml of the book")->capture_default_str();
    cmd->add_option("--theme", theme, "theme folder (templates/, assets/)")->capture_default_str();
    cmd->add_option("--out", out, "output folder (replaced whole on success)")->capture_default_str();
    cmd->add_option("--mount", mounts, "SITE_PATH=FOLDER: copy a built folder into the site");
    cmd->add_option("--threads", threads, "render threads (0: one per core)");
  };

  auto* build = app.add_subcommand("build", "generate the site once");
  add_build_options(build);

  auto* serve = app.add_subcommand("serve", "build, serve with COOP/COEP headers, rebuild and reload on change");
  add_build_options(serve);
  std::string host = "127.0.0.1";
  int port = std::getenv("PORT") ? std::atoi(std::getenv("PORT")) : 8000;
  serve->add_option("--host", host, "address to listen on")->capture_default_str();
  serve->add_option("--port", port, "port (default: $PORT or 8000)")->capture_default_str();

  auto* bench = app.add_subcommand("bench", "build a synthetic book of N copies of a chapter and print the figures");
  int copies = 1000;
  std::string chapter = "content/chapters/07-shared-memory/index.md", work = "build/bench";
  bench->add_option("--copies", copies, "pages in the synthetic book")->capture_default_str();
  bench->add_option("--chapter", chapter, "the chapter to copy (its folder's files come along)")->capture_default_str();
  bench->add_option("--theme", theme, "theme folder")->capture_default_str();
  bench->add_option("--work", work, "scratch folder for the synthetic books")->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  try {
    book::BuildOptions opts{config, theme, out, {}, threads};
    for (const auto& m : mounts) opts.mounts.push_back(book::parse_mount(m));
    if (*build) {
      const auto report = book::build_site(opts);
      book::print_report(report, out);
      return report.ok() ? 0 : 1;
    }
    if (*serve) return book::serve({opts, host, port});
    if (*bench) return book::run_bench(copies, chapter, theme, work);
  } catch (const book::BuildError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
