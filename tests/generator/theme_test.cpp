#include <catch2/catch.hpp>

#include "diagnostics.hpp"
#include "temp_book.hpp"
#include "theme.hpp"

TEST_CASE("{{x}} is escaped, {{{x}}} is raw", "[theme]") {
  TempBook b;
  b.write("t.html", "<title>{{ title }}</title>{{{content}}}");
  const auto t = book::Template::load(b.root / "t.html", "t.html");
  CHECK(t.render({{"title", "<Shared & memory>"}, {"content", "<p>x</p>"}}) ==
        "<title>&lt;Shared &amp; memory&gt;</title><p>x</p>");
}

TEST_CASE("template mistakes are errors at their line", "[theme][errors]") {
  TempBook b;
  b.write("t.html", "line1\n{{tilte}}\n");
  CHECK_THROWS_WITH(book::Template::load(b.root / "t.html", "t.html"),
                    Catch::StartsWith("t.html:2: error: unknown template variable \"tilte\""));
  b.write("t.html", "a\nb\n{{{content\n");
  CHECK_THROWS_WITH(book::Template::load(b.root / "t.html", "t.html"),
                    Catch::StartsWith("t.html:3: error: \"{{{\" is never closed"));
}
