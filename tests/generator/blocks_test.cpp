// Admonitions, collapsible blocks and quizzes render as MkDocs Material renders them.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"

TEST_CASE("!!! makes an admonition whose body stays Markdown after blank lines", "[blocks]") {
  const auto r = render_md("!!! note \"A *short* title\"\n    First paragraph.\n\n    Second with `code`.\n\nAfter.\n");
  CHECK(r.errors().empty());
  CHECK(r.page.body ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">A <em>short</em> title</p>\n"
        "<p>First paragraph.</p>\n<p>Second with <code>code</code>.</p>\n</div>\n<p>After.</p>\n");
}

TEST_CASE("an admonition without a title is titled by its type", "[blocks]") {
  const auto r = render_md("!!! warning\n    Careful.\n");
  CHECK(r.page.body ==
        "<div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p>\n<p>Careful.</p>\n</div>\n");
}

TEST_CASE("??? is collapsed details, ???+ is open", "[blocks]") {
  CHECK(render_md("??? question \"Show Answer\"\n    The correct answer is **C**.\n").page.body ==
        "<details class=\"question\"><summary>Show Answer</summary>\n<p>The correct answer is "
        "<strong>C</strong>.</p>\n</details>\n");
  CHECK(render_md("???+ tip \"Open\"\n    Shown.\n").page.body ==
        "<details class=\"tip\" open><summary>Open</summary>\n<p>Shown.</p>\n</details>\n");
}

TEST_CASE("blocks nest", "[blocks]") {
  const auto r = render_md(
      "!!! note \"Outer\"\n    Outer text.\n\n    ??? tip \"Inner\"\n        Inner text.\n\n    Outer again.\n");
  CHECK(r.page.body ==
        "<div class=\"admonition note\"><p class=\"admonition-title\">Outer</p>\n<p>Outer text.</p>\n"
        "<details class=\"tip\"><summary>Inner</summary>\n<p>Inner text.</p>\n</details>\n"
        "<p>Outer again.</p>\n</div>\n");
}

TEST_CASE("a quiz item: lettered options then the answer block become a quiz in the page model", "[blocks][quiz]") {
  const auto r = render_md(
      "1. What attaches a segment?\n\n"
      "    **A**. `shmctl()`<br>\n    **B**. `shmat()`<br>\n\n"
      "    ??? question \"Show Answer\"\n        The correct answer is **B**. It attaches.\n\n"
      "2. Next?\n");
  CHECK(r.errors().empty());
  REQUIRE(r.page.quizzes.size() == 1);
  CHECK(r.page.quizzes[0].letters == std::vector<std::string>{"A", "B"});
  CHECK(r.page.quizzes[0].answer == "B");
  CHECK(r.page.quizzes[0].line == 3);
  const std::string& h = r.page.body;
  // Readable without JavaScript: lettered options, then the Show Answer block, all inside item 1.
  const auto item1 = h.find("<li>"), quiz = h.find("<div class=\"quiz\" id=\"quiz-1\" data-answer=\"B\">"),
             option_b = h.find(
                 "<li data-letter=\"B\"><span class=\"quiz-letter\">B<span class=\"visually-hidden\">. "
                 "</span></span>\n<p><code>shmat()</code></p>"),
             details = h.find("<details class=\"question\"><summary>Show Answer</summary>"),
             answer = h.find("<p>The correct answer is <strong>B</strong>. It attaches.</p>"),
             item2 = h.find("<p>Next?</p>");
  REQUIRE(quiz != std::string::npos);
  REQUIRE(option_b != std::string::npos);
  REQUIRE(details != std::string::npos);
  REQUIRE(answer != std::string::npos);
  CHECK(item1 < quiz);
  CHECK(quiz < option_b);
  CHECK(option_b < details);
  CHECK(details < answer);
  CHECK(h.find("quiz-feedback") < details);
  CHECK(h.find("</details>") < h.rfind("</div>", item2));
  CHECK(h.rfind("</div>", item2) < item2);
  CHECK(r.page.ids.count("quiz-1") == 1);
  CHECK(h.find("<pre>") == std::string::npos);  // nothing became an indented code block
}

