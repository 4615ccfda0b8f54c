// The core: headings with MkDocs ids and permalinks, TOC data, highlighted code, links.
#include <catch2/catch.hpp>

#include <set>

#include "config.hpp"
#include "csp.hpp"
#include "render_helpers.hpp"

TEST_CASE("heading and code-line ids come from the model as made, and authors' raw HTML ids count too",
          "[markdown][links]") {
  const auto r = render_md(
      "## Twice\n\n## Twice\n\n```c\nint a;\nint b;\n```\n\n<p id='mine'>x</p>\n\n"
      "```\n<a id=\"in-code\">\n```\n");
  CHECK(r.page.ids ==
        std::set<std::string>{"twice", "twice_1", "code-1", "code-1-L1", "code-1-L2", "mine", "code-2", "code-2-L1"});
}

TEST_CASE("headings get MkDocs ids, permalinks, and the first h1 is the title", "[markdown]") {
  book::RenderOptions permalinks;
  permalinks.permalink = "&para;";
  const auto r =
      render_with_options("# **Chapter 7**\n## 🧠 Interactive MicroSim\n### Benefits:\n### Benefits:\n", permalinks);
  CHECK(r.page.title == "Chapter 7");
  CHECK(r.page.body.find("<h2 id=\"interactive-microsim\">🧠 Interactive MicroSim<a class=\"headerlink\" "
                         "href=\"#interactive-microsim\" title=\"Permanent link\">&para;</a></h2>") !=
        std::string::npos);
  REQUIRE(r.page.headings.size() == 4);
  CHECK(r.page.headings[2].id == "benefits");
  CHECK(r.page.headings[3].id == "benefits_1");
  CHECK(r.page.ids.count("benefits_1") == 1);
}

TEST_CASE("C code is highlighted on the server, one addressable span per line", "[markdown][highlight]") {
  const auto r = render_md("```c title=\"demo.c\"\nint main() { return 0; } // done\nchar *s = \"<b>\";\n```\n");
  const std::string& h = r.page.body;
  CHECK(h.find("<div class=\"code-block\" id=\"code-demo-c\"><div class=\"code-title\">demo.c</div>") == 0);
  CHECK(h.find("<span class=\"line\" id=\"code-demo-c-L1\"><span class=\"tok-type\">int</span> "
               "<span class=\"tok-function\">main</span>") != std::string::npos);
  CHECK(h.find("<span class=\"tok-keyword\">return</span>") != std::string::npos);
  CHECK(h.find("<span class=\"tok-comment\">// done</span>") != std::string::npos);
  CHECK(h.find("<span class=\"line\" id=\"code-demo-c-L2\">") != std::string::npos);
  CHECK(h.find("<span class=\"tok-string\">&quot;&lt;b&gt;&quot;</span>") != std::string::npos);
  CHECK(h.find("<b>") == std::string::npos);
}

TEST_CASE("code in other languages is escaped, not highlighted", "[markdown][highlight]") {
  const auto r = render_md("```\nlock(<mutex>)\n```\n");
  CHECK(r.page.body.find("<span class=\"line\" id=\"code-1-L1\">lock(&lt;mutex&gt;)</span>") != std::string::npos);
  CHECK(r.page.body.find("tok-") == std::string::npos);
}

TEST_CASE("with directory URLs links to files are made relative to the page's folder", "[markdown][links]") {
  // As MkDocs: from a/b.md (written to a/b/index.html) every link to a file is rewritten.
  CHECK(book::rewrite_md_link("c.md", "a/b.md", true) == "../c/");
  CHECK(book::rewrite_md_link("c.md#x", "a/b.md", true) == "../c/#x");
  CHECK(book::rewrite_md_link("index.md", "a/b.md", true) == "../");
  CHECK(book::rewrite_md_link("../index.md", "a/b.md", true) == "../../");
  CHECK(book::rewrite_md_link("img/x.png", "a/b.md", true) == "../img/x.png");
  CHECK(book::rewrite_md_link("b.md", "a/b.md", true) == "./");
  // An index page's folder is its source folder: nothing moves.
  CHECK(book::rewrite_md_link("c.md", "a/index.md", true) == "c/");
  CHECK(book::rewrite_md_link("img/x.png", "a/index.md", true) == "img/x.png");
  // Links to folders, anchors, absolute paths and URLs stay as written.
  CHECK(book::rewrite_md_link("../c/", "a/b.md", true) == "../c/");
  CHECK(book::rewrite_md_link("#x", "a/b.md", true) == "#x");
  CHECK(book::rewrite_md_link("/abs.md", "a/b.md", true) == "/abs.md");
  CHECK(book::rewrite_md_link("https://example.org/a.md", "a/b.md", true) == "https://example.org/a.md");
  CHECK(book::rewrite_md_link("../../out.md", "a/b.md", true) == "../../out.md");  // reported by the link check
}

