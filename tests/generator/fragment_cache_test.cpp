// The on-disk cache of rendered fragments: a build that uses it writes exactly what a build
// without it writes, whatever state the cache is in.
#include "fragment_cache.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>

#include "temp_book.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kChapter = fs::path(BOOK_SOURCE_DIR) / "content/chapters/07-shared-memory";

// A book with the real chapter (C blocks with recorded traces) and a page of our own.
void write_book(TempBook& b) {
  fs::create_directories(b.root / "docs/chapters/ch");
  fs::copy(kChapter, b.root / "docs/chapters/ch", fs::copy_options::recursive);
  b.write("docs/sims/shared-mem-race/main.html", "<!doctype html><title>sim</title>\n");
  b.write("docs/index.md", "# Home\n\n```c title=\"mine.c\"\nint answer = 41;\n```\n");
}

book::BuildReport build(const TempBook& b, const std::string& out, bool cached) {
  book::BuildOptions opts{b.root / "mkdocs.yml", b.root / "theme", b.root / out, {}, 2};
  if (cached) opts.fragment_cache = b.root / "cache";
  return book::build_site(opts);
}

// The page saved again, as an editor does: same bytes, a later modification time.
void edit(const TempBook& b) {
  const fs::path page = b.root / "docs/index.md";
  fs::last_write_time(page, fs::last_write_time(page) + std::chrono::seconds(1));
}

// Every file of an output folder, by site path (but the marker, which names the build).
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != book::kOutputMarker)
      files[e.path().lexically_relative(dir).string()] = TempBook::read_abs(e.path());
  return files;
}

}  // namespace

TEST_CASE("a build from the cache writes the same bytes as a build without it", "[fragment_cache]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b, "plain", false).ok());
  const book::BuildReport cold = build(b, "cold", true), warm = build(b, "warm", true);
  REQUIRE(cold.ok());
  REQUIRE(warm.ok());
  CHECK(cold.fragments_reused == 0);
  CHECK(cold.fragments_made > 5);  // the chapter's code blocks and traces, our page's block
  CHECK(warm.fragments_made == 0);
  CHECK(warm.fragments_reused == cold.fragments_made);
  const auto plain = files_of(b.root / "plain");
  CHECK(files_of(b.root / "cold") == plain);
  CHECK(files_of(b.root / "warm") == plain);
}

TEST_CASE("a changed code block is rendered anew, the others come from the cache", "[fragment_cache]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b, "out", true).ok());
  b.write("docs/index.md", "# Home\n\n```c title=\"mine.c\"\nint question = 42;\n```\n");
  const book::BuildReport r = build(b, "out", true);
  REQUIRE(r.ok());
  CHECK(r.fragments_made == 1);
  CHECK(r.fragments_reused > 5);
  const std::string home = b.read("out/index.html");
  CHECK(home.find("question") != std::string::npos);
  CHECK(home.find("42") != std::string::npos);
  CHECK(home.find("answer") == std::string::npos);
}

TEST_CASE("a damaged cache is ignored and rebuilt, never shown", "[fragment_cache]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b, "plain", false).ok());
  const auto plain = files_of(b.root / "plain");
  const auto damage = GENERATE(as<std::string>{}, "truncated index", "garbage index", "truncated pack", "flipped pack");
  REQUIRE(build(b, "out", true).ok());
  const fs::path index = b.root / "cache/index", pack = b.root / "cache/pack";
  if (damage == "truncated index") fs::resize_file(index, fs::file_size(index) / 2);
  if (damage == "garbage index") b.write("cache/index", std::string(4096, 'x'));
  if (damage == "truncated pack") fs::resize_file(pack, fs::file_size(pack) / 2);
  if (damage == "flipped pack") {
    std::string bytes = TempBook::read_abs(pack);
    for (size_t i = 0; i < bytes.size(); i += 97) bytes[i] = static_cast<char>(bytes[i] ^ 0x20);
    b.write("cache/pack", bytes);
  }
  INFO(damage);
  // An edited page, so that the build builds (on unchanged input it would have nothing to do).
  edit(b);
  const book::BuildReport r = build(b, "out", true);
  REQUIRE(r.ok());
  CHECK(r.fragments_made > 5);
  CHECK(files_of(b.root / "out") == plain);
  // ...and the cache works again for the build after.
  edit(b);
  const book::BuildReport again = build(b, "out", true);
  CHECK_FALSE(again.up_to_date);
  CHECK(again.fragments_made == 0);
  CHECK(files_of(b.root / "out") == plain);
}

