// Abbreviations as MkDocs 1.4 writes them.
#include <catch2/catch.hpp>

#include "../render_helpers.hpp"

TEST_CASE("a defined abbreviation is marked up wherever it is a whole word of text", "[abbr]") {
  const auto r = render_md("*[HTML]: Hyper Text Markup Language\n\nHTML is great, xHTML is not.\n", {"abbr"});
  CHECK(r.page.body == "<p><abbr title=\"Hyper Text Markup Language\">HTML</abbr> is great, xHTML is not.</p>\n");
}

TEST_CASE("code, link targets, tags and headings keep the word as it is", "[abbr]") {
  const auto r =
      render_md("*[HTML]: Markup\n\n## About HTML\n\n`HTML` [HTML](HTML.md) <b class=\"HTML\">x</b>\n", {"abbr"});
  CHECK(r.page.headings.at(0).id == "about-html");
  CHECK(r.page.body.find("<code>HTML</code> <a href=\"HTML.html\"><abbr title=\"Markup\">HTML</abbr></a> <b "
                         "class=\"HTML\">x</b>") != std::string::npos);
}

TEST_CASE("without abbr in mkdocs.yml, the definition stays text", "[abbr]") {
  CHECK(render_md("*[HTML]: Markup\n").page.body.find("[HTML]") != std::string::npos);
}
