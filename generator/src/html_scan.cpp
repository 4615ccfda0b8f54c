#include "html_scan.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

#include "text.hpp"

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

// At "<!--": moves i past the comment's end and returns true.
bool skip_comment(std::string_view html, size_t& i) {
  if (html.compare(i, 4, "<!--") != 0) return false;
  const size_t end = html.find("-->", i + 4);
  i = end == std::string_view::npos ? html.size() : end + 3;
  return true;
}

}  // namespace

void for_each_attribute(std::string_view html,
                        const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
  for (size_t i = html.find('<'); i < html.size(); i = html.find('<', i)) {
    if (skip_comment(html, i)) continue;
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    const std::string_view tag = word(html, i);
    i = attributes(html, i, tag, fn);
  }
}

namespace {

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

// Where "</name" starts (any case), or npos.
size_t find_closing(std::string_view html, size_t from, std::string_view name) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2))
    if (same_name(html.substr(i + 2, name.size()), name)) return i;
  return std::string_view::npos;
}

}  // namespace

void for_each_script_or_style(std::string_view html,
                              const std::function<void(std::string_view, std::string_view)>& fn) {
  const auto ignore = [](std::string_view, std::string_view, std::string_view) {};
  for (size_t i = html.find('<'); i < html.size(); i = html.find('<', i)) {
    if (skip_comment(html, i)) continue;
    ++i;
    const std::string_view tag = word(html, i);
    const char* name = same_name(tag, "script") ? "script" : same_name(tag, "style") ? "style" : nullptr;
    if (!name) continue;
    const size_t body = attributes(html, i, tag, ignore);
    const size_t close = body <= html.size() ? find_closing(html, body, name) : std::string_view::npos;
    if (close == std::string_view::npos) return;
    if (close > body) fn(name, html.substr(body, close - body));
    i = close + 2;
  }
}

std::string decode_attribute(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    const size_t semi = v[i] == '&' ? v.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += v[i];
      continue;
    }
    const std::string_view ref = v.substr(i + 1, semi - i - 1);
    static const std::pair<const char*, const char*> named[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
    bool done = false;
    for (const auto& [n, c] : named) {
      if (ref != n) continue;
      out += c;
      done = true;
    }
    if (!done && ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string digits(ref.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == '\0' && cp > 0 && cp <= 0x10FFFF) {
        append_utf8(out, static_cast<char32_t>(cp));
        done = true;
      }
    }
    if (!done) out.append(v.substr(i, semi - i + 1));
    i = semi;
  }
  return out;
}

}  // namespace book
