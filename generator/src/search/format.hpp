// The search index as files, and reading it back (the tests do; site/assets/search.js does
// the same in the browser).
//
// Terms (stems, and the word forms that stem to them) live in a prefix tree of shard files,
// each deflated (zlib format, which the browser's DecompressionStream("deflate") reads):
//   t/<hex of the prefix's UTF-8>   a leaf: every term with that prefix;
//                                   a branch: the terms equal to the prefix itself, then its
//                                   completions: the most common longer terms (by document count,
//                                   up to half a leaf's limit, at least one); all the longer
//                                   terms are in its children's files.
// One term a line: "<term without the prefix>\t<postings>" or "<...>\t><stem>" for a word form.
// Postings are (document, impact) pairs in document order in base64url characters: the
// document as a delta from the previous one, 5 bits a character, most significant first,
// characters 32-63 saying "more follows"; then the impact, one character (1-63), a BM25
// score quantized at build time so the browser only adds them up.
// A prefix becomes a branch only when its leaf would be larger than the limit.
//
// The manifest lists the whole tree (Shards::tree), so a word's shard is fetched directly, with
// no walk from the root: each node is the one character it adds to its parent's prefix; a
// branch is followed by its children in "(...)" when it has a file of its own terms, in "[...]"
// when no term equals its prefix (then it has no file). "ps[hm(a)]" is the leaf "p", the
// fileless branch "s" with the leaf "sh" and the branch "sm" (a file: the term "sm") with its
// leaf "sma". Terms are letters, digits, '_' and non-ASCII, so the brackets are never part of one.
// A word is looked up in the deepest node on its way down, in one file: in a leaf it matches
// every term it starts (as-you-type prefixes); a word ending at a branch matches the branch's
// own terms and its completions, as fetching every continuation would take too many files.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace book::search {

struct Posting {
  uint32_t doc;
  uint8_t impact;  // 1-63
  bool operator==(const Posting& o) const { return doc == o.doc && impact == o.impact; }
};

struct Entry {
  std::string term;
  std::string stem_of;  // non-empty: a word form, whose postings are those of this stem
  std::vector<Posting> postings;
};

std::string encode_postings(const std::vector<Posting>& postings);
std::vector<Posting> decode_postings(std::string_view text);  // throws std::runtime_error if malformed

std::string deflate(std::string_view raw);
std::string inflate(std::string_view packed);  // throws std::runtime_error if malformed

struct Shards {
  std::string tree;                          // every shard file, in the manifest's notation (above)
  std::map<std::string, std::string> files;  // "t/<hex>" -> deflated shard
};
// `entries` sorted by term, terms unique. `threads`: how many encode and deflate.
Shards make_shards(const std::vector<Entry>& entries, size_t leaf_limit, unsigned threads = 1);

// A term as found by a lookup of what a reader typed.
struct Match {
  std::string term;
  std::string stem;
  bool exact;
  std::vector<Posting> postings;
};

// Reads shards the way the browser does; `fetch` returns a file's bytes as written.
class ShardReader {
 public:
  // Throws std::runtime_error if `tree` is not in the manifest's notation.
  ShardReader(const std::string& tree, std::function<std::string(const std::string&)> fetch);
  // Terms equal to `word` (a word form counts as its stem) and, where the word reaches a leaf,
  // terms that start with it. Fetches one file, and one more for a stem in another shard.
  std::vector<Match> lookup(const std::string& word);
  // Documents by score, best first: each query word adds its best match's impact (a prefix
  // match counts half), and every word must match.
  std::vector<std::pair<uint32_t, double>> rank(const std::string& query);

 private:
  enum class Kind { leaf, branch, fileless_branch };
  std::map<std::string, Kind> shards_;  // by prefix
  std::function<std::string(const std::string&)> fetch_;
  struct Line {
    std::string term, rest;
    bool exact;
  };
  std::vector<Line> lines_for(const std::string& word);
};

}  // namespace book::search
