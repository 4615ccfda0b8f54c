// `generator build` run again on unchanged input: the site already holds what it would write,
// so nothing is written, and the author still hears every warning. Any change to an input, or
// to the site itself, builds again.
#include "up_to_date.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "temp_book.hpp"

namespace fs = std::filesystem;

namespace {

book::BuildReport build(const TempBook& b, bool cached = true) {
  book::BuildOptions opts{b.root / "mkdocs.yml", b.root / "theme", b.root / "out", {}, 2};
  if (cached) opts.fragment_cache = b.root / "cache";
  return book::build_site(opts);
}

// A book whose page draws a warning (mojibake), with a copied image.
void write_book(TempBook& b) {
  b.write("docs/index.md", "# Home\n\nThe caf\xc3\x83\xc2\xa9 is open.\n\n![a dot](dot.png)\n");
  b.write("docs/dot.png", "not really a png");
}

ino_t inode_of(const fs::path& file) {
  struct stat st {};
  stat(file.c_str(), &st);
  return st.st_ino;
}

// Moves a file's modification time on, as an editor saving it would.
void touch(const fs::path& file) {
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
}

}  // namespace

TEST_CASE("a second build on unchanged input writes nothing and repeats the first one's warnings", "[up_to_date]") {
  TempBook b;
  write_book(b);
  const auto first = build(b);
  INFO(TempBook::messages(first));
  REQUIRE(first.ok());
  CHECK_FALSE(first.up_to_date);
  REQUIRE(first.count(book::Diagnostic::Severity::Warning) == 1);
  const ino_t page = inode_of(b.root / "out/index.html");

  const auto second = build(b);
  CHECK(second.up_to_date);
  CHECK(TempBook::messages(second) == TempBook::messages(first));
  CHECK(second.pages == first.pages);
  CHECK(second.files == first.files);
  CHECK(inode_of(b.root / "out/index.html") == page);  // the very same file: nothing replaced
}

TEST_CASE("a touched page, a new file in the book or a changed template builds again", "[up_to_date]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b).ok());
  touch(b.root / "docs/index.md");
  CHECK_FALSE(build(b).up_to_date);
  REQUIRE(build(b).up_to_date);

  b.write("docs/more.md", "# More\n");
  const auto added = build(b);
  CHECK_FALSE(added.up_to_date);
  CHECK(b.exists("out/more.html"));

  touch(b.root / "docs/dot.png");
  CHECK_FALSE(build(b).up_to_date);
  touch(b.root / "theme/templates/page.html");
  CHECK_FALSE(build(b).up_to_date);
  CHECK(build(b).up_to_date);

  // A recorded trace is read by its page, not copied: it counts all the same.
  b.write("docs/traces/run.json", "{}");
  CHECK_FALSE(build(b).up_to_date);
  REQUIRE(build(b).up_to_date);
  touch(b.root / "docs/traces/run.json");
  CHECK_FALSE(build(b).up_to_date);
}

TEST_CASE("a site changed since it was built is built again, and comes back whole", "[up_to_date]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b).ok());
  const std::string page = b.read("out/index.html");
  b.write("out/index.html", "edited by hand");
  CHECK_FALSE(build(b).up_to_date);
  CHECK(b.read("out/index.html") == page);

  fs::remove(b.root / "out/dot.png");
  CHECK_FALSE(build(b).up_to_date);
  CHECK(b.exists("out/dot.png"));
}

TEST_CASE("without the cache, or with a damaged record, the build always builds", "[up_to_date]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b).ok());
  CHECK_FALSE(build(b, /*cached=*/false).up_to_date);

  REQUIRE(build(b).ok());
  REQUIRE(build(b).up_to_date);
  b.write("cache/last-build", "bookgen build record 1\nnot a digest\n");
  const auto damaged = build(b);
  CHECK(damaged.ok());
  CHECK_FALSE(damaged.up_to_date);
  CHECK(build(b).up_to_date);  // and the record is whole again
}
