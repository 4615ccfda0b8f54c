// Whole builds: pages, navigation, link checking, and what happens to the output folder
// when something is wrong.
#include <catch2/catch.hpp>

#include "builtin_theme.hpp"
#include "output.hpp"
#include "temp_book.hpp"

TEST_CASE("a book builds: pages, nav, prev/next, TOC, assets", "[site]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nnav:\n  - Home: index.md\n  - ch/one.md\n");
  b.write("docs/index.md", "# Home\n\nSee [chapter one](ch/one.md#part-two).\n");
  b.write("docs/ch/one.md", "# One\n\n## Part two\n\n### Detail\n\n![pic](img/p.svg)\n\n[back](../index.md)\n");
  b.write("docs/ch/img/p.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  const auto r = b.build();
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  CHECK(r.pages == 2);
  const std::string home = b.read("out/index.html"), one = b.read("out/ch/one.html");
  CHECK(home.find("<a href=\"ch/one.html#part-two\">chapter one</a>") != std::string::npos);
  CHECK(one.find("<a href=\"../index.html\">Home</a>") != std::string::npos);  // nav, relative
  CHECK(one.find("aria-current=\"page\">One</a>") != std::string::npos);       // title from the page
  CHECK(one.find("rel=\"prev\" href=\"../index.html\"") != std::string::npos);
  CHECK(one.find(
            "<ul><li><a href=\"#part-two\">Part two</a><ul><li><a href=\"#detail\">Detail</a></li></ul></li></ul>") !=
        std::string::npos);
  CHECK(b.exists("out/ch/img/p.svg"));
}

TEST_CASE("broken links, anchors and images are warnings at file:line, as in MkDocs", "[site][links]") {
  TempBook b;
  b.write("docs/index.md",
          "# Home\n\n## Real\n\n[gone](nope.md)\n\n[bad anchor](#unreal)\n\n![img](img/missing.png)\n\n"
          "<iframe src=\"sims/x/main.html\"></iframe>\n\n[escape](../../etc/passwd)\n\n[ok](#real) "
          "[web](https://example.org/)\n");
  const auto r = b.build();
  CHECK(r.ok());
  CHECK(r.count(book::Diagnostic::Severity::Warning) == 5);
  const std::string m = TempBook::messages(r);
  const std::string page =
      (b.root / "docs/index.md").lexically_proximate(std::filesystem::current_path()).generic_string();
  // Quoted as written, with advice that fits what was written.
  CHECK_THAT(m, Catch::Contains(page + ":5: warning: broken link \"nope.md\": no page nope.md in the book; check the "
                                       "file name (pages are the .md files under docs_dir)"));
  CHECK_THAT(m, Catch::Contains(page + ":7: warning: broken anchor \"#unreal\""));
  CHECK_THAT(m, Catch::Contains(page + ":9: warning: broken link \"img/missing.png\""));
  CHECK_THAT(m, Catch::Contains(page + ":11: warning: broken link \"sims/x/main.html\""));
  CHECK_THAT(m, Catch::Contains(page + ":13: warning: link \"../../etc/passwd\" points outside the site"));
  CHECK(m.find(":15:") == std::string::npos);
  CHECK(b.exists("out/index.html"));  // written, links as the author wrote them
}

TEST_CASE("with strict, any warning fails the build and nothing is written", "[site][links][errors]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nnav:\n  - index.md\n  - Lost: lost.md\n");
  b.write("docs/index.md", "# Home\n\n[gone](nope.md)\n");
  book::BuildOptions opts{b.root / "mkdocs.yml", b.root / "theme", b.root / "out", {}, 1};
  opts.strict = true;
  const auto r = book::build_site(opts);
  CHECK_FALSE(r.ok());
  CHECK(r.count(book::Diagnostic::Severity::Warning) == 2);
  CHECK(r.count(book::Diagnostic::Severity::Error) == 0);
  CHECK_FALSE(b.exists("out"));
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\n");
  b.write("docs/index.md", "# Home\n");
  CHECK(book::build_site(opts).ok());  // a clean book builds under strict
  CHECK(b.exists("out/index.html"));
}

TEST_CASE("a broken link to an .html file suggests linking the page's .md file", "[site][links][errors]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n\n[old](gone.html) [sub](sub/other.md#nowhere)\n");
  b.write("docs/sub/other.md", "# Other\n");
  const std::string m = TempBook::messages(b.build());
  CHECK_THAT(m, Catch::Contains(":3: warning: broken link \"gone.html\": nothing is generated at gone.html\n"));
  CHECK_THAT(m, Catch::Contains(":3: warning: broken anchor \"#nowhere\" in link \"sub/other.md#nowhere\": "
                                "sub/other.html has no element with that id"));
}

