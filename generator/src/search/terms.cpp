#include "search/terms.hpp"

#include <libstemmer.h>

#include <stdexcept>

namespace book::search {

namespace {

constexpr size_t kMaxWord = 40;

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::string w;
    for (; i < text.size() && word_byte(static_cast<unsigned char>(text[i])); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      w += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    // Cut on a UTF-8 boundary only: a continuation byte (10xxxxxx) never starts the cut.
    if (w.size() > kMaxWord) {
      size_t cut = kMaxWord;
      while (cut > 0 && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) --cut;
      w.resize(cut);
    }
    if (w.size() > 1 || static_cast<unsigned char>(w[0]) >= 0x80) words.push_back(std::move(w));
  }
  return words;
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {
  if (!stemmer_) throw std::runtime_error("libstemmer has no English stemmer");
}

Stemmer::~Stemmer() {
  sb_stemmer_delete(stemmer_);
}

const std::string& Stemmer::stem(const std::string& word) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  const sb_symbol* s =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  std::string stemmed = s ? std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_)) : word;
  return cache_.emplace(word, std::move(stemmed)).first->second;
}

}  // namespace book::search
