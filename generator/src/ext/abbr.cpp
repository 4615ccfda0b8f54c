// Python-Markdown's abbr, when mkdocs.yml enables it: a line `*[HTML]: Hyper Text Markup
// Language` defines an abbreviation (and is not shown); every whole-word HTML in the page's
// text becomes <abbr title="Hyper Text Markup Language">HTML</abbr>. Replaced in the source
// lines, outside code, HTML tags, link destinations and headings (where the <abbr> would
// cut the heading's text, its TOC entry and its id short).
#include <algorithm>
#include <cctype>
#include <map>

#include "extension.hpp"
#include "line_pass.hpp"
#include "text.hpp"

namespace book {
namespace {

// `*[ABBR]: title`, up to three spaces in.
bool abbreviation(const std::string& s, std::string& abbr, std::string& title) {
  const size_t at = s.find_first_not_of(' ');
  if (at == std::string::npos || at > 3 || s.compare(at, 2, "*[") != 0) return false;
  const size_t close = s.find(']', at + 2);
  if (close == std::string::npos || close == at + 2) return false;
  size_t colon = close + 1;
  if (colon < s.size() && s[colon] == ' ') ++colon;
  if (colon >= s.size() || s[colon] != ':') return false;
  abbr = s.substr(at + 2, close - at - 2);
  const size_t t = s.find_first_not_of(' ', colon + 1);
  title = t == std::string::npos ? "" : s.substr(t);
  return true;
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Where a span that is not text ends, when one starts at s[i]: a code span, an HTML tag or
// a link destination `](...)`. npos when s[i] starts text.
size_t skip_non_text(const std::string& s, size_t i) {
  if (s[i] == '`') {
    const size_t run_end = std::min(s.find_first_not_of('`', i), s.size());
    const size_t close = s.find(s.substr(i, run_end - i), run_end);
    return close == std::string::npos ? run_end : close + (run_end - i);
  }
  if (s[i] == '<') return std::min(s.find('>', i), s.size() - 1) + 1;
  if (s.compare(i, 2, "](") == 0) return std::min(s.find(')', i), s.size() - 1) + 1;
  return std::string::npos;
}

bool heading_line(const std::string& s) {
  const size_t at = s.find_first_not_of(' ');
  return at != std::string::npos && at < 4 && s[at] == '#';
}

class Abbr : public Extension {
 public:
  const char* name() const override { return "abbr"; }

  void block_syntax(Lines& lines, PageContext&) override {
    std::map<std::string, std::string> defined;
    Lines out;
    FenceTracker fence;
    for (const auto& l : lines) {
      std::string abbr, title;
      if (!fence.feed(l.text, l.source_line) && abbreviation(l.text, abbr, title))
        defined[abbr] = title;
      else
        out.push_back(l);
    }
    if (defined.empty()) return;
    fence = FenceTracker();
    for (auto& l : out)
      if (!fence.feed(l.text, l.source_line) && !heading_line(l.text)) l.text = replace(l.text, defined);
    lines = std::move(out);
  }

 private:
  static std::string replace(const std::string& s, const std::map<std::string, std::string>& defined) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
      const size_t skip = skip_non_text(s, i);
      if (skip != std::string::npos) {
        out.append(s, i, skip - i);
        i = skip;
        continue;
      }
      size_t end = i;
      while (end < s.size() && word_char(s[end])) ++end;
      if (end == i) {
        out += s[i++];
        continue;
      }
      const auto it = defined.find(s.substr(i, end - i));
      if (it == defined.end())
        out.append(s, i, end - i);
      else
        out += "<abbr title=\"" + escape_html(it->second) + "\">" + it->first + "</abbr>";
      i = end;
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extension> make_abbr_extension() {
  return std::make_unique<Abbr>();
}

}  // namespace book
