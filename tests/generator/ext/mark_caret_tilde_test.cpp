// pymdownx.mark, caret and tilde: the HTML MkDocs emits, and what must stay as written.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"

namespace {

const book::Config& all_three() {
  static const book::Config c = config_with({"pymdownx.mark", "pymdownx.caret", "pymdownx.tilde"});
  return c;
}

}  // namespace

TEST_CASE("==mark==, ^^ins^^, H^2^O, ~~del~~ and H~2~O as MkDocs writes them", "[mark][caret][tilde]") {
  CHECK(render_configured("Text ==mark== ^^ins^^ H^2^O ~~del~~ H~2~O\n", all_three()).page.body ==
        "<p>Text <mark>mark</mark> <ins>ins</ins> H<sup>2</sup>O <del>del</del> H<sub>2</sub>O</p>\n");
}

TEST_CASE("the text inside stays Markdown", "[mark]") {
  CHECK(render_configured("==**bold** and `==code==`==\n", all_three()).page.body ==
        "<p><mark><strong>bold</strong> and <code>==code==</code></mark></p>\n");
}

TEST_CASE("not in code, not with spaces inside, not escaped, not footnote references", "[caret][tilde]") {
  CHECK(render_configured("`H~2~O` a ~ b ~ c \\^x^ == y == [^1][^2]\n", all_three()).page.body ==
        "<p><code>H~2~O</code> a ~ b ~ c ^x^ == y == [^1][^2]</p>\n");
}

TEST_CASE("URLs keep their tildes", "[tilde]") {
  CHECK(render_configured("[home](https://x.edu/~smith/~docs/) ~a~\n", all_three()).page.body ==
        "<p><a href=\"https://x.edu/~smith/~docs/\">home</a> <sub>a</sub></p>\n");
}

TEST_CASE("each is on only when markdown_extensions names it", "[mark]") {
  CHECK(render_configured("==a== ^b^\n", config_with({"pymdownx.mark"})).page.body == "<p><mark>a</mark> ^b^</p>\n");
}
