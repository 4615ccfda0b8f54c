// Admonition types and unindented bodies as MkDocs renders them (Python-Markdown's
// admonition and pymdownx.details lowercase the type; an unindented body is not theirs).
#include <catch2/catch.hpp>

#include "../render_helpers.hpp"

TEST_CASE("a type is lowercased, and the default title is the capitalized type", "[admonition]") {
  CHECK(render_md("!!! Note\n    Body.\n").page.body ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p>\n<p>Body.</p>\n</div>\n");
  CHECK(render_md("??? WARNING \"Careful\"\n    Body.\n").page.body ==
        "<details class=\"warning\"><summary>Careful</summary>\n<p>Body.</p>\n</details>\n");
  // A type the theme does not know keeps its class, so an author's extra_css can style it.
  CHECK(render_md("!!! Custom \"Mine\"\n    Body.\n").page.body.find("<div class=\"admonition custom\">") == 0);
}

TEST_CASE("an unindented body: an empty block, then the text as a paragraph, and a warning", "[admonition]") {
  const auto r = render_md("# T\n\n!!! warning\nNot indented.\n\n[x](nope.md)\n");
  CHECK(r.page.body.find("<div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p>\n</div>\n"
                         "<p>Not indented.</p>\n") != std::string::npos);
  CHECK(r.errors() ==
        "page.md:3: warning: \"!!! warning\" has no indented content, so it is shown empty; indent its text four "
        "spaces more than the marker\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 6);
}

TEST_CASE("??? with an unindented answer after a blank line is empty too", "[admonition]") {
  const auto r = render_md("??? question \"Q\"\n\nUnindented answer.\n");
  CHECK(r.page.body == "<details class=\"question\"><summary>Q</summary>\n</details>\n<p>Unindented answer.</p>\n");
  CHECK_FALSE(r.diags.has_errors());
  CHECK(r.diags.all().size() == 1);
}

TEST_CASE("an unindented line right after the body is a paragraph after the block", "[admonition]") {
  CHECK(render_md("!!! note\n    body\nNot indented.\n").page.body ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p>\n<p>body</p>\n</div>\n"
        "<p>Not indented.</p>\n");
}
