// pymdownx.tabbed (alternate style): the markup MkDocs emits, tab sets as pymdownx groups
// them, and the Markdown inside each tab.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"

namespace {

Rendered tabs(const std::string& md) {
  return render_configured(md, config_with({"pymdownx.tabbed"}));
}

}  // namespace

TEST_CASE("tabs become pymdownx's alternate-style markup, exactly as MkDocs writes it", "[tabbed]") {
  const auto r = tabs("=== \"Python\"\n\n    One\n\n=== \"C *x*\"\n    Hello **b**\n");
  CHECK(r.page.body ==
        "<div class=\"tabbed-set tabbed-alternate\" data-tabs=\"1:2\">"
        "<input checked=\"checked\" id=\"__tabbed_1_1\" name=\"__tabbed_1\" type=\"radio\" />"
        "<input id=\"__tabbed_1_2\" name=\"__tabbed_1\" type=\"radio\" />"
        "<div class=\"tabbed-labels\"><label for=\"__tabbed_1_1\">Python</label>"
        "<label for=\"__tabbed_1_2\">C <em>x</em></label></div>\n"
        "<div class=\"tabbed-content\">\n"
        "<div class=\"tabbed-block\">\n<p>One</p>\n</div>\n"
        "<div class=\"tabbed-block\">\n<p>Hello <strong>b</strong></p>\n</div>\n"
        "</div>\n</div>\n");
  CHECK(r.errors().empty());
  CHECK(r.page.ids.count("__tabbed_1_2") == 1);
}

TEST_CASE("a tab holds any Markdown: code, lists, nested tabs numbered in document order", "[tabbed]") {
  const auto r = tabs(
      "=== \"Outer\"\n\n    === \"In A\"\n        a\n    === \"In B\"\n        b\n\n"
      "=== \"Code\"\n\n    ```c\n    int x;\n    ```\n\n    - item\n\nAfter the tabs.\n");
  const std::string& b = r.page.body;
  CHECK(b.find("data-tabs=\"1:2\"") < b.find("data-tabs=\"2:2\""));  // outer set first, as pymdownx counts
  CHECK(b.find("<label for=\"__tabbed_2_2\">In B</label>") != std::string::npos);
  CHECK(b.find("<code class=\"language-c\">") != std::string::npos);
  CHECK(b.find("<li>item</li>") != std::string::npos);
  CHECK(b.find("</div>\n<p>After the tabs.</p>") != std::string::npos);
  REQUIRE(r.page.code_blocks.size() == 1);
  CHECK(r.page.code_blocks[0].fence_line == 10);  // source lines survive the dedent
}

TEST_CASE("===! starts a new set and ===+ chooses the tab shown first", "[tabbed]") {
  const auto r = tabs("=== \"A\"\n    a\n\n===! \"B\"\n    b\n===+ \"C\"\n    c\n");
  const std::string& b = r.page.body;
  CHECK(b.find("data-tabs=\"1:1\"") != std::string::npos);
  CHECK(b.find("data-tabs=\"2:2\"") != std::string::npos);
  CHECK(b.find("<input id=\"__tabbed_2_1\"") != std::string::npos);
  CHECK(b.find("<input checked=\"checked\" id=\"__tabbed_2_2\"") != std::string::npos);
}

TEST_CASE("links inside a tab keep the line the author wrote", "[tabbed]") {
  const auto r = tabs("# T\n\n=== \"A\"\n\n    See [x](x.md).\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 5);
}

TEST_CASE("tabs are pymdownx.tabbed's: without it in markdown_extensions, === is text", "[tabbed]") {
  const auto r = render_md("=== \"A\"\n    a\n");
  CHECK(r.page.body.find("tabbed") == std::string::npos);
}

TEST_CASE("=== inside a code fence is code", "[tabbed]") {
  const auto r = tabs("```\n=== \"A\"\n    a\n```\n");
  CHECK(r.page.body.find("tabbed") == std::string::npos);
}
