// How text becomes search terms: words as a reader types them, and Snowball's English stems.
#include "search/terms.hpp"

#include <catch2/catch.hpp>

using book::search::Stemmer;
using book::search::tokenize;
using V = std::vector<std::string>;

TEST_CASE("words are lower-cased runs of letters, digits and underscores", "[search]") {
  CHECK(tokenize("Attach it with shmat(), then shm_open() -- POSIX.1") ==
        V{"attach", "it", "with", "shmat", "then", "shm_open", "posix"});
}

TEST_CASE("one-letter words are dropped, non-ASCII words kept whole", "[search]") {
  CHECK(tokenize("a b c2 é Über") == V{"c2", "é", "Über"});  // only ASCII letters are lower-cased
}

TEST_CASE("very long words are cut at 40 bytes, never inside a UTF-8 character", "[search]") {
  const auto words = tokenize(std::string(39, 'x') + "éé");
  REQUIRE(words.size() == 1);
  CHECK(words[0] == std::string(39, 'x'));
}

TEST_CASE("the English stemmer folds word forms onto one stem", "[search]") {
  Stemmer s;
  CHECK(s.stem("shared") == "share");
  CHECK(s.stem("sharing") == "share");
  CHECK(s.stem("processes") == "process");
  CHECK(s.stem("queues") == s.stem("queue"));
  CHECK(s.stem("shmat") == "shmat");
}
