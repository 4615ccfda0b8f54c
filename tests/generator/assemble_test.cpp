// The page as the theme writes it: what mkdocs.yml's Material settings, the page's front
// matter and its own raw HTML change in the written HTML. Built with the real theme (site/).
#include <catch2/catch.hpp>

#include <algorithm>

#include "assemble.hpp"
#include "temp_book.hpp"
#include "text.hpp"

namespace {

const std::filesystem::path kTheme = BOOK_SOURCE_DIR "/site";

book::BuildReport build_with_theme(const TempBook& b) {
  return book::build_site({b.root / "mkdocs.yml", kTheme, b.root / "out", {}, 2});
}

bool has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

// A book of one page assembled by hand, for what only front matter can ask for.
std::string assemble_one(const std::map<std::string, std::string>& front_matter, const std::string& features = "") {
  book::Book b;
  if (!features.empty()) b.config.theme.features = {features};
  b.config.site_description = "The book's description";
  book::Page p;
  p.src_rel = "a.md";
  p.out_rel = "a.html";
  p.model.body = "<h1 id=\"a\">A</h1>\n<h2 id=\"part\">Part</h2>\n";
  p.model.title = "A";
  p.model.headings = {{1, "A", "a", 1}, {2, "Part", "part", 2}};
  p.model.front_matter = front_matter;
  b.pages.push_back(p);
  b.nav.push_back({"", 0, "", {}});
  b.reading_order = {0, 0};
  const auto theme = book::Template::load(kTheme / "templates" / "page.html", "page.html");
  return book::assemble_page(b, 0, theme, {});
}

}  // namespace

TEST_CASE("mkdocs.yml's Material settings reach every page", "[assemble][theme]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nuse_directory_urls: false\n"
          "site_url: https://example.org/book\nsite_description: About <T>\nsite_author: Ada\n"
          "repo_url: https://github.com/u/r\ncopyright: 'Copyright &copy; 2026 <a href=\"https://u.example\">U</a>'\n"
          "extra_css: [css/extra.css]\nextra_javascript: [js/extra.js]\n"
          "theme:\n  name: material\n  language: de\n  logo: img/logo.png\n  favicon: img/fav.ico\n"
          "  palette:\n    primary: deep purple\n    accent: teal\n");
  b.write("docs/index.md", "# Home\n");
  b.write("docs/ch/one.md", "# One\n");
  for (const char* f : {"docs/css/extra.css", "docs/js/extra.js", "docs/img/logo.png", "docs/img/fav.ico"})
    b.write(f, "x");
  const auto r = build_with_theme(b);
  INFO(TempBook::messages(r));
  REQUIRE(r.ok());
  const std::string one = b.read("out/ch/one.html");
  CHECK(has(one, "<html lang=\"de\" data-md-color-primary=\"deep-purple\" data-md-color-accent=\"teal\""));
  CHECK(has(one, "<link rel=\"icon\" href=\"../img/fav.ico\">"));
  CHECK(has(one, "<img class=\"site-logo\" src=\"../img/logo.png\" alt=\"\">"));
  CHECK(has(one, "<a class=\"repo-link\" href=\"https://github.com/u/r\">GitHub</a>"));
  CHECK(has(one, "<a class=\"edit-link\" href=\"https://github.com/u/r/edit/master/docs/ch/one.md\">"));
  CHECK(has(one, "<div class=\"copyright\">Copyright &copy; 2026 <a href=\"https://u.example\">U</a></div>"));
  CHECK(has(one, "<meta name=\"description\" content=\"About &lt;T&gt;\">"));
  CHECK(has(one, "<meta name=\"author\" content=\"Ada\">"));
  CHECK(has(one, "<link rel=\"canonical\" href=\"https://example.org/book/ch/one.html\">"));
  // The author's stylesheet and script come after the theme's, so theirs win.
  CHECK(one.find("assets/book.css") < one.find("<link rel=\"stylesheet\" href=\"../css/extra.css\">"));
  CHECK(one.find("id=\"book-announcer\"") < one.find("<script src=\"../js/extra.js\"></script>"));
}

TEST_CASE("without those settings the page has none of their markup", "[assemble][theme]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  REQUIRE(build_with_theme(b).ok());
  const std::string home = b.read("out/index.html");
  for (const char* absent : {"site-logo", "repo-link", "edit-link", "copyright", "rel=\"canonical\"",
                             "name=\"description\"", "coi-serviceworker", "data-md-color-primary=\"indigo\""})
    CHECK_FALSE(has(home, absent));
  CHECK(has(home, "<link rel=\"icon\" href=\"assets/favicon.svg\">"));
  CHECK(has(home, "<footer class=\"site-footer\"></footer>"));
  CHECK_FALSE(b.exists("out/sitemap.xml"));  // its entries must be absolute: no site_url, no sitemap
}

