// Inline syntax done as a pass over source lines, before cmark parses the page (pymdownx's
// arithmatex, emoji, mark, caret and tilde). Done on cmark's text nodes instead, it would come
// too late: cmark has already eaten the backslashes of \( \), read $a*b*c$ as emphasis and
// H~2~O as strikethrough, and split text at every * or _ it did not pair.
// The pass hands out the page's prose: runs of consecutive non-blank lines (paragraphs:
// inline syntax may cross their line breaks) outside fenced and indented code, with code
// spans, and raw HTML tags too when asked, swapped for placeholders ("\x02" index "\x03", as
// Python-Markdown's stash does) and put back afterwards. What it writes back becomes Markdown
// again, so replacements are raw inline HTML whose text cmark leaves alone.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "extension.hpp"

namespace book {

// One paragraph of prose; `text` may be changed in place as long as its line breaks stay.
struct Prose {
  std::string text;
  std::vector<int> lines;  // source line of each line of text (lines[0]: where text starts)
  int line_of(size_t pos) const;
};

void for_each_prose(Lines& lines, bool skip_html_tags, const std::function<void(Prose&)>& rewrite);

// A list item's first line ("- x", "1. x").
bool list_item(const std::string& line);

// True when the paragraph starting at lines[i] is indented code: four or more spaces, and
// not the continuation of a list item above it.
bool indented_code(const Lines& lines, size_t i);

// True when s[i] is escaped: an odd number of backslashes right before it.
bool is_escaped(const std::string& s, size_t i);

// Text that cmark shows exactly as given (HTML-escaped) and that no later pass reads as
// syntax: every ASCII punctuation character backslash-escaped.
std::string literal_markdown(const std::string& text);

}  // namespace book