TEST_CASE("the page model keeps links as written, the body shows them rewritten", "[markdown][links]") {
  static const book::Extensions extensions = book::default_extensions();
  book::Renderer renderer(extensions);
  book::Diagnostics diags;
  const auto page = renderer.render("[c](c.md) <a href=\"c.md\">raw</a>\n", {"a/b.md", ".", "a/b.md", true}, diags);
  REQUIRE(page.links.size() == 2);
  CHECK(page.links[0].url == "c.md");
  CHECK(page.body.find("<a href=\"../c/\">c</a>") != std::string::npos);
  CHECK(page.body.find("<a href=\"c.md\">raw</a>") != std::string::npos);  // raw HTML is the author's
}

TEST_CASE("links to .md pages point at the .html pages they become", "[markdown][links]") {
  CHECK(book::rewrite_md_link("../other/page.md#part") == "../other/page.html#part");
  CHECK(book::rewrite_md_link("page.md") == "page.html");
  CHECK(book::rewrite_md_link("https://example.org/a.md") == "https://example.org/a.md");
  CHECK(book::rewrite_md_link("img/x.svg") == "img/x.svg");
  const auto r = render_md("[a](a.md) ![i](img/i.svg)\n\n<iframe src=\"sim/main.html\"></iframe>\n");
  REQUIRE(r.page.links.size() == 3);
  CHECK(r.page.links[0].url == "a.md");  // the model keeps what the author wrote
  CHECK(r.page.links[0].kind == book::Link::Kind::Link);
  CHECK(r.page.links[1].url == "img/i.svg");
  CHECK(r.page.links[1].kind == book::Link::Kind::Image);
  CHECK(r.page.links[2].url == "sim/main.html");
  CHECK(r.page.links[2].kind == book::Link::Kind::RawHtml);
  CHECK(r.page.body.find("<a href=\"a.html\">a</a>") != std::string::npos);  // the page shows where it leads
  CHECK(r.page.body.find("<iframe src=\"sim/main.html\"></iframe>") != std::string::npos);  // raw HTML is trusted
}

TEST_CASE("CRLF line endings render like LF", "[markdown]") {
  CHECK(render_md("# T\r\n\r\n!!! note\r\n    body\r\n").page.body ==
        render_md("# T\n\n!!! note\n    body\n").page.body);
}

// Found with the long-line inputs tried on fuzz_markdown: the trace lookup's
// std::filesystem::exists threw "File name too long" through the renderer, and the build
// failed with a message naming neither the page nor the line.
TEST_CASE("a code title longer than a path can be renders without a trace", "[markdown][hostile]") {
  const std::string title(5000, 'x');  // beyond PATH_MAX; beyond NAME_MAX (255) where traces/ exists
  const auto r = render_md("```c title=\"" + title + ".c\"\nint x;\n```\n");
  CHECK(r.page.body.find("<div class=\"code-title\">" + title + ".c</div>") != std::string::npos);
  CHECK(r.errors().empty());
}

// Found by the hostile inputs tried on fuzz_markdown: libstdc++'s std::regex recursed once
// per character (fence titles, URL schemes, the highlighter's #match? predicates), so one
// long line overflowed the stack (a segfault in the release build at 200,000 characters).
TEST_CASE("a code title and a link and an identifier of 300000 characters render", "[markdown][hostile]") {
  const std::string a(300000, 'a');
  auto r = render_md("```c title=\"" + a + ".c\"\nint x;\n```\n");
  CHECK(r.page.body.find("<div class=\"code-title\">" + a + ".c</div>") != std::string::npos);
  r = render_md("[x](" + a + ")\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].url == a);
  r = render_md("<iframe src=\"" + a + "\"></iframe>\n");  // raw HTML: its URLs are checked too
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].url == a);
  const std::string id(300000, 'A');
  r = render_md("```c\nint " + id + ";\n```\n");
  CHECK(r.page.body.find(id + "</span>") != std::string::npos);
}

