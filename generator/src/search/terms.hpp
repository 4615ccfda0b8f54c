// Words for search: the tokenizer and the Snowball English stemmer, shared by the index
// builder and its tests. The browser never stems: the index maps every word form the book
// uses to its stem (see format.hpp), so a query is matched by the stems made here.
#pragma once
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace book::search {

// Lower-cased words of `text`: runs of ASCII letters, digits and '_' (so identifiers such as
// shm_open stay whole) and any non-ASCII bytes. One-letter ASCII words are dropped, and
// words are cut at 40 bytes. The browser splits queries by the same rule (site/assets/search.js).
std::vector<std::string> tokenize(std::string_view text);

// The same words, each handed to `fn` in one reused buffer (valid during the call only):
// the indexer meets millions of words and most are repeats, so none is allocated.
template <class F>
void for_each_word(std::string_view text, F&& fn);

// Snowball's English stemmer. Not thread-safe. The index builder stems each distinct word once
// (its vocabulary remembers the stem), so this keeps no cache of its own.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  std::string stem(const std::string& word);

 private:
  sb_stemmer* stemmer_;
};

namespace detail {
constexpr size_t kMaxWord = 40;
inline bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
// Cut on a UTF-8 boundary only: a continuation byte (10xxxxxx) never starts the cut.
inline void cut_long(std::string& w) {
  if (w.size() <= kMaxWord) return;
  size_t cut = kMaxWord;
  while (cut > 0 && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) --cut;
  w.resize(cut);
}
}  // namespace detail

template <class F>
void for_each_word(std::string_view text, F&& fn) {
  std::string w;
  for (size_t i = 0; i < text.size();) {
    if (!detail::word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size() && detail::word_byte(static_cast<unsigned char>(text[i]))) ++i;
    w.assign(text, start, i - start);
    for (char& c : w)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    detail::cut_long(w);
    if (w.size() > 1 || static_cast<unsigned char>(w[0]) >= 0x80) fn(static_cast<const std::string&>(w));
  }
}

}  // namespace book::search
