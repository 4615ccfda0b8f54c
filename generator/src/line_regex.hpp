// std::regex for the generator's patterns, which run on whatever the author wrote.
// libstdc++'s default (depth-first) matcher recurses once per character it consumes, so one
// long line (a 200,000-character link, title or identifier) overflows the stack and the
// build segfaults. Its breadth-first matcher (the __polynomial flag) keeps its states in a
// queue: stack bounded by the pattern, time linear in the text, but about five times
// slower on short text. So each pattern is compiled both ways and long text gets the
// breadth-first one. (No pattern here uses back-references, which that matcher lacks.)
#pragma once
#include <regex>
#include <string>

namespace book {

class LineRegex {
 public:
  explicit LineRegex(const std::string& pattern)
      : short_(pattern),
#ifdef __GLIBCXX__
        long_(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial)
#else
        long_(pattern)
#endif
  {
  }

  // The compiled form to use on `text`. Depth-first recursion over 1,000 characters stays
  // far below any thread's stack.
  const std::regex& on(const std::string& text) const {
    return text.size() <= 1000 ? short_ : long_;
  }

 private:
  std::regex short_, long_;
};

}  // namespace book
