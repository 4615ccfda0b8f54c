// Admonitions, collapsible blocks and quizzes render as MkDocs Material renders them.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"

TEST_CASE("!!! makes an admonition whose body stays Markdown after blank lines", "[blocks]") {
  const auto r = render_md("!!! note \"A *short* title\"\n    First paragraph.\n\n    Second with `code`.\n\nAfter.\n");
  CHECK(r.errors().empty());
  CHECK(r.page.html ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">A <em>short</em> title</p>\n"
        "<p>First paragraph.</p>\n<p>Second with <code>code</code>.</p>\n</div>\n<p>After.</p>\n");
}

TEST_CASE("an admonition without a title is titled by its type", "[blocks]") {
  const auto r = render_md("!!! warning\n    Careful.\n");
  CHECK(r.page.html == "<div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p>\n<p>Careful.</p>\n</div>\n");
}

TEST_CASE("??? is collapsed details, ???+ is open", "[blocks]") {
  CHECK(render_md("??? question \"Show Answer\"\n    The correct answer is **C**.\n").page.html ==
        "<details class=\"question\"><summary>Show Answer</summary>\n<p>The correct answer is <strong>C</strong>.</p>\n</details>\n");
  CHECK(render_md("???+ tip \"Open\"\n    Shown.\n").page.html ==
        "<details class=\"tip\" open><summary>Open</summary>\n<p>Shown.</p>\n</details>\n");
}

TEST_CASE("blocks nest", "[blocks]") {
  const auto r = render_md("!!! note \"Outer\"\n    Outer text.\n\n    ??? tip \"Inner\"\n        Inner text.\n\n    Outer again.\n");
  CHECK(r.page.html ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">Outer</p>\n<p>Outer text.</p>\n"
        "<details class=\"tip\"><summary>Inner</summary>\n<p>Inner text.</p>\n</details>\n"
        "<p>Outer again.</p>\n</div>\n");
}

TEST_CASE("a quiz item: options then a details block inside a list item", "[blocks][quiz]") {
  const auto r = render_md(
      "1. What attaches a segment?\n\n"
      "    **A**. `shmctl()`<br>\n    **B**. `shmat()`<br>\n\n"
      "    ??? question \"Show Answer\"\n        The correct answer is **B**. It attaches.\n\n"
      "2. Next?\n");
  CHECK(r.errors().empty());
  const std::string& h = r.page.html;
  // The details block belongs to the first item, after the options, before the second item.
  const auto item1 = h.find("<li>"), options = h.find("<strong>B</strong>. <code>shmat()</code>"),
             details = h.find("<details class=\"question\"><summary>Show Answer</summary>"),
             answer = h.find("<p>The correct answer is <strong>B</strong>. It attaches.</p>"),
             item2 = h.find("<p>Next?</p>");
  REQUIRE(item1 != std::string::npos);
  REQUIRE(options != std::string::npos);
  REQUIRE(details != std::string::npos);
  REQUIRE(answer != std::string::npos);
  CHECK(item1 < options);
  CHECK(options < details);
  CHECK(details < answer);
  CHECK(answer < h.find("</details>"));
  CHECK(h.find("</details>") < h.find("</li>"));
  CHECK(h.find("</li>") < item2);
  CHECK(h.find("<pre>") == std::string::npos);  // nothing became an indented code block
}

TEST_CASE("the intelligent-textbook quiz: <div class=\"upper-alpha\" markdown> with a list", "[blocks][quiz]") {
  const auto r = render_md(
      "#### 1. Which API is POSIX?\n\n<div class=\"upper-alpha\" markdown>\n"
      "1. `open()`\n2. `shmget()`\n3. `shm_open()`\n</div>\n\n"
      "??? question \"Show Answer\"\n    The correct answer is **C**.\n");
  CHECK(r.errors().empty());
  CHECK(r.page.html.find("<div class=\"upper-alpha\">\n<ol>\n<li><code>open()</code></li>\n"
                         "<li><code>shmget()</code></li>\n<li><code>shm_open()</code></li>\n</ol>\n</div>") != std::string::npos);
  CHECK(r.page.html.find("markdown>") == std::string::npos);
}

TEST_CASE("markers inside fenced code are left alone", "[blocks]") {
  const auto r = render_md("```\n!!! note \"not a block\"\n    still code\n```\n");
  CHECK(r.page.html.find("admonition") == std::string::npos);
  CHECK(r.page.html.find("!!! note &quot;not a block&quot;") != std::string::npos);
}

TEST_CASE("broken blocks are errors at the author's line", "[blocks][errors]") {
  CHECK(render_md("# T\n\n!!! note \"Empty\"\n\nNot indented.\n").errors() ==
        "page.md:3: error: \"!!! note\" has no content: indent its text four spaces more than the marker\n");
  CHECK(render_md("text\n\n```c\nint x;\n").errors() ==
        "page.md:3: error: code fence ``` opened here is never closed; add a line ```\n");
  CHECK(render_md("a\n<div markdown>\n\n* x\n").errors() ==
        "page.md:2: error: <div markdown> is never closed: add </div> on a line of its own\n");
}

TEST_CASE("messages after a block still name the source line", "[blocks][errors]") {
  const auto r = render_md("!!! note\n    one\n\n    two\n\n[broken](missing.md)\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 6);
  CHECK(r.page.links[0].url == "missing.html");
}

// Found by the hostile inputs tried on fuzz_markdown: libstdc++'s std::regex recursed once
// per character, so one long marker line overflowed the stack (a segfault in the release
// build at 200,000 characters).
TEST_CASE("admonition titles and types and md_in_html tags of 300000 characters render", "[blocks][hostile]") {
  const std::string a(300000, 'a');
  auto r = render_md("!!! note \"" + a + "\"\n    Body.\n");
  CHECK(r.page.html.find("<p class=\"admonition-title\">" + a + "</p>") != std::string::npos);
  r = render_md("!!! " + a + "\n    Body.\n");
  CHECK(r.page.html.find("<div class=\"admonition " + a + "\">") != std::string::npos);
  r = render_md("<div class=\"" + a + "\" markdown>\n\n*x*\n\n</div>\n");
  CHECK(r.page.html.find("<em>x</em>") != std::string::npos);  // the body is still Markdown
}
