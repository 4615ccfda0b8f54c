// Where pages are written and how they link each other, in both of MkDocs' URL modes.
#include "book.hpp"

#include <catch2/catch.hpp>

TEST_CASE("a page's output path in both URL modes", "[book][urls]") {
  CHECK(book::output_path_for("a/b.md") == "a/b.html");
  CHECK(book::output_path_for("a/b.md", true) == "a/b/index.html");
  CHECK(book::output_path_for("b.md", true) == "b/index.html");
  CHECK(book::output_path_for("index.md", true) == "index.html");
  CHECK(book::output_path_for("a/index.md", true) == "a/index.html");
  CHECK(book::output_path_for("a/reindex.md", true) == "a/reindex/index.html");  // not an index page
}

TEST_CASE("a page's URL: its folder with directory URLs, else its file", "[book][urls]") {
  CHECK(book::page_url("a/b/index.html", true) == "a/b/");
  CHECK(book::page_url("index.html", true) == "");
  CHECK(book::page_url("a/b.html", false) == "a/b.html");
  CHECK(book::page_url("a/index.html", false) == "a/index.html");
}

TEST_CASE("relative hrefs climb out of the page's folder only as far as needed", "[book][urls]") {
  CHECK(book::relative_href("a/b/index.html", "a/c/") == "../c/");
  CHECK(book::relative_href("a/b/index.html", "") == "../../");
  CHECK(book::relative_href("a/b/index.html", "a/b/") == "./");
  CHECK(book::relative_href("index.html", "") == "./");
  CHECK(book::relative_href("index.html", "a/img/x.png") == "a/img/x.png");
  CHECK(book::relative_href("a/one/index.html", "a/img/x.png") == "../img/x.png");
}

TEST_CASE("a nav entry to a missing file is a warning at its line, as in MkDocs", "[book]") {
  book::Config config;
  config.shown_file = "mkdocs.yml";
  config.docs_dir = std::filesystem::temp_directory_path() / "bookgen-book-test-empty";
  std::filesystem::create_directories(config.docs_dir);
  config.nav = {{"Lost", "lost.md", {}, 7}};
  book::Diagnostics diags;
  const book::Book b = book::load_book(config, diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(
      diags.all()[0].format() ==
      "mkdocs.yml:7: warning: nav entry \"Lost\" points to \"lost.md\", which is not a Markdown file under docs_dir (" +
          config.docs_dir.string() + ")");
  CHECK(b.reading_order.empty());
  std::filesystem::remove_all(config.docs_dir);
}
