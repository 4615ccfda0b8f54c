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

// The same words, each handed to `fn` as a view of one reused buffer (valid during the call
// only): the indexer meets millions of words and most are repeats, so none is allocated.
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
  std::string stem(std::string_view word);

 private:
  sb_stemmer* stemmer_;
};

namespace detail {
constexpr size_t kMaxWord = 40;
// Which bytes make words, and each byte lower-cased (ASCII only): tables, as the indexer
// asks both of every byte of the book.
struct ByteTables {
  bool word[256];
  char lower[256];
  constexpr ByteTables() : word(), lower() {
    for (int c = 0; c < 256; ++c) {
      word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
      lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  }
};
inline constexpr ByteTables kBytes{};
// A word longer than kMaxWord is cut on a UTF-8 boundary: a continuation byte (10xxxxxx)
// never starts the cut. `w` holds at least kMaxWord + 1 bytes of it.
inline size_t cut_length(const char* w, size_t length) {
  if (length <= kMaxWord) return length;
  size_t cut = kMaxWord;
  while (cut > 0 && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}
}  // namespace detail

template <class F>
void for_each_word(std::string_view text, F&& fn) {
  char w[detail::kMaxWord + 1];
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0, n = text.size(); i < n;) {
    if (!detail::kBytes.word[bytes[i]]) {
      ++i;
      continue;
    }
    const size_t start = i;
    for (; i < n && detail::kBytes.word[bytes[i]]; ++i)
      if (i - start <= detail::kMaxWord) w[i - start] = detail::kBytes.lower[bytes[i]];
    const size_t length = detail::cut_length(w, i - start);
    if (length > 1 || (length == 1 && bytes[start] >= 0x80)) fn(std::string_view(w, length));
  }
}

}  // namespace book::search
