// superfences' mermaid custom fence: Material's markup, and Mermaid only on pages with diagrams.
#include <catch2/catch.hpp>

#include "render_helpers.hpp"
#include "temp_book.hpp"

namespace {

const char* kConfig =
    "site_name: T\ndocs_dir: docs\nuse_directory_urls: false\nmarkdown_extensions:\n  - pymdownx.superfences:\n      "
    "custom_fences:\n"
    "        - name: mermaid\n          class: mermaid\n"
    "          format: !!python/name:pymdownx.superfences.fence_code_format\n";

}  // namespace

TEST_CASE("a mermaid fence becomes <pre class=\"mermaid\"> with its source escaped, as in MkDocs", "[mermaid]") {
  TempBook book;
  book.write("mkdocs.yml", kConfig);
  const auto config = book::load_config(book.root / "mkdocs.yml");
  const auto r = render_configured("```mermaid\ngraph TD; A-->B\n```\n\n```c\nint x;\n```\n", config);
  CHECK(r.page.body.rfind("<pre class=\"mermaid\"><code>graph TD; A--&gt;B</code></pre>\n", 0) == 0);
  CHECK(r.page.body.find("language-c") != std::string::npos);  // other fences stay code
  CHECK(r.page.needs.count("mermaid") == 1);
}

TEST_CASE("without the custom fence, a mermaid block is code", "[mermaid]") {
  const auto r = render_configured("```mermaid\ngraph TD; A-->B\n```\n", config_with({"pymdownx.superfences"}));
  CHECK(r.page.body.find("language-mermaid") != std::string::npos);
  CHECK(r.page.needs.empty());
}

TEST_CASE("the site serves Mermaid and only pages with a diagram load it", "[mermaid]") {
  TempBook book;
  book.write("mkdocs.yml", kConfig);
  book.write("theme/templates/page.html", "<main>{{{content}}}</main>{{{page_scripts}}}");
  book.write("docs/index.md", "# Home\n");
  book.write("docs/flow.md", "# Flow\n\n```mermaid\ngraph TD; A-->B\n```\n");
  const auto report = book.build();
  REQUIRE(TempBook::messages(report) == "");
  CHECK(book.read("out/flow.html").find("<script src=\"assets/mermaid/mermaid.min.js\" defer></script>") !=
        std::string::npos);
  CHECK(book.read("out/index.html").find("mermaid") == std::string::npos);
  CHECK(book.exists("out/assets/mermaid/mermaid.min.js"));
}
