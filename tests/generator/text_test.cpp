#include <catch2/catch.hpp>

#include "diagnostics.hpp"
#include "text.hpp"

using namespace book;

TEST_CASE("the seed chapter's mojibake is found with its line and repaired", "[text]") {
  const std::string text =
      "# T\n## \xC3\xB0\xC5\xB8\xC2\xA7\xC2\xA0 Interactive\n"
      "\xC3\xB0\xC5\xB8\xE2\x80\x98\xE2\x80\xB0 Launch\n"
      "the process\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s space\n";
  const auto found = find_mojibake(text);
  REQUIRE(found.size() == 3);
  CHECK(found[0].line == 2);
  CHECK(found[0].repaired == "🧠");
  CHECK(found[1].line == 3);
  CHECK(found[1].repaired == "👉");
  CHECK(found[2].line == 4);
  CHECK(found[2].repaired == "’");
  CHECK(repair_mojibake(text) == "# T\n## 🧠 Interactive\n👉 Launch\nthe process’s space\n");
}

TEST_CASE("correct UTF-8 and plain Latin text are not mojibake", "[text]") {
  CHECK(find_mojibake("Café, naïve, 🧠, ’quotes’, Ã alone").empty());
  CHECK(repair_mojibake("Café 🧠") == "Café 🧠");
}

TEST_CASE("invalid UTF-8 is an error naming line and column", "[text]") {
  try {
    check_utf8("ok\nbad \xFF here\n", "page.md");
    FAIL("no error");
  } catch (const BuildError& e) {
    CHECK(std::string(e.what()) == "page.md:2: error: invalid UTF-8 (byte 0xFF at column 5); save the file as UTF-8");
  }
  CHECK_THROWS_WITH(check_utf8(std::string("a\nb\0c", 5), "bin.md"), Catch::Contains("bin.md:2: error: NUL byte"));
  CHECK_THROWS(check_utf8("\xC0\xAF", "overlong.md"));
  CHECK_THROWS(check_utf8("\xED\xA0\x80", "surrogate.md"));
  CHECK_NOTHROW(check_utf8("fine \xEF\xBF\xBD and 🧠", "ok.md"));
}

TEST_CASE("escape_html makes text safe in elements and attributes", "[text]") {
  CHECK(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("escape_href keeps URL characters and encodes the rest as cmark-gfm does", "[text]") {
  CHECK(book::escape_href("a/b.html?x=1#top") == "a/b.html?x=1#top");
  CHECK(book::escape_href("a b\xC3\xA9.md") == "a%20b%C3%A9.md");
  CHECK(book::escape_href("q?a=1&b='2'") == "q?a=1&amp;b=&#x27;2&#x27;");
  CHECK(book::escape_href("<\"x\">") == "%3C%22x%22%3E");
}

TEST_CASE("decode_utf8 decodes every sequence length", "[text]") {
  const std::string s = "A\xD0\x96\xE2\x82\xAC\xF0\x9F\xA7\xA0";  // A Ж € 🧠
  size_t i = 0;
  CHECK(book::decode_utf8(s, i) == U'A');
  CHECK(book::decode_utf8(s, i) == U'\u0416');
  CHECK(book::decode_utf8(s, i) == U'\u20AC');
  CHECK(book::decode_utf8(s, i) == U'\U0001F9E0');
  CHECK(i == s.size());
}

TEST_CASE("URLs with a scheme or a host point outside the book", "[text]") {
  CHECK(book::has_url_scheme("https://example.org/a.md"));
  CHECK(book::has_url_scheme("mailto:x@example.org"));
  CHECK(book::has_url_scheme("//cdn.example.org/x.js"));
  CHECK(book::has_url_scheme("git+ssh:host"));
  CHECK_FALSE(book::has_url_scheme("page.md"));
  CHECK_FALSE(book::has_url_scheme("../img/a:b.svg"));
  CHECK_FALSE(book::has_url_scheme("1abc:x"));
  CHECK_FALSE(book::has_url_scheme(":nothing"));
  CHECK_FALSE(book::has_url_scheme(""));
}

TEST_CASE("to_hex writes two lower-case digits a byte, any byte", "[text]") {
  CHECK(to_hex("") == "");
  CHECK(to_hex("shm") == "73686d");
  CHECK(to_hex("\xC3\xA9") == "c3a9");
  CHECK(to_hex(std::string("\x00\xff", 2)) == "00ff");
}
