// Footnotes with MkDocs' markup and ids (taken from MkDocs 1.4's output for the same text).
#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include "../render_helpers.hpp"

namespace {

Rendered notes(const std::string& md) {
  return render_md(md, {"footnotes"});
}

}  // namespace

// MkDocs writes the no-break space and the arrow as &#160; and &#8617;; cmark writes the
// characters themselves (UTF-8), which read the same.
TEST_CASE("references, a repeated reference and the list at the end", "[footnotes]") {
  const auto r = notes(
      "Footnote here[^1] and again[^note] and [^1].\n\n[^1]: The first note.\n[^note]: Named note\n    with "
      "more.\n\nAfter.\n");
  CHECK(r.page.body ==
        "<p>Footnote here<sup id=\"fnref:1\"><a class=\"footnote-ref\" href=\"#fn:1\">1</a></sup> and again<sup "
        "id=\"fnref:note\"><a class=\"footnote-ref\" href=\"#fn:note\">2</a></sup> and <sup id=\"fnref2:1\"><a "
        "class=\"footnote-ref\" href=\"#fn:1\">1</a></sup>.</p>\n<p>After.</p>\n"
        "<div class=\"footnote\">\n<hr />\n<ol>\n<li id=\"fn:1\">\n"
        "<p>The first note.\u00a0<a class=\"footnote-backref\" href=\"#fnref:1\" title=\"Jump back to footnote 1 in "
        "the text\">\u21a9</a><a class=\"footnote-backref\" href=\"#fnref2:1\" title=\"Jump back to footnote 1 in "
        "the text\">\u21a9</a></p>\n</li>\n<li id=\"fn:note\">\n"
        "<p>Named note\nwith more.\u00a0<a class=\"footnote-backref\" href=\"#fnref:note\" title=\"Jump back to "
        "footnote 2 in the text\">\u21a9</a></p>\n</li>\n</ol>\n</div>\n");
  for (const char* id : {"fn:1", "fn:note", "fnref:1", "fnref2:1", "fnref:note"}) CHECK(r.page.ids.count(id) == 1);
}

TEST_CASE("a note's links keep their source lines, code and undefined labels stay text", "[footnotes]") {
  const auto r = notes("See[^a] `[^a]` [^zz].\n\n[^a]: Read [this](x.md).\n\n[after](y.md)\n");
  CHECK(r.page.body.find("<code>[^a]</code> [^zz].") != std::string::npos);
  std::map<std::string, int> line;
  for (const auto& l : r.page.links) line[l.url] = l.line;
  CHECK(line.at("x.md") == 3);
  CHECK(line.at("y.md") == 5);
}

TEST_CASE("without footnotes in mkdocs.yml, [^1] is text", "[footnotes]") {
  CHECK(render_md("a[^1]\n\n[^1]: n\n").page.body.find("footnote") == std::string::npos);
}

TEST_CASE("a long line of unclosed references stays linear", "[footnotes]") {
  std::string md;
  for (int i = 0; i < 100000; ++i) md += "[^1";
  const auto started = std::chrono::steady_clock::now();
  const auto body = notes(md + "\n\n[^1]: n\n").page.body;
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(body.find("[^1[^1") != std::string::npos);
}
