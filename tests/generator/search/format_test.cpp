// The index files: postings, deflated shards and the prefix tree, read back as the browser does.
#include "search/format.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "text.hpp"

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

// Terms with postings on document = the term's length; "shared" and "memory" are word forms.
// A leaf's limit of kTiny bytes makes several levels of branches; kLarge, one leaf a letter.
constexpr size_t kTiny = 10, kLarge = 100000;

std::vector<Entry> sample() {
  std::vector<Entry> e;
  for (std::string t : {"memori", "posix", "shar", "share", "shmat", "shmdt", "shmget", "é"})
    e.push_back({t, {}, {{static_cast<uint32_t>(t.size()), 10}}});
  e.push_back({"shared", "share", {}});
  e.push_back({"memory", "memori", {}});
  std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) { return a.term < b.term; });
  return e;
}

// Reads the shards as the browser does, keeping the files it asked for.
struct Reader {
  Shards shards;
  std::set<std::string> fetched;
  ShardReader reader;

  Reader(Shards s)
      : shards(std::move(s)), reader(shards.tree, [this](const std::string& path) {
          fetched.insert(path);
          return shards.files.at(path);
        }) {}
  std::vector<std::string> terms(const std::string& word) {
    std::vector<std::string> out;
    for (const auto& m : reader.lookup(word)) out.push_back(m.term);
    return out;
  }
};

}  // namespace

TEST_CASE("the manifest lists every shard, leaves and branches", "[search]") {
  const Shards s = make_shards(sample(), kTiny);
  // Branches from "m" down to "memor", whose terms split into two leaves; "shar" and "share" are
  // branches over the leaf "shared". Every branch has a file: its own terms and completions.
  CHECK(s.tree == "m(e(m(o(r(iy)))))ps(h(a(r(e(d)))m(adg)))\xC3\xA9");
  std::set<std::string> expected;
  for (std::string p : {"m", "me", "mem", "memo", "memor", "memori", "memory", "p", "s", "sh", "sha", "shar", "share",
                        "shared", "shm", "shma", "shmd", "shmg", "é"})
    expected.insert("t/" + book::to_hex(p));
  std::set<std::string> files;
  for (const auto& [path, bytes] : s.files) files.insert(path);
  CHECK(files == expected);
}

TEST_CASE("every term is found with one fetch, however deep its shard", "[search]") {
  for (size_t limit : {kTiny, kLarge}) {
    Reader r(make_shards(sample(), limit));
    for (const char* t : {"posix", "shmat", "shmget", "é", "shar", "share", "memori"}) {
      r.fetched.clear();
      const auto m = r.reader.lookup(t);
      REQUIRE_FALSE(m.empty());
      CHECK(m[0].exact);
      CHECK(m[0].postings[0].doc == std::string(t).size());
      CHECK(r.fetched.size() == 1);
    }
    CHECK(r.reader.lookup("shmx").empty());
    CHECK(r.reader.lookup("zebra").empty());
  }
}

TEST_CASE("a word form finds its stem's postings, in its own shard or another", "[search]") {
  for (size_t limit : {kTiny, kLarge}) {
    Reader r(make_shards(sample(), limit));
    const auto shared = r.reader.lookup("shared");
    REQUIRE(shared.size() == 1);
    CHECK(shared[0].stem == "share");
    CHECK(shared[0].postings == std::vector<Posting>{{5, 10}});
    r.fetched.clear();
    const auto memory = r.reader.lookup("memory");
    REQUIRE(memory.size() == 1);
    CHECK(memory[0].stem == "memori");
    CHECK(memory[0].postings == std::vector<Posting>{{6, 10}});
    CHECK(r.fetched.size() == (limit == kTiny ? 2 : 1));  // the stem's leaf is another file
  }
}

TEST_CASE("a prefix in a leaf matches the terms it starts", "[search]") {
  Reader one_leaf_a_letter(make_shards(sample(), kLarge));
  CHECK(one_leaf_a_letter.terms("shm") == std::vector<std::string>{"shmat", "shmdt", "shmget"});
  Reader deep(make_shards(sample(), kTiny));
  CHECK(deep.terms("shma") == std::vector<std::string>{"shmat"});
  CHECK(deep.terms("shared") == std::vector<std::string>{"shared"});
}

TEST_CASE("a word ending at a branch matches its own terms and its commonest completions, in one fetch", "[search]") {
  Reader r(make_shards(sample(), kTiny));
  CHECK(r.terms("shar") == std::vector<std::string>{"shar", "share"});
  CHECK(r.terms("shm") == std::vector<std::string>{"shmat"});   // at least one, however small the limit
  CHECK(r.terms("mem") == std::vector<std::string>{"memori"});  // stems only: "memory" is a word form
  CHECK(r.fetched ==
        std::set<std::string>{"t/" + book::to_hex("shar"), "t/" + book::to_hex("shm"), "t/" + book::to_hex("mem")});

  // By document count: the term in three documents comes before those in one.
  std::vector<Entry> e = {{"shmat", {}, {{1, 9}}}, {"shmdt", {}, {{2, 9}}}, {"shmget", {}, {{1, 9}, {2, 9}, {3, 9}}}};
  Reader common(make_shards(e, kTiny));
  CHECK(common.terms("shm") == std::vector<std::string>{"shmget"});
  CHECK(common.terms("shma") == std::vector<std::string>{"shmat"});  // a leaf: every term it starts
}

TEST_CASE("a manifest tree that is not in the notation is an error", "[search]") {
  const auto none = [](const std::string&) -> std::string { throw std::logic_error("no fetch expected"); };
  CHECK_NOTHROW(ShardReader("ab(c)d[e]", none));
  CHECK_THROWS(ShardReader("(a)", none));    // a bracket without its node
  CHECK_THROWS(ShardReader("a(b", none));    // never closed
  CHECK_THROWS(ShardReader("a(b))", none));  // closed twice
}
