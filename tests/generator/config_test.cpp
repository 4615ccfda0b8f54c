// mkdocs.yml: the keys a MkDocs textbook uses, and errors at the line that is wrong.
#include <catch2/catch.hpp>

#include "config.hpp"
#include "diagnostics.hpp"
#include "temp_book.hpp"

TEST_CASE("site_name, docs_dir and a nested nav are read", "[config]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: My Book\ndocs_dir: docs\ntheme:\n  name: material\nnav:\n  - Home: index.md\n"
          "  - Part:\n      - ch1.md\n      - \"Two\": sub/ch2.md\n");
  const auto cfg = book::load_config(b.root / "mkdocs.yml");
  CHECK(cfg.site_name == "My Book");
  CHECK(cfg.docs_dir == b.root / "docs");
  REQUIRE(cfg.nav.size() == 2);
  CHECK(cfg.nav[0].title == "Home");
  CHECK(cfg.nav[1].children.size() == 2);
  CHECK(cfg.nav[1].children[0].page == "ch1.md");
  CHECK(cfg.nav[1].children[1].title == "Two");
  CHECK(cfg.nav[1].children[1].line == 9);
}

TEST_CASE("config errors name the file and line", "[config][errors]") {
  TempBook b;
  const std::string file = (b.root / "mkdocs.yml").string();
  b.write("mkdocs.yml", "site_name: [not, a, string]\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":1: error: site_name must be a string"));
  b.write("mkdocs.yml", "site_name: x\nnav: index.md\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":2: error: nav must be a list"));
  b.write("mkdocs.yml", "site_name: x\nnav:\n  - a: b\n    c: d\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":3: error: a nav entry is"));
  b.write("mkdocs.yml", "site_name: x\n  bad: indent\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":2: error: not valid YAML"));
  b.write("mkdocs.yml", "docs_dir: nowhere\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":1: error: docs_dir \"nowhere\" is not a folder"));
  CHECK_THROWS_WITH(book::load_config(b.root / "missing.yml"), Catch::Contains("missing.yml: error: cannot read file"));
}

// Found by fuzz_config: YAML aliases let a nav section contain itself (endless recursion,
// a stack overflow) or repeat sections until the nav has billions of entries (a hang).
TEST_CASE("a nav section that contains itself through an alias is an error at its line", "[config][errors]") {
  TempBook b;
  const std::string file = (b.root / "mkdocs.yml").string();
  b.write("mkdocs.yml", "site_name: x\nnav: &all\n  - index.md\n  - Again: *all\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":4: error: nav section \"Again\" contains itself"));
  b.write("mkdocs.yml", "site_name: x\nnav:\n  - Part: &p\n      - index.md\n      - Inner: [{Loop: *p}]\n");
  CHECK_THROWS_WITH(book::load_config(file), Catch::Contains(":5: error: nav section \"Loop\" contains itself"));
  // The same section twice, side by side, is not a loop (MkDocs allows it).
  b.write("mkdocs.yml", "site_name: x\nnav:\n  - One: &p [index.md]\n  - Two: *p\n");
  CHECK(book::load_config(file).nav.at(1).children.at(0).page == "index.md");
}

TEST_CASE("a nav that aliases blow up to a huge size is an error rather than a hang", "[config][errors]") {
  TempBook b;
  // Each level repeats the one before ten times: 10^8 entries if expanded.
  std::string yml = "site_name: x\nl0: &l0 [a.md, a.md, a.md, a.md, a.md, a.md, a.md, a.md, a.md, a.md]\n";
  for (int i = 1; i <= 7; ++i) {
    const std::string prev = "{S: *l" + std::to_string(i - 1) + "}";
    yml += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) yml += ", " + prev;
    yml += "]\n";
  }
  yml += "nav: *l7\n";
  b.write("mkdocs.yml", yml);
  CHECK_THROWS_WITH(book::load_config(b.root / "mkdocs.yml"), Catch::Contains("nav has more than"));
}

TEST_CASE("a docs_dir name too long for the file system is a config error, not a crash", "[config][errors]") {
  // Found by fuzz_config: is_directory threw "File name too long" out of load_config.
  TempBook b;
  b.write("mkdocs.yml", "site_name: x\ndocs_dir: " + std::string(300, 'd') + "\n");
  CHECK_THROWS_WITH(book::load_config(b.root / "mkdocs.yml"), Catch::Contains(":2: error: docs_dir \"ddd"));
}

TEST_CASE("mkdocs.yml as Material textbooks write it: theme, extensions with options, plugins", "[config]") {
  TempBook b;
  b.write("mkdocs.yml",
          "site_name: T\n"
          "site_url: https://example.org/book/\n"
          "repo_url: https://github.com/o/r\n"
          "use_directory_urls: false\n"
          "extra_css: [css/extra.css]\n"
          "theme:\n  name: material\n  logo: img/logo.png\n  palette:\n    - primary: indigo\n      accent: amber\n"
          "  features:\n    - navigation.sections\n    - content.code.copy\n"
          "markdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n      toc_depth: 3\n"
          "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
          "plugins:\n  - search\n  - social\n"
          "my_own_key: 1\n");
  const book::Config cfg = book::load_config(b.root / "mkdocs.yml");
  CHECK(cfg.site_url == "https://example.org/book/");
  CHECK_FALSE(cfg.use_directory_urls);
  CHECK(cfg.extra_css == std::vector<std::string>{"css/extra.css"});
  CHECK(cfg.theme.logo == "img/logo.png");
  CHECK(cfg.theme.primary == "indigo");
  CHECK(cfg.theme.accent == "amber");
  CHECK(cfg.theme.features.count("content.code.copy") == 1);
  REQUIRE(cfg.extension("toc") != nullptr);
  CHECK(cfg.extension("toc")->option("toc_depth") == "3");
  CHECK(cfg.extension("pymdownx.emoji")->option("emoji_index") == "material.extensions.emoji.twemoji");
  CHECK(cfg.extension("attr_list") != nullptr);
  CHECK(cfg.extension("footnotes") == nullptr);
  CHECK(cfg.search_enabled());
  std::string warnings;
  for (const auto& w : cfg.warnings) warnings += w.format() + "\n";
  CHECK_THAT(warnings, Catch::Contains("mkdocs.yml:24: warning: plugin \"social\" is not supported and is skipped"));
  CHECK_THAT(warnings, Catch::Contains(":25: warning: unknown setting \"my_own_key\" is ignored"));
  CHECK(cfg.warnings.size() == 2);
}

TEST_CASE("MkDocs' defaults: directory URLs, search on, site/ beside the config", "[config]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: T\ndocs_dir: docs\n");
  const book::Config cfg = book::load_config(b.root / "mkdocs.yml");
  CHECK(cfg.use_directory_urls);
  CHECK(cfg.search_enabled());
  CHECK(cfg.site_dir == (b.root / "site").lexically_normal());
  CHECK(cfg.warnings.empty());
}