// Pages are written while the book is still rendering, each once the pages whose titles it
// shows are rendered: none may show a title it has not seen.
TEST_CASE("with a pruned nav every page shows its neighbours' and its section's titles", "[site]") {
  TempBook b;
  std::string nav = "nav:\n  - Home: index.md\n  - Part:\n";
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(100 + i);
    b.write("docs/p/" + n + ".md", "# Title " + n + "\n\nText.\n");
    nav += "      - p/" + n + ".md\n";
  }
  b.write("docs/index.md", "# Home\n");
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n"
          "  features:\n    - navigation.prune\n" +
              nav);
  const auto r = b.build();
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  for (int i = 0; i < 40; ++i) {
    const std::string html = b.read("out/p/" + std::to_string(100 + i) + ".html");
    INFO(i);
    if (i > 0) CHECK(html.find(">Title " + std::to_string(99 + i) + "</a>") != std::string::npos);
    if (i + 1 < 40) CHECK(html.find(">Title " + std::to_string(101 + i) + "</a>") != std::string::npos);
    CHECK(html.find(">Title 139</a>") != std::string::npos);  // the section's last entry, in the nav
  }
  // The home page's next page is rendered after it: it waits for that title too.
  CHECK(b.read("out/index.html").find("Title 100</a>") != std::string::npos);
}

TEST_CASE("a failed build leaves the previous output intact", "[site][errors]") {
  TempBook b;
  b.write("docs/index.md", "# Good\n");
  REQUIRE(b.build().ok());
  const std::string before = b.read("out/index.html");
  b.write("docs/index.md", "# Bad\n\nbad byte \xC3\x28 here\n");
  const auto r = b.build();
  CHECK_FALSE(r.ok());
  CHECK_THAT(TempBook::messages(r), Catch::Contains("index.md:3: error: invalid UTF-8"));
  CHECK(b.read("out/index.html") == before);
  // and no temporary folder is left behind
  for (const auto& e : std::filesystem::directory_iterator(b.root))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("invalid UTF-8 is an error, a missing nav page a warning, each at its line", "[site][errors]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nnav:\n  - Home: index.md\n  - Lost: lost.md\n");
  b.write("docs/index.md", "# Home\n\nbad byte \xC3\x28 here\n");
  const std::string m = TempBook::messages(b.build());
  CHECK_THAT(m, Catch::Contains("mkdocs.yml:5: warning: nav entry \"Lost\" points to \"lost.md\""));
  CHECK_THAT(m, Catch::Contains("index.md:3: error: invalid UTF-8 (byte 0xC3 at column 10)"));
}

TEST_CASE("mojibake is a warning that shows the repaired text", "[site]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n\nthe process\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s space\n");
  const auto r = b.build();
  CHECK(r.ok());
  CHECK_THAT(TempBook::messages(r),
             Catch::Contains(
                 "index.md:3: warning: likely mojibake \"â€™\" (UTF-8 read as Windows-1252): did you mean \"’\"?"));
}

TEST_CASE("the generator never replaces a folder it did not make", "[site][errors]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  b.write("notes/mine.txt", "precious");
  const auto r = b.build("notes");
  CHECK_FALSE(r.ok());
  CHECK_THAT(TempBook::messages(r), Catch::Contains("was not made by this generator"));
  CHECK(b.read("notes/mine.txt") == "precious");
  const auto inside = b.build("docs/out");
  CHECK_THAT(TempBook::messages(inside), Catch::Contains("output folder overlaps the sources"));
  CHECK_FALSE(b.exists("docs/out"));
}

TEST_CASE("a site that MkDocs built may be replaced, and the build says so", "[site]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  b.write("out/404.html", "mkdocs");
  b.write("out/sitemap.xml", "<urlset/>");
  const auto r = b.build();
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  REQUIRE(r.notes.size() == 1);
  CHECK_THAT(r.notes[0], Catch::Contains("a site that MkDocs had built"));
  CHECK_FALSE(b.exists("out/sitemap.xml"));
  CHECK(b.exists("out/" + std::string(book::kOutputMarker)));
  // A 404.html alone is not enough: that could be anyone's folder.
  b.write("mine/404.html", "precious");
  CHECK_FALSE(b.build("mine").ok());
  CHECK(b.read("mine/404.html") == "precious");
}