TEST_CASE("the service worker is referenced only where the site has it", "[assemble][theme]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  b.write("docs/ch/one.md", "# One\n");
  REQUIRE(build_with_theme(b).ok());
  CHECK_FALSE(has(b.read("out/ch/one.html"), "coi-serviceworker.js"));
  b.write("docs/coi-serviceworker.js", "// the book's build mounts it at the root");
  REQUIRE(build_with_theme(b).ok());
  CHECK(has(b.read("out/ch/one.html"), "<script src=\"../coi-serviceworker.js\"></script>"));
}

TEST_CASE("edit_uri and repo_name as MkDocs reads them", "[assemble][theme]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nrepo_url: https://git.example.org/u/r/\nrepo_name: "
          "u/r\n"
          "edit_uri: src/main/docs\n");
  b.write("docs/index.md", "# Home\n");
  REQUIRE(build_with_theme(b).ok());
  const std::string home = b.read("out/index.html");
  CHECK(has(home, "<a class=\"repo-link\" href=\"https://git.example.org/u/r/\">u/r</a>"));
  CHECK(has(home, "<a class=\"edit-link\" href=\"https://git.example.org/u/r/src/main/docs/index.md\">"));
  // An unknown host has no default edit_uri: no edit link, and the host names the repo.
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nrepo_url: https://git.example.org/u/r\n");
  REQUIRE(build_with_theme(b).ok());
  CHECK(has(b.read("out/index.html"), ">Git</a>"));
  CHECK_FALSE(has(b.read("out/index.html"), "edit-link"));
}

TEST_CASE("each page's CSP allows its own inline style and nothing else's", "[assemble][csp]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n\n<p style=\"color: red\">red</p>\n");
  b.write("docs/other.md", "# Other\n");
  REQUIRE(build_with_theme(b).ok());
  // printf '%s' 'color: red' | openssl dgst -sha256 -binary | base64
  const std::string hash = "'sha256-NerDAUWfwD31YdZHveMrq0GLjsNFMwxLpZl0dPUeCcw='";
  const std::string home = b.read("out/index.html"), other = b.read("out/other.html");
  CHECK(has(home, book::escape_html("style-src 'self' " + hash + " 'unsafe-hashes';")));
  CHECK_FALSE(has(other, "sha256"));
  CHECK(has(other, book::escape_html("script-src 'self';")));
}

TEST_CASE("an external extra_javascript is allowed on every page, with a warning", "[assemble][csp]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nextra_javascript:\n  - "
          "https://cdn.example.net/mathjax.js\n");
  b.write("docs/index.md", "# Home\n");
  const auto r = build_with_theme(b);
  REQUIRE(r.ok());
  CHECK(has(TempBook::messages(r),
            "mkdocs.yml:5: warning: extra_javascript \"https://cdn.example.net/mathjax.js\" is loaded"));
  const std::string home = b.read("out/index.html");
  CHECK(has(home, book::escape_html("script-src 'self' https://cdn.example.net;")));
  CHECK(has(home, "<script src=\"https://cdn.example.net/mathjax.js\"></script>"));
}

TEST_CASE("a page without an h1 gets its title as one, by MkDocs' title rule", "[assemble]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nnav:\n  - Start here: index.md\n  - "
          "shared_memory-notes.md\n"
          "  - only-h2.md\n  - raw.md\n  - Kept.md\n");
  b.write("docs/index.md", "Welcome.\n");
  b.write("docs/shared_memory-notes.md", "Just text.\n");
  b.write("docs/only-h2.md", "## Part\n");
  b.write("docs/raw.md", "<h1 class=\"big\">Raw</h1>\n");
  b.write("docs/Kept.md", "Text.\n");
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/index.html"), "<main><h1>Start here</h1>\n<p>Welcome.</p>"));  // the nav's title
  CHECK(has(b.read("out/shared_memory-notes.html"), "<main><h1>Shared memory notes</h1>\n<p>Just text.</p>"));
  CHECK(has(b.read("out/only-h2.html"), "<main><h1>Only h2</h1>\n<h2 id=\"part\">"));
  CHECK(has(b.read("out/Kept.html"), "<main><h1>Kept</h1>"));
  CHECK(has(b.read("out/raw.html"), "<main><h1 class=\"big\">Raw</h1>"));  // the author's own h1 counts
}

