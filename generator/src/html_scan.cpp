#include "html_scan.hpp"

#include <cctype>

namespace book {
namespace {

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view word(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && !space(s[i]) && s[i] != '>' && s[i] != '=' && s[i] != '/') ++i;
  return s.substr(start, i - start);
}

std::string_view value(std::string_view s, size_t& i) {
  if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
    const char q = s[i++];
    const size_t end = std::min(s.find(q, i), s.size());
    const std::string_view v = s.substr(i, end - i);
    i = end + 1;
    return v;
  }
  const size_t start = i;
  while (i < s.size() && !space(s[i]) && s[i] != '>') ++i;
  return s.substr(start, i - start);
}

// Reads one tag's attributes from just after its name; returns the index after '>'.
size_t attributes(std::string_view html, size_t i, std::string_view tag,
                  const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
  while (i < html.size() && html[i] != '>') {
    if (space(html[i]) || html[i] == '/') {
      ++i;
      continue;
    }
    const std::string_view name = word(html, i);
    if (name.empty()) {
      ++i;
      continue;
    }
    while (i < html.size() && space(html[i])) ++i;
    if (i >= html.size() || html[i] != '=') continue;
    ++i;
    while (i < html.size() && space(html[i])) ++i;
    fn(tag, name, value(html, i));
  }
  return i + 1;
}

}  // namespace

void for_each_attribute(std::string_view html,
                        const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
  for (size_t i = html.find('<'); i < html.size(); i = html.find('<', i)) {
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    const std::string_view tag = word(html, i);
    i = attributes(html, i, tag, fn);
  }
}

}  // namespace book
