// Highlighting: every language a textbook uses gets tokens, by the names authors write, and
// pymdownx.highlight's line options (numbers, their start, marked lines) reach the HTML.
#include "highlight.hpp"

#include <catch2/catch.hpp>

#include "render_helpers.hpp"

namespace {

std::string render(const std::string& code, const std::string& lang, const book::HighlightOptions& o = {}) {
  book::Highlighter h;
  return h.render(code, lang, o, "b");
}

bool has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("each grammar colours a small sample of its language", "[highlight]") {
  struct Sample {
    const char* lang;
    const char* code;
    const char* token;  // one token the sample must show, with its class
  };
  const Sample samples[] = {
      {"c", "int main(void) { return 0; }\n", "<span class=\"tok-keyword\">return</span>"},
      {"cpp", "template <class T> class Box { T v; };\n", "<span class=\"tok-keyword\">template</span>"},
      {"python", "def f(x):\n    return None  # no\n", "<span class=\"tok-comment\"># no</span>"},
      {"bash", "for f in *.c; do echo \"$f\"; done\n", "<span class=\"tok-keyword\">done</span>"},
      {"javascript", "const x = await fetch('/a');\n", "<span class=\"tok-string\">&#39;/a&#39;</span>"},
      {"typescript", "let n: number = 1;\n", "<span class=\"tok-type\">number</span>"},
      {"json", "{\"a\": [1, true]}\n", "<span class=\"tok-number\">1</span>"},
      {"yaml", "site_name: Book # x\n", "<span class=\"tok-comment\"># x</span>"},
      {"html", "<p class=\"x\">hi</p>\n", "<span class=\"tok-tag\">p</span>"},
      {"css", "a { color: red; }\n", "<span class=\"tok-property\">color</span>"},
      {"java", "public class A { int x = 2; }\n", "<span class=\"tok-number\">2</span>"},
      {"go", "package main\nfunc main() {}\n", "<span class=\"tok-keyword\">func</span>"},
      {"rust", "fn main() { let x = 1; }\n", "<span class=\"tok-keyword\">fn</span>"},
      {"sql", "SELECT a FROM t WHERE b = 1;\n", "<span class=\"tok-keyword\">SELECT</span>"},
  };
  for (const auto& s : samples) {
    INFO(s.lang);
    CHECK(book::Highlighter::supports(s.lang));
    CHECK(has(render(s.code, s.lang), s.token));
  }
}

TEST_CASE("languages are found by the names Pygments gives them", "[highlight]") {
  CHECK(book::Highlighter::grammar("py") == "python");
  CHECK(book::Highlighter::grammar("python3") == "python");
  CHECK(book::Highlighter::grammar("sh") == "bash");
  CHECK(book::Highlighter::grammar("shell") == "bash");
  CHECK(book::Highlighter::grammar("console") == "bash");
  CHECK(book::Highlighter::grammar("zsh") == "bash");
  CHECK(book::Highlighter::grammar("c++") == "cpp");
  CHECK(book::Highlighter::grammar("cxx") == "cpp");
  CHECK(book::Highlighter::grammar("hpp") == "cpp");
  CHECK(book::Highlighter::grammar("h") == "c");
  CHECK(book::Highlighter::grammar("js") == "javascript");
  CHECK(book::Highlighter::grammar("ts") == "typescript");
  CHECK(book::Highlighter::grammar("yml") == "yaml");
  CHECK(book::Highlighter::grammar("golang") == "go");
  CHECK(book::Highlighter::grammar("rs") == "rust");
  CHECK(has(render("x = 1\n", "py"), "tok-"));
}

TEST_CASE("an unknown language is escaped text in the same lines, without an error", "[highlight]") {
  CHECK_FALSE(book::Highlighter::supports("brainfuck"));
  CHECK(render("a <b>\nc\n", "brainfuck") ==
        "<span class=\"line\" id=\"b-L1\">a &lt;b&gt;</span>\n<span class=\"line\" id=\"b-L2\">c</span>");
}

TEST_CASE("a special case of a query wins over its general rule", "[highlight]") {
  // python's highlights.scm: (identifier) @variable, then builtins by a #match? on the call.
  const std::string h = render("print(len(x))\n", "python");
  CHECK(has(h, "<span class=\"tok-function\">print</span>"));
  CHECK(has(h, "<span class=\"tok-variable\">x</span>"));
  // A pattern that also asks something of a sibling is not applied without it: javascript's
  // "left: (member_expression property: @function.method) right: (function)" leaves
  // `a.b = 1` a property.
  CHECK(has(render("a.b = 1;\n", "js"), "<span class=\"tok-property\">b</span>"));
  // An escape inside a string is coloured as an escape, the string around it as a string.
  CHECK(has(render("s = \"a\\n\"\n", "python"), "<span class=\"tok-escape\">\\n</span>"));
}

TEST_CASE("line numbers start where asked and are drawn by the theme, not written as text", "[highlight]") {
  book::HighlightOptions o;
  o.linenums = true;
  o.linenums_start = 5;
  const std::string h = render("a\nb\n", "text", o);
  CHECK(has(h, "<span class=\"line\" id=\"b-L1\"><span class=\"lineno\" data-n=\"5\" aria-hidden=\"true\"></span>a"));
  CHECK(has(h, "id=\"b-L2\"><span class=\"lineno\" data-n=\"6\""));
  o.anchor_linenums = true;
  CHECK(has(render("a\n", "text", o), "<a class=\"lineno\" href=\"#b-L1\" data-n=\"5\""));
}

TEST_CASE("hl_lines marks lines of the block, counted from its first line", "[highlight]") {
  std::string error;
  CHECK(book::parse_hl_lines("2 4-6 2", error) == std::vector<int>{2, 4, 5, 6});
  CHECK(error.empty());
  CHECK(book::parse_hl_lines("", error).empty());
  book::HighlightOptions o;
  o.hl_lines = {2};
  o.linenums = true;
  o.linenums_start = 10;
  const std::string h = render("a\nb\nc\n", "text", o);
  CHECK(has(h, "<span class=\"line hll\" id=\"b-L2\">"));
  CHECK_FALSE(has(h, "<span class=\"line hll\" id=\"b-L1\">"));
}

TEST_CASE("an hl_lines word that is not a line or range is named, and the others still count", "[highlight]") {
  for (const char* bad : {"x", "3-", "-3", "0", "5-2", "2.5"}) {
    std::string error;
    INFO(bad);
    CHECK(book::parse_hl_lines(std::string("1 ") + bad, error) == std::vector<int>{1});
    CHECK(has(error, std::string("\"") + bad + "\""));
  }
}

TEST_CASE("fence options: linenums=\"N\", hl_lines and a bad hl_lines warned at its line", "[highlight][markdown]") {
  auto r = render_md("# T\n\n```python linenums=\"3\" hl_lines=\"1\"\nx = 1\n```\n");
  CHECK(has(r.page.body, "<div class=\"code-block linenums linenums-table\""));
  CHECK(has(r.page.body, "<span class=\"line hll\" id=\"code-1-L1\"><span class=\"lineno\" data-n=\"3\""));
  r = render_md("# T\n\n```python hl_lines=\"x\"\nx = 1\n```\n");
  CHECK(has(r.errors(), "page.md:3: warning: hl_lines: \"x\""));
  CHECK(has(r.page.body, "tok-"));
  CHECK_FALSE(has(r.page.body, "hll"));
  r = render_md("# T\n\n\n```python linenums=\"x\"\nx = 1\n```\n");
  CHECK(has(r.errors(), "page.md:4: warning: linenums=\"x\" is not a line number"));
  CHECK_FALSE(has(r.page.body, "lineno"));
}

TEST_CASE("mkdocs.yml's pymdownx.highlight options number every block, and linenums=\"0\" opts out",
          "[highlight][markdown]") {
  book::Config config;
  config.markdown_extensions.push_back(
      {"pymdownx.highlight", {{"linenums", "true"}, {"linenums_style", "pymdownx-inline"}}, 0});
  const book::RenderOptions options = book::RenderOptions::from(config);
  CHECK(options.linenums_style == "inline");
  auto r = render_with_options("```sh\nls\n```\n", options);
  CHECK(has(r.page.body, "<div class=\"code-block linenums linenums-inline\""));
  CHECK(has(r.page.body, "data-n=\"1\""));
  r = render_with_options("```sh linenums=\"0\"\nls\n```\n", options);
  CHECK_FALSE(has(r.page.body, "lineno"));
  config.markdown_extensions[0].options = {{"linenums", "false"}};
  r = render_with_options("```sh linenums=\"2\"\nls\n```\n", book::RenderOptions::from(config));
  CHECK_FALSE(has(r.page.body, "lineno"));
}

TEST_CASE("the same arguments render the same HTML whatever was rendered before", "[highlight]") {
  book::Highlighter h;
  const std::string first = h.render("int x;\n", "c", {}, "p");
  h.render("def f(): pass\n", "python", {}, "q");
  CHECK(h.render("int x;\n", "c", {}, "p") == first);
}

TEST_CASE("code with syntax errors renders, with tokens where the grammar recovers", "[highlight]") {
  for (const char* lang : {"python", "c", "yaml", "json", "bash", "sql", "html"}) {
    INFO(lang);
    const std::string h = render("def (:\n  ]]] {{ <a\n\"unclosed\n", lang);
    CHECK(has(h, "id=\"b-L3\""));
    CHECK(has(h, "unclosed"));
  }
}
