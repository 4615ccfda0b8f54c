// A page's YAML front matter is metadata, never body text, as in MkDocs.
#include <catch2/catch.hpp>

#include "../render_helpers.hpp"

TEST_CASE("front matter is taken out of the body and read into the page model", "[front_matter]") {
  const auto r = render_md(
      "---\ntitle: Front Title\ndescription: A page\nhide:\n  - toc\n  - navigation\n---\n\n# Heading One\n\nText.\n");
  CHECK(r.errors().empty());
  CHECK(r.page.body.find("<hr") == std::string::npos);
  CHECK(r.page.body.find("title:") == std::string::npos);
  CHECK(r.page.front_matter.at("title") == "Front Title");
  CHECK(r.page.front_matter.at("description") == "A page");
  CHECK(r.page.front_matter.at("hide") == "toc\nnavigation");
  REQUIRE(r.page.headings.size() == 1);  // the block is not the first TOC entry
  CHECK(r.page.headings[0].text == "Heading One");
  CHECK(r.page.headings[0].line == 9);  // lines after the block keep their numbers
}

TEST_CASE("the front matter title wins over the first h1", "[front_matter]") {
  CHECK(render_md("---\ntitle: Front Title\n---\n# Heading One\n").page.title == "Front Title");
  CHECK(render_md("---\ndescription: x\n---\n# Heading One\n").page.title == "Heading One");
}

TEST_CASE("a flow list and a closing ... line are read as YAML", "[front_matter]") {
  const auto r = render_md("---\nhide: [toc, navigation]\n...\nBody.\n");
  CHECK(r.page.front_matter.at("hide") == "toc\nnavigation");
  CHECK(r.page.body == "<p>Body.</p>\n");
}

TEST_CASE("invalid front matter is a warning at its line, and the block is still removed", "[front_matter]") {
  const auto r = render_md("---\ntitle: ok\nhide: [toc\n---\n\n[broken](nope.md)\n");
  CHECK(r.errors() ==
        "page.md:4: warning: front matter is not valid YAML (end of sequence flow not found); the "
        "block is ignored\n");
  CHECK(r.page.front_matter.empty());
  CHECK(r.page.body.find("hide") == std::string::npos);
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 6);
}

TEST_CASE("front matter that is not a mapping is a warning", "[front_matter]") {
  const auto r = render_md("---\n- a\n- b\n---\nBody.\n");
  CHECK(r.errors() == "page.md:2: warning: front matter must be \"key: value\" lines; the block is ignored\n");
  CHECK(r.page.body == "<p>Body.</p>\n");
}

TEST_CASE("a --- that is not at the top, or never closed, is a thematic break", "[front_matter]") {
  CHECK(render_md("Text\n\n---\ntitle: x\n---\n").page.front_matter.empty());
  const auto r = render_md("---\nNot closed.\n");
  CHECK(r.page.front_matter.empty());
  CHECK(r.page.body.find("<hr />") == 0);
}

TEST_CASE("deeply nested front matter is a warning, not a crash", "[front_matter]") {
  const auto r = render_md("---\ntitle: " + std::string(100000, '[') + "\n---\n# X\n");
  REQUIRE(r.diags.all().size() == 1);
  CHECK(r.diags.all()[0].severity == book::Diagnostic::Severity::Warning);
  CHECK(r.page.title == "X");
}