TEST_CASE("a C block fenced as C (capital) is highlighted like c", "[markdown][highlight]") {
  const auto r = render_md("```C title=\"b.c\"\nint x;\n```\n");
  CHECK(r.page.body.find("tok-") != std::string::npos);
  CHECK(r.page.body.find("<div class=\"code-title\">b.c</div>") != std::string::npos);
}

TEST_CASE("toc's permalink option: none by default, the pilcrow for true, or the author's symbol", "[markdown][toc]") {
  CHECK(render_md("## Part\n").page.body == "<h2 id=\"part\">Part</h2>\n");
  book::Config cfg;
  cfg.markdown_extensions.push_back({"toc", {{"permalink", "true"}}, 1});
  CHECK(render_with_options("## Part\n", book::RenderOptions::from(cfg)).page.body ==
        "<h2 id=\"part\">Part<a class=\"headerlink\" href=\"#part\" title=\"Permanent link\">&para;</a></h2>\n");
  cfg.markdown_extensions[0].options = {{"permalink", "#"}, {"permalink_title", "Link to <this>"}};
  CHECK(render_with_options("## Part\n", book::RenderOptions::from(cfg)).page.body ==
        "<h2 id=\"part\">Part<a class=\"headerlink\" href=\"#part\" title=\"Link to &lt;this&gt;\">#</a></h2>\n");
  cfg.markdown_extensions[0].options = {{"permalink", "false"}};
  CHECK(book::RenderOptions::from(cfg).permalink.empty());
}

TEST_CASE("the author's inline style, style= and script are hashed into the page's CSP sources", "[markdown][csp]") {
  const auto r = render_md(
      "<style>\n.mascot { width: 80px; }\n</style>\n\n"
      "<p style=\"color: red\">red</p>\n\n"
      "Text <span style='color: &quot;x&quot;'>inline</span>.\n");
  // printf '%s' '\n.mascot { width: 80px; }\n' is the body between the tags; the other two
  // were computed with: printf '%s' 'color: red' | openssl dgst -sha256 -binary | base64
  // (and 'color: "x"', the value as the browser decodes it).
  CHECK(r.page.inline_hashes == std::set<std::string>{
                                    "style-src " + book::csp_hash("\n.mascot { width: 80px; }\n"),
                                    "style-src 'sha256-NerDAUWfwD31YdZHveMrq0GLjsNFMwxLpZl0dPUeCcw='",
                                    "style-src 'sha256-tfjSKpvroFG0diSTCr9/hp1b7KQARw6h9iiT98MAFJU='",
                                    "style-src 'unsafe-hashes'",
                                });
  CHECK(r.page.external_sources.empty());
  CHECK(r.errors().empty());
}

TEST_CASE("an author's event handler needs its hash and 'unsafe-hashes' in script-src", "[markdown][csp]") {
  const auto r = render_md("<button onclick=\"go()\">Go</button>\n\n<script>go = () => 1;</script>\n");
  CHECK(r.page.inline_hashes == std::set<std::string>{"script-src " + book::csp_hash("go()"),
                                                      "script-src " + book::csp_hash("go = () => 1;"),
                                                      "script-src 'unsafe-hashes'"});
}

TEST_CASE("what an author loads from another host is allowed on that page, with a warning at its line",
          "[markdown][csp]") {
  const auto r = render_md(
      "# Page\n\n<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>\n\n"
      "![badge](https://img.shields.io/badge/x.svg)\n\n<a href=\"https://example.com/\">a link loads nothing</a>\n");
  CHECK(r.page.external_sources ==
        std::set<std::string>{"frame-src https://www.youtube.com", "img-src https://img.shields.io"});
  CHECK(r.errors() ==
        "page.md:5: warning: \"https://img.shields.io/badge/x.svg\" is loaded from another host; this page's "
        "Content-Security-Policy allows https://img.shields.io (img-src)\n"
        "page.md:3: warning: \"https://www.youtube.com/embed/abc\" is loaded from another host; this page's "
        "Content-Security-Policy allows https://www.youtube.com (frame-src)\n");
}