TEST_CASE("the TOC shows every level by default and stops at toc_depth", "[assemble][toc]") {
  TempBook b;
  b.write("docs/index.md", "# T\n\n## Two\n\n#### Four\n\n##### Five\n\n### Three\n");
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/index.html"),
            "<ul><li><a href=\"#two\">Two</a><ul><li><a href=\"#four\">Four</a><ul><li><a href=\"#five\">Five</a>"
            "</li></ul></li><li><a href=\"#three\">Three</a></li></ul></li></ul>"));
  b.write(
      "mkdocs.yml",
      "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nmarkdown_extensions:\n  - toc:\n      toc_depth: 3\n");
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/index.html"),
            "<ul><li><a href=\"#two\">Two</a><ul><li><a href=\"#three\">Three</a></li></ul></li></ul>"));
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nmarkdown_extensions:\n  - toc:\n      toc_depth: "
          "4-5\n");
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/index.html"),
            "<ul><li><a href=\"#four\">Four</a><ul><li><a href=\"#five\">Five</a></li></ul></li></ul>"));
}

TEST_CASE("sitemap.xml lists every page under site_url", "[assemble][site]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nsite_url: "
          "https://example.org/book/\nuse_directory_urls: false\n");
  b.write("docs/index.md", "# Home\n");
  b.write("docs/ch/one.md", "# One\n");
  REQUIRE(b.build().ok());
  CHECK(b.read("out/sitemap.xml") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "  <url><loc>https://example.org/book/ch/one.html</loc></url>\n"
        "  <url><loc>https://example.org/book/index.html</loc></url>\n"
        "</urlset>\n");
}

TEST_CASE("404.html at the site root links from the root at any depth", "[assemble][site]") {
  TempBook b;
  b.write("docs/index.md", "# Home\n");
  b.write("docs/ch/one.md", "# One\n");
  REQUIRE(build_with_theme(b).ok());
  const std::string page = b.read("out/404.html");
  CHECK(has(page, "<h1 id=\"__404\">404 - Not found</h1>"));
  CHECK(has(page, "href=\"/assets/book.css\""));
  CHECK(has(page, "<a href=\"/ch/one.html\">One</a>"));
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nsite_url: https://example.org/book\n");
  REQUIRE(build_with_theme(b).ok());
  CHECK(has(b.read("out/404.html"), "href=\"/book/assets/book.css\""));
  b.write("docs/404.md", "# My own 404\n");  // an author's 404 page wins
  REQUIRE(build_with_theme(b).ok());
  CHECK(has(b.read("out/404.html"), "My own 404"));
}

TEST_CASE("front matter: description wins over site_description, hide drops toc, navigation, footer",
          "[assemble][front-matter]") {
  const std::string plain = assemble_one({});
  CHECK(has(plain, "<meta name=\"description\" content=\"The book&#39;s description\">"));
  CHECK(has(plain, "<body class=\"\">"));
  CHECK(has(plain, "<a href=\"#part\">Part</a>"));
  const std::string own = assemble_one({{"description", "This page"}, {"hide", "toc\nnavigation\nfooter"}});
  CHECK(has(own, "<meta name=\"description\" content=\"This page\">"));
  CHECK(has(own, "<body class=\"hide-toc hide-navigation hide-footer\">"));
  CHECK_FALSE(has(own, "<a href=\"#part\">"));
  CHECK_FALSE(has(own, "aria-current=\"page\""));
  CHECK_FALSE(has(own, "rel=\"next\""));
}

TEST_CASE("features: code copy is announced to the script, toc.integrate moves the TOC into the nav",
          "[assemble][features]") {
  CHECK(has(assemble_one({}, "content.code.copy"), "data-features=\"content.code.copy\""));
  const std::string integrated = assemble_one({}, "toc.integrate");
  CHECK(has(integrated, "aria-current=\"page\">A</a><ul><li><a href=\"#part\">Part</a></li></ul></li>"));
  CHECK(has(integrated, "<body class=\"toc-integrated\">"));
}

TEST_CASE("navigation features shape the sidebar as in Material", "[assemble][features]") {
  TempBook b;
  const std::string nav =
      "nav:\n  - Home: index.md\n  - Part A:\n    - a/index.md\n    - a/x.md\n  - Part B:\n    - b/y.md\n";
  b.write("docs/index.md", "# Home\n");
  b.write("docs/a/index.md", "# A\n");
  b.write("docs/a/x.md", "# X\n");
  b.write("docs/b/y.md", "# Y\n");
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\n" + nav);
  REQUIRE(b.build().ok());
  // Default: sections collapse, open only where the page is.
  const std::string x = b.read("out/a/x.html");
  CHECK(has(x, "<details class=\"nav-collapsible\" open><summary class=\"nav-section-title\">Part A</summary>"));
  CHECK(has(x, "<details class=\"nav-collapsible\"><summary class=\"nav-section-title\">Part B</summary>"));
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n  features: "
          "[navigation.expand]\n" +
              nav);
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/a/x.html"),
            "<details class=\"nav-collapsible\" open><summary class=\"nav-section-title\">Part B"));
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n  features: "
          "[navigation.sections]\n" +
              nav);
  REQUIRE(b.build().ok());
  CHECK(has(b.read("out/a/x.html"), "<li class=\"nav-section\"><span class=\"nav-section-title\">Part B</span><ul>"));
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n  features:\n"
          "    - navigation.indexes\n    - navigation.prune\n" +
              nav);
  REQUIRE(b.build().ok());
  const std::string pruned = b.read("out/a/x.html");
  CHECK(has(pruned,
            "<summary class=\"nav-section-title\"><a href=\"../a/index.html\">Part A</a></summary>"
            "<ul><li><a href=\"../a/x.html\" aria-current=\"page\">X</a></li></ul>"));
  CHECK(has(pruned, "<li class=\"nav-section\"><a href=\"../b/y.html\">Part B</a></li>"));
  CHECK_FALSE(has(pruned, ">Y</a>"));
}