TEST_CASE("the intelligent-textbook quiz: <div class=\"upper-alpha\" markdown> with a list", "[blocks][quiz]") {
  const auto r = render_md(
      "#### 1. Which API is POSIX?\n\n<div class=\"upper-alpha\" markdown>\n"
      "1. `open()`\n2. `shmget()`\n3. `shm_open()`\n</div>\n\n"
      "??? question \"Show Answer\"\n    The correct answer is **C**.\n");
  CHECK(r.errors().empty());
  REQUIRE(r.page.quizzes.size() == 1);
  CHECK(r.page.quizzes[0].letters == std::vector<std::string>{"A", "B", "C"});
  CHECK(r.page.quizzes[0].answer == "C");
  CHECK(r.page.body.find("<li data-letter=\"C\"><span class=\"quiz-letter\">C<span class=\"visually-hidden\">. "
                         "</span></span>\n<p><code>shm_open()</code></p>") != std::string::npos);
  CHECK(r.page.body.find("markdown>") == std::string::npos);
}

TEST_CASE("what looks like a quiz without a readable answer is a warning at its line, shown as written",
          "[blocks][quiz][errors]") {
  const std::string options = "Q?\n\n**A**. one<br>\n**B**. two<br>\n\n";
  auto r = render_md(options + "Nothing else.\n");
  CHECK(r.errors() ==
        "page.md:3: warning: options A-B look like a quiz, but no \"??? question\" block follows them (indented like "
        "the options) to give the answer; they are shown as plain text\n");
  CHECK(r.page.quizzes.empty());
  CHECK(r.page.body.find("<strong>A</strong>. one<br>") != std::string::npos);
  r = render_md(options + "??? question \"Show Answer\"\n    I forgot to say.\n");
  CHECK(r.errors().find("page.md:6: warning: options A-B look like a quiz, but this answer block does not say") == 0);
  CHECK(r.page.body.find("<details class=\"question\">") != std::string::npos);  // still a details block
  r = render_md(options + "??? question \"Show Answer\"\n    The correct answer is **D**.\n");
  CHECK(r.errors().find(
            "page.md:6: warning: options A-B look like a quiz, but the answer given, D, is not one of them") == 0);
}

TEST_CASE("markers inside fenced code are left alone", "[blocks]") {
  const auto r = render_md("```\n!!! note \"not a block\"\n    still code\n```\n");
  CHECK(r.page.body.find("admonition") == std::string::npos);
  CHECK(r.page.body.find("!!! note &quot;not a block&quot;") != std::string::npos);
}

TEST_CASE("broken blocks are errors at the author's line", "[blocks][errors]") {
  CHECK(render_md("a\n<div markdown>\n\n* x\n").errors() ==
        "page.md:2: error: <div markdown> is never closed: add </div> on a line of its own\n");
}

TEST_CASE("an unclosed fence is a warning: the rest of the page is code, as in cmark-gfm", "[blocks]") {
  const auto r = render_md("text\n\n```c\nint x;\n");
  CHECK(r.errors() ==
        "page.md:3: warning: code fence ``` opened here is never closed, so the rest of the page is code; add a line "
        "```\n");
  CHECK(r.page.code_blocks.size() == 1);
}

TEST_CASE("messages after a block still name the source line", "[blocks][errors]") {
  const auto r = render_md("!!! note\n    one\n\n    two\n\n[broken](missing.md)\n");
  REQUIRE(r.page.links.size() == 1);
  CHECK(r.page.links[0].line == 6);
  CHECK(r.page.links[0].url == "missing.md");  // as written; the checker resolves it
}

// Found by the hostile inputs tried on fuzz_markdown: libstdc++'s std::regex recursed once
// per character, so one long marker line overflowed the stack (a segfault in the release
// build at 200,000 characters).
TEST_CASE("admonition titles and types and md_in_html tags of 300000 characters render", "[blocks][hostile]") {
  const std::string a(300000, 'a');
  auto r = render_md("!!! note \"" + a + "\"\n    Body.\n");
  CHECK(r.page.body.find("<p class=\"admonition-title\">" + a + "</p>") != std::string::npos);
  r = render_md("!!! " + a + "\n    Body.\n");
  CHECK(r.page.body.find("<div class=\"admonition " + a + "\">") != std::string::npos);
  r = render_md("<div class=\"" + a + "\" markdown>\n\n*x*\n\n</div>\n");
  CHECK(r.page.body.find("<em>x</em>") != std::string::npos);  // the body is still Markdown
}