TEST_CASE("directory URLs: a/b.md is a/b/index.html, and every link fits its folder", "[site][links]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nnav:\n  - index.md\n  - ch/one.md\n  - ch/two.md\n");
  b.write("docs/index.md", "# Home\n\n[one](ch/one.md#part)\n");
  b.write("docs/ch/one.md",
          "# One\n\n## Part\n\n![p](img/p.svg) [two](two.md) [home](../index.md) [self](#part)\n\n"
          "<img src=\"../img/p.svg\"> <a href=\"../two/\">raw</a>\n");
  b.write("docs/ch/two.md", "# Two\n\n<img src=\"img/p.svg\">\n");
  b.write("docs/ch/img/p.svg", "<svg/>");
  const auto r = b.build();
  const std::string m = TempBook::messages(r);
  INFO(m);
  REQUIRE(r.ok());
  CHECK(b.exists("out/index.html"));
  const std::string one = b.read("out/ch/one/index.html");
  CHECK(b.read("out/index.html").find("<a href=\"ch/one/#part\">one</a>") != std::string::npos);
  // Markdown links and images are written for the page's folder, from where the author wrote them.
  CHECK(one.find("<img src=\"../img/p.svg\" alt=\"p\" />") != std::string::npos);
  CHECK(one.find("<a href=\"../two/\">two</a>") != std::string::npos);
  CHECK(one.find("<a href=\"../../\">home</a>") != std::string::npos);
  CHECK(one.find("<a href=\"#part\">self</a>") != std::string::npos);
  // Nav and prev/next link folders; the home page is "./" from itself.
  CHECK(one.find("<a href=\"../../ch/two/\">") != std::string::npos);
  CHECK(one.find("rel=\"prev\" href=\"../../\"") != std::string::npos);
  CHECK(one.find("rel=\"next\" href=\"../../ch/two/\"") != std::string::npos);
  CHECK(b.read("out/index.html").find("<a href=\"./\" aria-current=\"page\">") != std::string::npos);
  // Raw HTML is not rewritten: it is checked from the page's output folder, so the image that
  // two.md names as its source folder would have it is reported, and the correct ones are not.
  CHECK(m.find("one.md") == std::string::npos);
  CHECK_THAT(m,
             Catch::Contains("two.md:3: warning: broken link \"img/p.svg\": nothing is generated at ch/two/img/p.svg"));
}

TEST_CASE("without directory URLs raw HTML resolves beside the page, as its source does", "[site][links]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\n");
  b.write("docs/ch/one.md", "# One\n\n<img src=\"img/p.svg\"> <a href=\"two.md\">raw md</a>\n");
  b.write("docs/ch/img/p.svg", "<svg/>");
  b.write("docs/ch/two.md", "# Two\n");
  const auto r = b.build();
  const std::string m = TempBook::messages(r);
  CHECK(r.ok());
  CHECK(b.exists("out/ch/one.html"));
  CHECK(m.find("img/p.svg") == std::string::npos);
  // A browser asks for two.md, which the site does not have.
  CHECK_THAT(m, Catch::Contains("one.md:3: warning: broken link \"two.md\": nothing is generated at ch/two.md"));
}

TEST_CASE("without a theme folder the built-in theme is used", "[site][theme]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  const auto r = book::build_site({b.root / "mkdocs.yml", {}, b.root / "out", {}, 1});
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  CHECK(b.read("out/index.html").find("<h1 id=\"home\">Home") != std::string::npos);
  CHECK(b.read("out/assets/book.css") == b.read_abs(std::string(BOOK_SOURCE_DIR) + "/site/assets/book.css"));
  size_t assets = 0;
  for (const auto& f : book::builtin_theme()) assets += std::string(f.path).rfind("assets/", 0) == 0;
  CHECK(assets >= 1);
  // The count it reports is every file it wrote (the search index and 404.html included).
  size_t written = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(b.root / "out"))
    written += e.is_regular_file() && e.path().filename() != book::kOutputMarker;
  CHECK(r.files == written);
  CHECK(r.files > r.pages + assets);
}

TEST_CASE("mounted folders land in the site and satisfy links", "[site]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n\n[sim](sims/race/main.html)\n");
  b.write("built/main.html", "<!doctype html>");
  auto r = book::build_site({b.root / "mkdocs.yml",
                             b.root / "theme",
                             b.root / "out",
                             {book::parse_mount("sims/race=" + (b.root / "built").string())},
                             1});
  INFO(TempBook::messages(r));
  CHECK(r.ok());
  CHECK(b.read("out/sims/race/main.html") == "<!doctype html>");
  CHECK_THROWS(book::parse_mount("../x=/tmp"));
  CHECK_THROWS(book::parse_mount("nodir"));
}

