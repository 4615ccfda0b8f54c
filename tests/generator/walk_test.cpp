// Listing a book's folder tree on several threads: every file once, hidden names left out,
// links to files marked, links to folders not followed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "temp_book.hpp"
#include "walk.hpp"

namespace {

std::vector<std::string> listed(const book::FolderListing& l, bool symlinks_only = false) {
  std::vector<std::string> rels;
  for (const auto& f : l.files)
    if (!symlinks_only || f.symlink) rels.push_back(f.rel);
  std::sort(rels.begin(), rels.end());
  return rels;
}

}  // namespace

TEST_CASE("every file under the root is listed once, by its path from the root", "[walk]") {
  TempBook b;
  std::vector<std::string> expected;
  for (int c = 0; c < 30; ++c)
    for (const char* f : {"index.md", "img/a.svg", "traces/t.json"}) {
      expected.push_back("chapters/" + std::to_string(c) + "/" + f);
      b.write("docs/" + expected.back(), "x");
    }
  b.write("docs/index.md", "# Home");
  expected.push_back("index.md");
  std::sort(expected.begin(), expected.end());
  for (unsigned threads : {1u, 2u, 4u}) {
    const auto l = book::list_files((b.root / "docs").string(), threads);
    CHECK(listed(l) == expected);
    CHECK(l.error.empty());
  }
}

TEST_CASE("hidden names are left out, and what hidden folders hold", "[walk]") {
  TempBook b;
  b.write("docs/a.md", "x");
  b.write("docs/.draft.md", "x");
  b.write("docs/.git/config", "x");
  b.write("docs/ch/.cache/x.json", "x");
  const auto l = book::list_files((b.root / "docs").string(), 2);
  CHECK(listed(l) == std::vector<std::string>{"a.md"});
}

TEST_CASE("a link to a file is listed as a link, and a link to a folder is not followed", "[walk]") {
  TempBook b;
  b.write("docs/a.md", "x");
  b.write("outside/secret.txt", "x");
  b.write("outside/dir/b.md", "x");
  std::filesystem::create_symlink(b.root / "outside/secret.txt", b.root / "docs/linked.txt");
  std::filesystem::create_symlink(b.root / "outside/dir", b.root / "docs/linked-dir");
  std::filesystem::create_symlink(b.root / "nowhere", b.root / "docs/dangling.md");
  const auto l = book::list_files((b.root / "docs").string(), 2);
  CHECK(listed(l) == std::vector<std::string>{"a.md", "linked.txt"});
  CHECK(listed(l, true) == std::vector<std::string>{"linked.txt"});
}

TEST_CASE("a root that cannot be read is reported with the reason", "[walk]") {
  TempBook b;
  const auto l = book::list_files((b.root / "no-such-folder").string(), 2);
  CHECK(l.files.empty());
  CHECK(l.error_folder == (b.root / "no-such-folder").string());
  CHECK(l.error == "No such file or directory");
}

TEST_CASE("listing everything a site holds includes hidden names and links, unfollowed", "[walk]") {
  TempBook b;
  b.write("site/index.html", "x");
  b.write("site/.generated-by-bookgen", "x");
  b.write("site/.well-known/a.txt", "x");
  b.write("elsewhere/dir/b.html", "x");
  std::filesystem::create_symlink(b.root / "elsewhere/dir", b.root / "site/linked-dir");
  std::filesystem::create_symlink(b.root / "nowhere", b.root / "site/dangling");
  const auto l = book::list_files((b.root / "site").string(), 2, book::Listing::Everything);
  CHECK(listed(l) ==
        std::vector<std::string>{".generated-by-bookgen", ".well-known/a.txt", "dangling", "index.html", "linked-dir"});
  CHECK(listed(l, true) == std::vector<std::string>{"dangling", "linked-dir"});
}
