// Heading ids as MkDocs makes them (Python-Markdown's toc.slugify with "-" separators and
// its unique() suffixes), so that links into an existing MkDocs book keep working.
#pragma once
#include <set>
#include <string>
#include <string_view>

namespace book {

// "🧠 Interactive MicroSim" -> "interactive-microsim", "Benefits:" -> "benefits".
// Accented Latin letters lose their accents (as NFKD + ASCII does); other non-ASCII
// characters are dropped.
std::string slugify(std::string_view heading_text);

// Hands out ids unique within one page: "benefits", "benefits_1", "benefits_2"; an empty
// slug becomes "_1" as in Python-Markdown.
class SlugSet {
 public:
  std::string unique(std::string id);
  bool contains(const std::string& id) const { return used_.count(id) != 0; }
  void reserve(const std::string& id) { used_.insert(id); }

 private:
  std::set<std::string> used_;
};

}  // namespace book