TEST_CASE("a cached rebuild re-renders what changed and keeps the output exact", "[site][cache]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nnav:\n  - a.md\n  - b.md\n");
  b.write("docs/a.md", "# Alpha\n\nSee [b](b.md).\n");
  b.write("docs/b.md", "# Beta\n");
  b.write("docs/img.svg", "<svg/>");
  book::BuildCache cache;
  const book::BuildOptions opts{b.root / "mkdocs.yml", b.root / "theme", b.root / "out", {}, 2, &cache};
  REQUIRE(book::build_site(opts).ok());
  const auto a_before = std::filesystem::last_write_time(b.root / "out/a.html");

  // Only b changes, and its title appears in a's nav: a's HTML must change too.
  b.write("docs/b.md", "# Beta renamed\n");
  std::filesystem::last_write_time(b.root / "docs/b.md",
                                   std::filesystem::file_time_type::clock::now() + std::chrono::seconds(2));
  const auto r = book::build_site(opts);
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  CHECK(b.read("out/b.html").find("<h1 id=\"beta-renamed\">") != std::string::npos);
  CHECK(b.read("out/a.html").find(">Beta renamed</a>") != std::string::npos);
  CHECK(b.read("out/img.svg") == "<svg/>");

  // Nothing changes: the same bytes, and a is linked from the previous output, not rewritten.
  const auto a_mid = std::filesystem::last_write_time(b.root / "out/a.html");
  REQUIRE(book::build_site(opts).ok());
  CHECK(std::filesystem::last_write_time(b.root / "out/a.html") == a_mid);
  CHECK(a_mid >= a_before);

  // A new broken link in a cached build is still caught, and the output is kept.
  b.write("docs/a.md", "# Alpha\n\n[gone](gone.md)\n");
  std::filesystem::last_write_time(b.root / "docs/a.md",
                                   std::filesystem::file_time_type::clock::now() + std::chrono::seconds(4));
  book::BuildOptions strict = opts;
  strict.strict = true;
  const auto broken = book::build_site(strict);
  CHECK_FALSE(broken.ok());
  CHECK(b.read("out/a.html").find("See <a href=\"b.html\">b</a>") != std::string::npos);
}

TEST_CASE("recorded traces are read into pages, not copied into the site", "[site]") {
  TempBook b;
  b.write("docs/index.md", "# T\n");
  b.write("docs/traces/example.json", "{}");
  b.write("docs/data/figures.json", "{}");
  REQUIRE(b.build().ok());
  CHECK_FALSE(b.exists("out/traces/example.json"));
  CHECK(b.exists("out/data/figures.json"));
}

TEST_CASE("the tab title names page and book, once each", "[site][theme]") {
  TempBook b;
  b.write("theme/templates/page.html", "<title>{{head_title}}</title>");
  b.write("mkdocs.yml", "site_name: Shared Memory\ndocs_dir: docs\nuse_directory_urls: false\n");
  b.write("docs/index.md", "# Shared Memory\n");
  b.write("docs/ch.md", "# Races & Locks\n");
  REQUIRE(b.build().ok());
  CHECK(b.read("out/index.html") == "<title>Shared Memory</title>");
  CHECK(b.read("out/ch.html") == "<title>Races &amp; Locks - Shared Memory</title>");
}

TEST_CASE("with defer_cleanup the replaced site is handed back, not left in the output", "[site][cache]") {
  TempBook b;
  b.write("docs/index.md", "# One\n");
  book::BuildOptions opts{b.root / "mkdocs.yml", b.root / "theme", b.root / "out", {}, 1, nullptr, true};
  const auto first = book::build_site(opts);
  REQUIRE(first.ok());
  CHECK(first.stale.empty());  // nothing was replaced
  b.write("docs/index.md", "# Two\n");
  const auto second = book::build_site(opts);
  REQUIRE(second.ok());
  REQUIRE_FALSE(second.stale.empty());
  CHECK(second.stale.parent_path() == b.root);
  CHECK(b.read("out/index.html").find("Two") != std::string::npos);
  CHECK(b.read(second.stale.filename().string() + "/index.html").find("One") != std::string::npos);
  std::filesystem::remove_all(second.stale);
}
