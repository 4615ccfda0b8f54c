// The command line an author who knows MkDocs expects, run as the real binary in a book
// folder: `generator build` with no options, MkDocs' option names, the old ones, and the
// exit code and last line that scripts and CI read.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "temp_book.hpp"

namespace {

struct Run {
  int status;
  std::string output;  // stdout and stderr
};

// Runs a shell command in `dir`.
Run shell_in(const std::filesystem::path& dir, const std::string& command) {
  const std::string cmd = "cd '" + dir.string() + "' && " + command + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  Run r{0, {}};
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Runs the generator with `args` (shell words) in `dir`.
Run generator_in(const std::filesystem::path& dir, const std::string& args) {
  return shell_in(dir, "'" BOOK_GENERATOR "' " + args);
}

std::string last_line(const std::string& s) {
  const size_t end = s.find_last_not_of('\n');
  if (end == std::string::npos) return {};
  const size_t start = s.rfind('\n', end);
  return s.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// A book as MkDocs lays it out: mkdocs.yml, docs/, and no theme folder.
struct AuthorBook : TempBook {
  AuthorBook() {
    std::filesystem::remove_all(root / "theme");
    write("mkdocs.yml", "site_name: Mine\n");
    write("docs/index.md", "# Mine\n\n[next](next.md)\n");
    write("docs/next.md", "# Next\n");
  }
};

}  // namespace

TEST_CASE("in a book folder `generator build` reads ./mkdocs.yml and writes ./site/ with the built-in theme",
          "[main]") {
  AuthorBook b;
  const Run r = generator_in(b.root, "build");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(b.exists("site/index.html"));
  CHECK(b.exists("site/next/index.html"));  // MkDocs' default directory URLs
  CHECK(b.exists("site/assets/book.css"));  // the theme came with the program
  CHECK_THAT(last_line(r.output), Catch::StartsWith("built 2 pages") && Catch::EndsWith("with 0 warnings"));
  // site_dir in mkdocs.yml is honoured too.
  b.write("mkdocs.yml", "site_name: Mine\nsite_dir: public\n");
  CHECK(generator_in(b.root, "build").status == 0);
  CHECK(b.exists("public/index.html"));
}

TEST_CASE("build keeps its cache and the replaced site beside the output, and --no-cache keeps neither", "[main]") {
  AuthorBook b;
  b.write("docs/index.md", "# Mine\n\n```c\nint x;\n```\n");
  REQUIRE(generator_in(b.root, "build").status == 0);
  b.write("docs/index.md", "# Mine\n\n```c\nint y;\n```\n");  // else the build has nothing to do
  REQUIRE(generator_in(b.root, "build").status == 0);
  CHECK(b.exists(".site.bookgen-cache/pack"));
  CHECK(b.exists(".site.spare/index.html"));
  AuthorBook plain;
  REQUIRE(generator_in(plain.root, "build --no-cache").status == 0);
  REQUIRE(generator_in(plain.root, "build --no-cache").status == 0);
  CHECK_FALSE(plain.exists(".site.bookgen-cache"));
  CHECK_FALSE(plain.exists(".site.spare"));
}

TEST_CASE("build run again on unchanged input says the site is up to date, and --no-cache builds", "[main]") {
  AuthorBook b;
  b.write("docs/index.md", "# Mine\n\nSome text.\n");
  REQUIRE(generator_in(b.root, "build").status == 0);
  const Run again = generator_in(b.root, "build");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK_THAT(last_line(again.output), Catch::StartsWith("site is up to date (2 pages, "));
  CHECK_THAT(last_line(generator_in(b.root, "build --no-cache").output), Catch::StartsWith("built 2 pages"));
}

TEST_CASE("MkDocs' option names and the old ones choose the same files", "[main]") {
  AuthorBook b;
  b.write("other.yml", "site_name: Other\n");
  Run r = generator_in(b.root, "build -f other.yml -d out1");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(b.read("out1/index.html").find("Other") != std::string::npos);
  CHECK(generator_in(b.root, "build --clean --config-file other.yml --site-dir out2").status == 0);
  CHECK(b.exists("out2/index.html"));
  b.write("theme/templates/page.html", "custom {{title}}");
  CHECK(generator_in(b.root, "build --config other.yml --out out3 --theme theme").status == 0);
  CHECK(b.read("out3/index.html") == "custom Mine");
  CHECK_FALSE(b.exists("site"));
}

TEST_CASE("warnings build the site, and --strict fails on them writing nothing", "[main][errors]") {
  AuthorBook b;
  b.write("docs/index.md", "# Mine\n\n[gone](gone.md) ![img](missing.png)\n");
  Run r = generator_in(b.root, "build --strict");
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_FALSE(b.exists("site"));
  CHECK(last_line(r.output) ==
        "build failed: 0 errors, 2 warnings (--strict makes warnings errors); site was left as it was");
  r = generator_in(b.root, "build");
  CHECK(r.status == 0);
  CHECK(b.exists("site/index.html"));
  CHECK_THAT(r.output, Catch::Contains("docs/index.md:3: warning: broken link \"gone.md\""));
  CHECK_THAT(last_line(r.output), Catch::EndsWith("with 2 warnings"));
  // An error still fails without --strict, and its line counts both kinds.
  b.write("docs/next.md", "bad \xC3\x28\n");
  r = generator_in(b.root, "build");
  CHECK(r.status == 1);
  CHECK(last_line(r.output) == "build failed: 1 error, 2 warnings; site was left as it was");
}

TEST_CASE("a site/ that MkDocs built is replaced, and any other folder is refused", "[main][errors]") {
  AuthorBook b;
  b.write("site/404.html", "mkdocs");
  b.write("site/search/search_index.json", "{}");
  Run r = generator_in(b.root, "build");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("note: replaced site, a site that MkDocs had built"));
  CHECK_FALSE(b.exists("site/search/search_index.json"));
  b.write("notes/mine.txt", "precious");
  r = generator_in(b.root, "build -d notes");
  CHECK(r.status == 1);
  CHECK(b.read("notes/mine.txt") == "precious");
}

TEST_CASE("serve takes -a HOST:PORT and refuses what is not one", "[main][errors]") {
  AuthorBook b;
  const Run r = generator_in(b.root, "serve -a localhost");
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Catch::Contains("\"localhost\" is not HOST:PORT"));
  CHECK(generator_in(b.root, "serve --dev-addr :x").status != 0);
  CHECK_FALSE(b.exists("site"));  // nothing was built before the address was checked
  // A good one is listened on (port 0: any free port); `timeout` ends the server after it said so.
  const Run served = shell_in(b.root, "timeout -s INT 3 '" BOOK_GENERATOR "' serve -a 127.0.0.1:0");
  INFO(served.output);
  CHECK_THAT(served.output, Catch::Contains("serving site at http://127.0.0.1:"));
  CHECK(b.exists("site/index.html"));
}

TEST_CASE("without mkdocs.yml (or mkdocs.yaml) the error says which file it looked for", "[main][errors]") {
  AuthorBook b;
  std::filesystem::remove(b.root / "mkdocs.yml");
  const Run r = generator_in(b.root, "build");
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("mkdocs.yml: error: config file not found; run the generator in the folder of "
                                       "mkdocs.yml, or name it with -f"));
  b.write("mkdocs.yaml", "site_name: Spelled yaml\n");  // MkDocs' other name for it
  CHECK(generator_in(b.root, "build").status == 0);
  CHECK(b.read("site/index.html").find("Spelled yaml") != std::string::npos);
}
