#include "line_pass.hpp"

#include <cmark-gfm.h>

#include <cstdlib>

namespace book {

std::string expand_leading_tabs(const std::string& s) {
  std::string out;
  size_t i = 0;
  for (; i < s.size() && (s[i] == ' ' || s[i] == '\t'); ++i) out.append(s[i] == '\t' ? 4 - out.size() % 4 : 1, ' ');
  return out + s.substr(i);
}

size_t indent_of(const std::string& s) {
  const size_t i = s.find_first_not_of(' ');
  return i == std::string::npos ? s.size() : i;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r") == std::string::npos;
}

size_t indented_body_end(const Lines& in, size_t marker, size_t indent) {
  size_t last = marker;
  for (size_t k = marker + 1; k < in.size(); ++k) {
    if (blank(in[k].text)) continue;
    if (indent_of(in[k].text) < indent + 4) break;
    last = k;
  }
  return last;
}

std::string inline_html(const std::string& md) {
  char* html = cmark_markdown_to_html(md.data(), md.size(), CMARK_OPT_UNSAFE);
  std::string s(html);
  std::free(html);
  if (s.rfind("<p>", 0) == 0) s = s.substr(3);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  if (s.size() >= 4 && s.compare(s.size() - 4, 4, "</p>") == 0) s.resize(s.size() - 4);
  return s;
}

}  // namespace book