TEST_CASE("a fragment is made once, kept across processes' caches, and keyed by every part", "[fragment_cache]") {
  TempBook b;
  using book::FragmentCache;
  int made = 0;
  auto make = [&] { return "<b>" + std::to_string(++made) + "</b>"; };
  {
    FragmentCache cache(b.root / "cache");
    CHECK(cache.get(FragmentCache::key({"code", "int x;"}), make) == "<b>1</b>");
    CHECK(cache.get(FragmentCache::key({"code", "int x;"}), make) == "<b>1</b>");
    // The parts are length-prefixed: "ab"+"c" is not "a"+"bc".
    CHECK(cache.get(FragmentCache::key({"code", "ab", "c"}), make) == "<b>2</b>");
    CHECK(cache.get(FragmentCache::key({"code", "a", "bc"}), make) == "<b>3</b>");
    cache.save();
  }
  FragmentCache later(b.root / "cache");
  CHECK(later.get(FragmentCache::key({"code", "int x;"}), make) == "<b>1</b>");
  CHECK(later.hits() == 1);
  // While one build holds the cache, another works without it rather than wait or clash.
  FragmentCache other(b.root / "cache");
  CHECK(other.get(FragmentCache::key({"code", "int x;"}), make) == "<b>4</b>");
  CHECK(other.misses() == 1);
}

TEST_CASE("fragments are read back whether or not the pack holds them yet", "[fragment_cache]") {
  TempBook b;
  using book::FragmentCache;
  int made = 0;
  // Megabytes of fragments, as a cold build of a big book makes: written a buffer at a time.
  auto fragment = [](int i) { return std::string(7000 + i, static_cast<char>('a' + i % 26)) + std::to_string(i); };
  auto key = [](int i) { return FragmentCache::key({"code", std::to_string(i)}); };
  {
    FragmentCache cache(b.root / "cache");
    for (int i = 0; i < 400; ++i) cache.get(key(i), [&] { return ++made, fragment(i); });
    for (int i = 0; i < 400; ++i) CHECK(cache.get(key(i), [&] { return ++made, std::string("again"); }) == fragment(i));
    CHECK(made == 400);
    cache.save();
  }
  FragmentCache later(b.root / "cache");
  for (int i = 399; i >= 0; --i) CHECK(later.get(key(i), [&] { return ++made, std::string("again"); }) == fragment(i));
  CHECK(made == 400);
  CHECK(later.hits() == 400);
}

TEST_CASE("a build starts from the site before last, and never writes through into the live site",
          "[fragment_cache][output]") {
  TempBook b;
  write_book(b);
  b.write("docs/gone.md", "# Gone\n");
  REQUIRE(build(b, "out", true).ok());
  b.write("docs/index.md", "# Home\n\nSecond.\n");
  REQUIRE(build(b, "out", true).ok());  // hard-links the unchanged files from the first site
  const auto second = files_of(b.root / "out");
  b.write("docs/index.md", "# Home\n\nThird.\n");
  fs::remove(b.root / "docs/gone.md");
  REQUIRE(build(b, "out", true).ok());  // starts from the first site, kept as the spare
  REQUIRE(build(b, "plain", false).ok());
  CHECK(files_of(b.root / "out") == files_of(b.root / "plain"));
  CHECK_FALSE(b.exists("out/gone.html"));
  // The second site, now the spare, is as it was: nothing was written through a shared file.
  CHECK(files_of(book::OutputFolder::spare_dir(b.root / "out")) == second);
}

TEST_CASE("a build while another holds the cache builds everything itself, correctly", "[fragment_cache][output]") {
  TempBook b;
  write_book(b);
  REQUIRE(build(b, "out", true).ok());
  REQUIRE(build(b, "out", true).ok());  // now there is a spare and a record of it
  b.write("docs/index.md", "# Home\n\nChanged while locked.\n");
  book::FragmentCache other_build(b.root / "cache");
  const book::BuildReport r = build(b, "out", true);
  REQUIRE(r.ok());
  CHECK(r.fragments_reused == 0);
  REQUIRE(build(b, "plain", false).ok());
  CHECK(files_of(b.root / "out") == files_of(b.root / "plain"));
}
