// mkdocs.yml: the keys a MkDocs textbook uses, and errors at the line that is wrong.
#include <catch2/catch.hpp>

#include "config.hpp"
#include "diagnostics.hpp"
#include "temp_book.hpp"

TEST_CASE("site_name, docs_dir and a nested nav are read", "[config]") {
  TempBook b;
  b.write("mkdocs.yml", "site_name: My Book\ndocs_dir: docs\ntheme:\n  name: material\nnav:\n  - Home: index.md\n"
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
