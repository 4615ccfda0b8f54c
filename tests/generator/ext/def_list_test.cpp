// Definition lists as MkDocs 1.4 writes them.
#include <catch2/catch.hpp>

#include "../render_helpers.hpp"

TEST_CASE("terms and tight and loose definitions in one list", "[def_list]") {
  const auto r = render_md(
      "Apple\n:   Pomaceous fruit\n\nOrange\n:   Citrus fruit\n\n    Second paragraph.\n\nAfter.\n", {"def_list"});
  CHECK(r.page.body ==
        "<dl>\n<dt>Apple</dt>\n<dd>Pomaceous fruit</dd>\n<dt>Orange</dt>\n<dd>\n<p>Citrus fruit</p>\n"
        "<p>Second paragraph.</p>\n</dd>\n</dl>\n<p>After.</p>\n");
}

TEST_CASE("Markdown in terms and definitions, links checked at their lines", "[def_list]") {
  const auto r = render_md("`term` one\n:   See [x](x.md).\n", {"def_list"});
  CHECK(r.page.body == "<dl>\n<dt><code>term</code> one</dt>\n<dd>See <a href=\"x.html\">x</a>.</dd>\n</dl>\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 2);
}

TEST_CASE("without def_list in mkdocs.yml, the colon line is text", "[def_list]") {
  CHECK(render_md("Apple\n:   fruit\n").page.body == "<p>Apple\n:   fruit</p>\n");
}

TEST_CASE("a list right inside <div markdown>: the tag is not a term", "[def_list]") {
  CHECK(render_md("<div markdown>\nApple\n:   Fruit\n</div>\n", {"def_list"}).page.body ==
        "<div>\n<dl>\n<dt>Apple</dt>\n<dd>Fruit</dd>\n</dl>\n</div>\n");
}
