// pymdownx.arithmatex (generic): TeX kept for KaTeX in the markup MkDocs emits, never inside
// code, and only pages with math load KaTeX.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"
#include "temp_book.hpp"

namespace {

std::string math(const std::string& md) {
  return render_configured(md, config_with({"pymdownx.arithmatex"})).page.body;
}

}  // namespace

TEST_CASE("inline math in dollars and in backslash parentheses, as MkDocs writes it", "[arithmatex]") {
  CHECK(
      math("Area $x^2$ and \\(a<b\\).\n") ==
      "<p>Area <span class=\"arithmatex\">\\(x^2\\)</span> and <span class=\"arithmatex\">\\(a&lt;b\\)</span>.</p>\n");
}

TEST_CASE("display math in double dollars, backslash brackets and begin-end paragraphs, as MkDocs writes it",
          "[arithmatex]") {
  CHECK(math("$$\na < b\n$$\n") == "<div class=\"arithmatex\">\\[\na &lt; b\n\\]</div>\n");
  CHECK(math("\\[ x \\]\n") == "<div class=\"arithmatex\">\\[ x \\]</div>\n");
  CHECK(math("\\begin{align}\nx &= 1\n\\end{align}\n") ==
        "<div class=\"arithmatex\">\\[\\begin&#123;align&#125;\nx &amp;&#61; 1\n\\end&#123;align&#125;\\]</div>\n");
}

TEST_CASE("display math in a list item, but not in indented code", "[arithmatex]") {
  const std::string item = math("- Energy:\n\n    $$\n    E = mc^2\n    $$\n");
  CHECK(item.find("<li>\n<p>Energy:</p>\n  <div class=\"arithmatex\">\\[\n  E &#61; mc&#94;2\n  \\]</div>\n</li>") !=
        std::string::npos);  // MkDocs drops the indentation inside; TeX does not mind it
  CHECK(math("Code:\n\n    $$x$$\n").find("arithmatex") == std::string::npos);
}

TEST_CASE("TeX is not Markdown: emphasis, escapes and tildes inside math stay TeX", "[arithmatex]") {
  CHECK(math("$a*b*c$ and $\\{x\\}_1$ and $a~b$\n") ==
        "<p><span class=\"arithmatex\">\\(a*b*c\\)</span> and <span class=\"arithmatex\">\\(\\{x\\}_1\\)</span> and "
        "<span class=\"arithmatex\">\\(a~b\\)</span></p>\n");
}

// MkDocs (pymdownx 9.5) renders "$35-$80" as <span class="arithmatex">\(35-\)</span>80: it
// is wrong there. A closing $ right before a digit does not close math (Pandoc's rule).
TEST_CASE("prices are not math: $35-$80 stays text, unlike in MkDocs", "[arithmatex]") {
  const auto r = render_configured("Tickets cost $35-$80, or $5.\n", config_with({"pymdownx.arithmatex"}));
  CHECK(r.page.body == "<p>Tickets cost $35-$80, or $5.</p>\n");
  CHECK(r.page.needs.count("math") == 0);
}

TEST_CASE("math is not looked for in code, after an escaped dollar or around spaces", "[arithmatex]") {
  const auto r = render_configured("`$x$` and \\$5 and $ x$\n\n```\n$y$\n```\n", config_with({"pymdownx.arithmatex"}));
  CHECK(r.page.body.rfind("<p><code>$x$</code> and $5 and $ x$</p>\n", 0) == 0);
  CHECK(r.page.body.find("arithmatex") == std::string::npos);
  CHECK(r.page.needs.empty());
}

TEST_CASE("math is protected from the other inline extensions", "[arithmatex]") {
  const auto r =
      render_configured("$a == b :smile: x^2^$\n",
                        config_with({"pymdownx.arithmatex", "pymdownx.emoji", "pymdownx.mark", "pymdownx.caret"}));
  CHECK(r.page.body == "<p><span class=\"arithmatex\">\\(a == b :smile: x^2^\\)</span></p>\n");
}

TEST_CASE("a page with math needs KaTeX, the site serves it and only such pages load it", "[arithmatex]") {
  TempBook book;
  book.write("mkdocs.yml",
             "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nmarkdown_extensions:\n  - "
             "pymdownx.arithmatex:\n      generic: true\n");
  book.write("theme/templates/page.html", "<main>{{{content}}}</main>{{{page_scripts}}}");
  book.write("docs/index.md", "# Home\n\nNo math, $5.\n");
  book.write("docs/math.md", "# Math\n\n$E = mc^2$\n");
  const auto report = book.build();
  REQUIRE(TempBook::messages(report) == "");
  CHECK(book.read("out/math.html").find("<script src=\"assets/katex/katex.min.js\" defer></script>") !=
        std::string::npos);
  CHECK(book.read("out/math.html").find("<script src=\"assets/math.js\" defer></script>") != std::string::npos);
  CHECK(book.read("out/index.html").find("katex") == std::string::npos);
  CHECK(book.exists("out/assets/katex/katex.min.js"));
  CHECK(book.exists("out/assets/katex/katex.min.css"));
  CHECK(book.exists("out/assets/katex/fonts/KaTeX_Main-Regular.woff2"));
  CHECK_FALSE(book.exists("out/assets/katex/fonts/KaTeX_Main-Regular.ttf"));  // woff2 is all browsers need
}
