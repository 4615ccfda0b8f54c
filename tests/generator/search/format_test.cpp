// The index files: postings, deflated shards and the prefix tree, read back as the browser does.
#include "search/format.hpp"

#include <catch2/catch.hpp>

using namespace book::search;

TEST_CASE("postings survive encoding, large document numbers included", "[search]") {
  const std::vector<Posting> p = {{0, 1}, {1, 63}, {31, 5}, {32, 7}, {100000, 2}, {4000000000u, 9}};
  const std::string text = encode_postings(p);
  CHECK(decode_postings(text) == p);
  CHECK(encode_postings({{3, 1}, {4, 1}}).size() == 4);  // small gaps: two characters a posting
}

TEST_CASE("malformed postings are an error, not a wrong answer", "[search]") {
  CHECK_THROWS(decode_postings("A"));    // a document without its impact
  CHECK_THROWS(decode_postings("gA"));   // a number that never ends
  CHECK_THROWS(decode_postings("A\t"));  // not a postings character
}

TEST_CASE("shards deflate and inflate", "[search]") {
  const std::string text = "shmat\tAB\nshmdt\tCD\n";
  CHECK(inflate(deflate(text)) == text);
  CHECK_THROWS(inflate("not zlib"));
}

namespace {

std::vector<Entry> sample() {
  std::vector<Entry> e;
  for (std::string t : {"posix", "shar", "share", "shmat", "shmdt", "shmget", "é"})
    e.push_back({t, {}, {{static_cast<uint32_t>(t.size()), 10}}});
  e.push_back({"shared", "share", {}});
  std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) { return a.term < b.term; });
  return e;
}

ShardReader reader_of(const Shards& s) {
  return ShardReader(s.root, [files = s.files](const std::string& path) { return files.at(path); });
}

}  // namespace

TEST_CASE("a tree of small shards finds every term, exactly and by prefix", "[search]") {
  const Shards s = make_shards(sample(), 20);  // a tiny limit: several levels of branches
  CHECK(s.root == "ps\xC3\xA9");
  CHECK(s.files.size() > 4);
  ShardReader r = reader_of(s);
  for (const char* t : {"posix", "shmat", "shmget", "é", "share"}) {
    const auto m = r.lookup(t);
    REQUIRE_FALSE(m.empty());
    CHECK(m[0].exact);
    CHECK(m[0].postings[0].doc == std::string(t).size());
  }
  CHECK(r.lookup("shmx").empty());
  CHECK(r.lookup("zebra").empty());
}

TEST_CASE("a word form finds its stem's postings", "[search]") {
  for (size_t limit : {20, 100000}) {
    ShardReader r = reader_of(make_shards(sample(), limit));
    const auto m = r.lookup("shared");
    REQUIRE(m.size() == 1);
    CHECK(m[0].stem == "share");
    CHECK(m[0].postings == std::vector<Posting>{{5, 10}});
  }
}

TEST_CASE("a prefix in a leaf matches the terms it starts", "[search]") {
  ShardReader r = reader_of(make_shards(sample(), 100000));  // one leaf a first character
  std::vector<std::string> terms;
  for (const auto& m : r.lookup("shm")) terms.push_back(m.term);
  CHECK(terms == std::vector<std::string>{"shmat", "shmdt", "shmget"});
}
