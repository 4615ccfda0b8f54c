// Reading the author's raw HTML: attributes, and the bodies of <script> and <style> exactly
// as written, so their CSP hashes match what the browser computes.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "html_scan.hpp"

namespace {
std::vector<std::pair<std::string, std::string>> bodies(std::string_view html) {
  std::vector<std::pair<std::string, std::string>> out;
  book::for_each_script_or_style(html, [&](std::string_view tag, std::string_view body) {
    out.push_back({std::string(tag), std::string(body)});
  });
  return out;
}
}  // namespace

TEST_CASE("script and style bodies are reported exactly as written", "[html_scan][csp]") {
  using Bodies = std::vector<std::pair<std::string, std::string>>;
  CHECK(bodies("<style>\n.a { color: red; }\n</style>") == Bodies{{"style", "\n.a { color: red; }\n"}});
  CHECK(bodies("<SCRIPT type=\"module\">let x = '<b>';</Script>") == Bodies{{"script", "let x = '<b>';"}});
  CHECK(bodies("<p>x</p><!-- <style>a{}</style> --><script src=\"x.js\"></script>").empty());
  CHECK(bodies("<style>unclosed").empty());  // its body is not all here: nothing to hash
  CHECK(bodies("<scripts>no</scripts>").empty());
}

TEST_CASE("attribute values are decoded as the browser decodes them", "[html_scan][csp]") {
  CHECK(book::decode_attribute("font-family: &quot;Fira&quot; &amp; more") == "font-family: \"Fira\" & more");
  CHECK(book::decode_attribute("a&#39;b&#x41;&lt;&gt;") == "a'bA<>");
  CHECK(book::decode_attribute("&unknown; & plain") == "&unknown; & plain");
}
