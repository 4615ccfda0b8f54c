// The source pass behind the inline extensions: what counts as prose, and what it never sees.
#include <catch2/catch.hpp>

#include "inline_pass.hpp"
#include "render_helpers.hpp"

namespace {

book::Lines lines_of(std::initializer_list<const char*> texts) {
  book::Lines lines;
  int n = 0;
  for (const char* t : texts) lines.push_back({t, ++n});
  return lines;
}

// Upper-cases every prose letter: what stays lower case was not handed out.
std::vector<std::string> shout(book::Lines lines, bool skip_tags) {
  book::for_each_prose(lines, skip_tags, [](book::Prose& p) {
    for (char& c : p.text)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  });
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

}  // namespace

TEST_CASE("prose leaves code spans, fenced code and indented code alone", "[inline_pass]") {
  CHECK(shout(lines_of({"a `b` c", "", "```", "d", "```", "", "    e", "", "- f", "", "    g"}), true) ==
        std::vector<std::string>{"A `b` C", "", "```", "d", "```", "", "    e", "", "- F", "", "    G"});
}

TEST_CASE("link and image destinations are not prose, their text is", "[inline_pass]") {
  CHECK(shout(lines_of({"[a](https://x.edu/~b/(c)) ![d](e.png \"f\") (g)"}), true) ==
        std::vector<std::string>{"[A](https://x.edu/~b/(c)) ![D](e.png \"f\") (G)"});
  CHECK(shout(lines_of({"[a]: https://x.edu/~b/", "[^1]: c"}), true) ==
        std::vector<std::string>{"[a]: https://x.edu/~b/", "[^1]: C"});
}

TEST_CASE("scripts, styles, pre blocks and comments are not prose", "[inline_pass]") {
  CHECK(shout(lines_of({"<script>", "a", "</script>", "b", "", "<STYLE>x</style>", "", "<!--", "c -->", "d"}), true) ==
        std::vector<std::string>{"<script>", "a", "</script>", "B", "", "<STYLE>x</style>", "", "<!--", "c -->", "D"});
}

TEST_CASE("raw HTML tags are left alone on request, their text is prose", "[inline_pass]") {
  CHECK(shout(lines_of({"<a title=\"x\">y</a>"}), true) == std::vector<std::string>{"<a title=\"x\">Y</a>"});
  CHECK(shout(lines_of({"<a title=\"x\">y</a>"}), false) == std::vector<std::string>{"<A TITLE=\"X\">Y</A>"});
}

TEST_CASE("a paragraph is one piece: syntax may cross lines and code spans", "[inline_pass]") {
  book::Lines lines = lines_of({"one `two", "three` four", "five"});
  std::string seen;
  std::vector<int> at;
  book::for_each_prose(lines, true, [&](book::Prose& p) {
    seen = p.text;
    at = {p.line_of(0), p.line_of(p.text.find("four")), p.line_of(p.text.find("five"))};
  });
  CHECK(seen ==
        "one \x02"
        "0\x03\n\x02"
        "1\x03 four\nfive");
  CHECK(at == std::vector<int>{1, 2, 3});
  CHECK(lines[1].text == "three` four");  // put back as it was
}

TEST_CASE("a rewrite that changes the line breaks is dropped, so lines keep their numbers", "[inline_pass]") {
  book::Lines lines = lines_of({"a", "b"});
  book::for_each_prose(lines, true, [](book::Prose& p) { p.text = "joined"; });
  CHECK(lines[0].text == "a");
  CHECK(lines[1].text == "b");
}

TEST_CASE("literal_markdown escapes every ASCII punctuation character", "[inline_pass]") {
  CHECK(book::literal_markdown("a*b\\(c)") == "a\\*b\\\\\\(c\\)");
  CHECK(book::is_escaped("\\\\$", 2) == false);
  CHECK(book::is_escaped("\\$", 1) == true);
}

TEST_CASE("long hostile lines pass every inline extension quickly and without deep recursion", "[inline_pass]") {
  const auto config = config_with({"pymdownx.tabbed", "pymdownx.arithmatex", "pymdownx.emoji", "pymdownx.mark",
                                   "pymdownx.caret", "pymdownx.tilde"});
  for (const std::string unit : {"\\(", "$a ", "==a ", "^a ", "~", ":a", "`", "<a ", "=== \"x\"\n"}) {
    std::string md;
    while (md.size() < 100000) md += unit;
    const auto r = render_configured(md + "\n", config);
    CHECK_FALSE(r.page.body.empty());
  }
}
