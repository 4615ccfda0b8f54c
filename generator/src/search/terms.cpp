#include "search/terms.hpp"

#include <libstemmer.h>

#include <stdexcept>

namespace book::search {

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {
  if (!stemmer_) throw std::runtime_error("libstemmer has no English stemmer");
}

Stemmer::~Stemmer() {
  sb_stemmer_delete(stemmer_);
}

std::string Stemmer::stem(std::string_view word) {
  const sb_symbol* s =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  return s ? std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_)) : std::string(word);
}

}  // namespace book::search
