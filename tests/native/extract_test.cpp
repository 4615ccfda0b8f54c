#include <catch2/catch.hpp>

#include "trace/extract.hpp"

TEST_CASE("only C blocks titled name.c are examples, code kept verbatim", "[extract]") {
  const std::string md =
      "# T\n"
      "```c title=\"one.c\"\n"
      "int main() {\n"
      "    return 0;\n"
      "}\n"
      "```\n"
      "```c\nuntitled();\n```\n"
      "```python title=\"x.c\"\nnot C\n```\n"
      "```\nlock(mutex)\n```\n"
      "1. item\n"
      "    ```c title=\"two.c\"\n"
      "    int x;\n"
      "    ```\n";
  auto b = trace::extract_c_blocks(md, "ch.md");
  REQUIRE(b.size() == 2);
  CHECK(b[0].info.title == "one.c");
  CHECK(trace::stem_of(b[0]) == "one");
  CHECK(b[0].code == "int main() {\n    return 0;\n}\n");
  CHECK(b[0].first_line == 3);
  CHECK(b[1].info.title == "two.c");
  CHECK(b[1].code == "int x;\n");
}

TEST_CASE("an unterminated fence or a repeated title is an error with its line", "[extract]") {
  CHECK_THROWS_WITH(trace::extract_c_blocks("a\n```c title=\"a.c\"\nint x;\n", "ch.md"),
                    Catch::Contains("ch.md:2:") && Catch::Contains("never closed"));
  CHECK_THROWS_WITH(trace::extract_c_blocks("```c title=\"a.c\"\n```\n```c title=\"a.c\"\n```\n", "ch.md"),
                    Catch::Contains("ch.md:3:") && Catch::Contains("a.c"));
}

TEST_CASE("the recorder reads fences by the pages' rules: any quoting, any case of c", "[extract]") {
  const std::string md =
      "```c title='a.c'\nint a;\n```\n"
      "```C title=\"b.c\"\nint b;\n```\n"
      "```c title=c.c linenums=\"1\"\nint c;\n```\n";
  auto b = trace::extract_c_blocks(md, "ch.md");
  REQUIRE(b.size() == 3);
  CHECK(b[0].info.title == "a.c");
  CHECK(b[1].info.title == "b.c");
  CHECK(b[2].info.title == "c.c");
  CHECK(b[2].info.attribute("linenums") == "1");
}
