// attr_list as Python-Markdown applies it; each expected tag is what MkDocs 1.4 writes
// (attributes sorted by name), with our .md -> .html links.
#include <catch2/catch.hpp>

#include <chrono>

#include "../render_helpers.hpp"

namespace {

Rendered attr(const std::string& md) {
  return render_md(md, {"attr_list"});
}

}  // namespace

TEST_CASE("attributes on an image and on links", "[attr_list]") {
  CHECK(attr("![x](a.png){ width=\"80\" }\n").page.body == "<p><img alt=\"x\" src=\"a.png\" width=\"80\" /></p>\n");
  CHECK(attr("[Run](main.md){ .md-button }\n").page.body ==
        "<p><a class=\"md-button\" href=\"main.html\">Run</a></p>\n");
  const auto r = attr("[Go](main.md){: .md-button .md-button--primary #go }\n");
  CHECK(r.page.body == "<p><a class=\"md-button md-button--primary\" href=\"main.html\" id=\"go\">Go</a></p>\n");
  CHECK(r.page.ids.count("go") == 1);
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].url == "main.md");  // still link-checked as written
}

TEST_CASE("attributes on emphasis and code spans, text goes on after the list", "[attr_list]") {
  CHECK(attr("*em*{: .e } and `code`{: .c } end\n").page.body ==
        "<p><em class=\"e\">em</em> and <code class=\"c\">code</code> end</p>\n");
}

TEST_CASE("a heading's id and classes, the TOC and the ids use the author's id", "[attr_list]") {
  const auto r = attr("## Title { #custom-id .cls }\n\n## Plain { .only-class }\n");
  CHECK(r.page.body ==
        "<h2 class=\"cls\" id=\"custom-id\">Title</h2>\n<h2 class=\"only-class\" id=\"plain\">Plain</h2>\n");
  REQUIRE(r.page.headings.size() == 2);
  CHECK(r.page.headings[0].text == "Title");
  CHECK(r.page.headings[0].id == "custom-id");
  CHECK(r.page.headings[1].id == "plain");
  CHECK(r.page.ids.count("custom-id") == 1);
  CHECK(r.page.ids.count("title-custom-id-cls") == 0);
}

TEST_CASE("a list on the last line of a paragraph applies to the paragraph", "[attr_list]") {
  const auto r = attr("Some paragraph\ntext here\n{: .note #para }\n");
  CHECK(r.page.body == "<p class=\"note\" id=\"para\">Some paragraph\ntext here</p>\n");
  CHECK(r.page.ids.count("para") == 1);
}

TEST_CASE("attributes at the end of a table cell, the rest of the table is as cmark writes it", "[attr_list]") {
  const std::string table = "| a | *b* |\n|:-:|---|\n| cell | x |\n| y | z |\n";
  std::string with_list = table;
  with_list.replace(with_list.find("| cell |"), 8, "| cell { .tc } |");
  std::string expected = render_md(table).page.body;
  const std::string cell = "<td align=\"center\">cell";
  expected.replace(expected.find(cell), cell.size(), "<td align=\"center\" class=\"tc\">cell");
  CHECK(attr(with_list).page.body == expected);
}

// Attributes come out sorted by name, as Python-Markdown writes them (cmark puts src first).
TEST_CASE("a restyled link or image is written as cmark writes it, plus the attributes", "[attr_list]") {
  const std::string md = "[a *b*](<x y.md?q=1&r='s'> \"T \\\"q\\\"\") ![alt *e*](<p q.png> \"t\")";
  std::string expected = render_md(md + "\n").page.body;
  expected.replace(expected.find("<a "), 3, "<a class=\"l\" ");
  const std::string image = "<img src=\"p%20q.png\" alt=\"alt e\"";
  expected.replace(expected.find(image), image.size(), "<img alt=\"alt e\" class=\"i\" src=\"p%20q.png\"");
  CHECK(attr("[a *b*](<x y.md?q=1&r='s'> \"T \\\"q\\\"\"){.l} ![alt *e*](<p q.png> \"t\"){.i}\n").page.body ==
        expected);
}

TEST_CASE("a term of a definition list takes the list at its end", "[attr_list]") {
  CHECK(render_md("Apple { .fruit }\n:   Pomaceous\n", {"def_list", "attr_list"}).page.body ==
        "<dl>\n<dt class=\"fruit\">Apple</dt>\n<dd>Pomaceous</dd>\n</dl>\n");
}

TEST_CASE("where Python-Markdown takes no attribute list, the text stays", "[attr_list]") {
  CHECK(attr("Some {.x} text\n").page.body == "<p>Some {.x} text</p>\n");
  CHECK(attr("{: .x}\n").page.body == "<p>{: .x}</p>\n");
  CHECK(attr("`[a](b){.x}`\n").page.body == "<p><code>[a](b){.x}</code></p>\n");
  CHECK(attr("```\n![x](a.png){ width=\"80\" }\n```\n").page.body.find("{ width=") != std::string::npos);
  // Without attr_list in mkdocs.yml, as in MkDocs, nothing changes.
  CHECK(render_md("[Run](main.md){ .md-button }\n").page.body ==
        "<p><a href=\"main.html\">Run</a>{ .md-button }</p>\n");
}

TEST_CASE("odd attribute names are made safe, quotes in values are escaped", "[attr_list]") {
  CHECK(attr("[a](b){ x\"y=1 title='say \"hi\"' }\n").page.body ==
        "<p><a href=\"b\" title=\"say &quot;hi&quot;\" x_y=\"1\">a</a></p>\n");
}

TEST_CASE("many lists on a long line stay linear and sound", "[attr_list]") {
  std::string md;
  for (int i = 0; i < 20000; ++i) md += "*a*{.x} ";
  const auto body = attr(md + "\n").page.body;
  CHECK(body.find("{.x}") == std::string::npos);
  CHECK(body.find("<em class=\"x\">a</em> <em class=\"x\">a</em>") != std::string::npos);
}

TEST_CASE("a long line of unclosed lists and self-closing tags stays linear", "[attr_list]") {
  std::string md;
  for (int i = 0; i < 100000; ++i) md += "{ ";
  for (int i = 0; i < 50000; ++i) md += "<br />{.x}";
  const auto started = std::chrono::steady_clock::now();
  const auto body = attr(md + "\n").page.body;
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(body.find("<br />{.x}<br />") != std::string::npos);  // not an image: left alone
}
