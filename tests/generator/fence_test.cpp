// Code fences are read by one rule for the pages and for native/'s recorder.
#include <catch2/catch.hpp>

#include "fence.hpp"

using book::parse_fence_info;

TEST_CASE("a fence's language is one word, any case, or the first class in braces", "[fence]") {
  CHECK(parse_fence_info("C").lang == "c");
  CHECK(parse_fence_info("Python title=\"x.py\"").lang == "python");
  CHECK(parse_fence_info("{ .py .extra linenums=\"1\" }").lang == "py");
  CHECK(parse_fence_info("{ .py .extra }").classes == std::vector<std::string>{"extra"});
  CHECK(parse_fence_info("title=\"only.c\"").lang.empty());
  CHECK(parse_fence_info("").lang.empty());
}

TEST_CASE("title= is read in all three quotings, other attributes are kept", "[fence]") {
  CHECK(parse_fence_info("c title='a.c'").title == "a.c");
  CHECK(parse_fence_info("C title=\"b.c\"").title == "b.c");
  CHECK(parse_fence_info("c title=c.c").title == "c.c");
  CHECK(parse_fence_info("c title=\"with space.c\" hl_lines=\"2 3\"").title == "with space.c");
  const auto info = parse_fence_info("py linenums=\"5\" hl_lines='2 3' title=t.py");
  CHECK(info.attribute("linenums") == "5");
  CHECK(info.attribute("hl_lines") == "2 3");
  CHECK(info.attribute("missing", "none") == "none");
  CHECK(info.title == "t.py");
}

TEST_CASE("fenced_blocks finds every block with its lines, indentation removed", "[fence]") {
  int unclosed = -1;
  const auto blocks =
      book::fenced_blocks("text\n  ```c title=\"a.c\"\n  int a;\n    b;\n  ```\n~~~\nx\n~~~\n", unclosed);
  CHECK(unclosed == 0);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].code == "int a;\n  b;\n");
  CHECK(blocks[0].fence_line == 2);
  CHECK(blocks[0].first_line == 3);
  CHECK(blocks[1].code == "x\n");
  book::fenced_blocks("```\nnever closed\n", unclosed);
  CHECK(unclosed == 1);
}