TEST_CASE("a page with a Mermaid diagram allows inline styles, never inline scripts", "[assemble][csp]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nmarkdown_extensions:\n  - pymdownx.superfences:\n"
          "      custom_fences:\n        - name: mermaid\n          class: mermaid\n");
  b.write("docs/index.md", "# Home\n\n<p style=\"color: red\">x</p>\n");
  b.write("docs/flow.md", "# Flow\n\n<p style=\"color: red\">x</p>\n\n```mermaid\ngraph TD; A-->B\n```\n");
  REQUIRE(build_with_theme(b).ok());
  const std::string flow = b.read("out/flow.html"), home = b.read("out/index.html");
  CHECK(has(flow, book::escape_html("style-src 'self' 'unsafe-inline';")));
  CHECK(has(flow, book::escape_html("script-src 'self';")));
  CHECK_FALSE(has(home, "unsafe-inline"));
  CHECK(has(home, book::escape_html("'sha256-")));  // the home page keeps its hash-only policy
}

TEST_CASE("a page of a 1,000-page book carries its own section and the top level, not the whole nav",
          "[assemble][nav]") {
  TempBook b;
  std::string nav = "nav:\n";
  for (int s = 0; s < 40; ++s) {
    nav += "  - Part " + std::to_string(s) + ":\n";
    for (int p = 0; p < 25; ++p) {
      const std::string name = "s" + std::to_string(s) + "/p" + std::to_string(p) + ".md";
      b.write("docs/" + name, "# Page " + std::to_string(p) + "\n");
      nav += "    - " + name + "\n";
    }
  }
  // No navigation.prune asked for: a nav this long is pruned anyway.
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\n" + nav);
  REQUIRE(b.build().ok());
  const std::string page = b.read("out/s7/p3.html");
  CHECK(page.size() < 8000);  // the whole nav would be some 60 bytes for each of the 1,000 pages
  CHECK(has(page, "<a href=\"../s7/p3.html\" aria-current=\"page\">"));
  for (int p : {0, 2, 4, 24}) CHECK(has(page, "<a href=\"../s7/p" + std::to_string(p) + ".html\">"));
  CHECK(has(page, "<li class=\"nav-section\"><a href=\"../s0/p0.html\">Part 0</a></li>"));
  CHECK(has(page, "<li class=\"nav-section\"><a href=\"../s39/p0.html\">Part 39</a></li>"));
  CHECK_FALSE(has(page, "s8/p1.html"));
}

// What a page waits for before it can be written while the rest of the book renders.
TEST_CASE("a page shows the titles of its untitled nav entries and its neighbours, pruned or not", "[assemble]") {
  book::Book b;
  for (const std::string name : {"a", "b", "c", "d"}) {
    book::Page p;
    p.src_rel = name + ".md";
    p.out_rel = name + ".html";
    b.pages.push_back(p);
  }
  // A is titled in the nav; b is not; the section S holds c and d, untitled.
  b.nav = {{"A", 0, "", {}}, {"", 1, "", {}}, {"S", -1, "", {{"", 2, "", {}}, {"", 3, "", {}}}}};
  b.reading_order = {0, 1, 2, 3};
  auto shown = [&](size_t page) {
    std::vector<int> s = book::titles_shown(b, page);
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  };
  CHECK(shown(0) == std::vector<int>{1, 2, 3});  // the whole nav, and the next page
  b.config.theme.features = {"navigation.prune"};
  CHECK(shown(0) == std::vector<int>{1});        // S is one link, under its own title
  CHECK(shown(2) == std::vector<int>{1, 2, 3});  // its own section, open
  b.pages[0].model.front_matter["hide"] = "- navigation\n- footer";
  CHECK(shown(0).empty());
}
