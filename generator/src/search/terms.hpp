// Words for search: the tokenizer and the Snowball English stemmer, shared by the index
// builder and its tests. The browser never stems: the index maps every word form the book
// uses to its stem (see format.hpp), so a query is matched by the stems made here.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace book::search {

// Lower-cased words of `text`: runs of ASCII letters, digits and '_' (so identifiers such as
// shm_open stay whole) and any non-ASCII bytes. One-letter ASCII words are dropped, and
// words are cut at 40 bytes. The browser splits queries by the same rule (site/assets/search.js).
std::vector<std::string> tokenize(std::string_view text);

// Snowball's English stemmer with a cache (a book repeats its words). Not thread-safe.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  const std::string& stem(const std::string& word);

 private:
  sb_stemmer* stemmer_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace book::search
