#include "inline_pass.hpp"

#include <algorithm>
#include <cctype>

#include "fence.hpp"
#include "line_pass.hpp"

namespace book {
namespace {

// The end marker of a raw HTML block whose text is not Markdown (CommonMark's HTML blocks of
// kinds 1 and 2: script, pre, style, textarea, comments) opening on this line, or "".
std::string raw_block_end(const std::string& line) {
  const size_t i = line.find_first_not_of(' ');
  if (i == std::string::npos || i > 3 || line[i] != '<') return "";
  if (line.compare(i, 4, "<!--") == 0) return "-->";
  std::string tag;
  for (size_t k = i + 1; k < line.size() && std::isalpha(static_cast<unsigned char>(line[k])); ++k)
    tag += static_cast<char>(std::tolower(static_cast<unsigned char>(line[k])));
  for (const char* raw : {"script", "pre", "style", "textarea"})
    if (tag == raw) return "</" + tag + ">";
  return "";
}

// "[id]: url": a link reference definition (footnotes, "[^1]: text", are prose).
bool link_definition(const std::string& line) {
  const size_t i = line.find_first_not_of(' ');
  if (i == std::string::npos || i > 3 || line[i] != '[' || line.compare(i, 2, "[^") == 0) return false;
  const size_t close = line.find("]:", i);
  return close != std::string::npos && close > i + 1 && line.find(']', i) == close;
}

bool contains_lower(const std::string& line, const std::string& marker) {
  std::string lower(line);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(marker) != std::string::npos;
}

// End of the code span or HTML tag starting at s[p], or p when there is none.
size_t code_span_end(const std::string& s, size_t p) {
  size_t n = 0;
  while (p + n < s.size() && s[p + n] == '`') ++n;
  for (size_t q = s.find('`', p + n); q != std::string::npos;) {
    size_t m = 0;
    while (q + m < s.size() && s[q + m] == '`') ++m;
    if (m == n) return q + m;
    q = s.find('`', q + m);
  }
  return p;
}

// The destination of an inline link or image, "](url "title")": from p at the "(" to its
// ")" (balanced parentheses, as CommonMark allows), or p when there is none. URLs are not
// prose: "~user~" in one is no subscript.
size_t destination_end(const std::string& s, size_t p) {
  if (p == 0 || s[p] != '(' || s[p - 1] != ']') return p;
  int depth = 0;
  for (size_t q = p; q < s.size(); ++q) {
    if (s[q] == '\\') {
      ++q;
    } else if (s[q] == '(') {
      ++depth;
    } else if (s[q] == ')' && --depth == 0) {
      return q + 1;
    } else if (s[q] == '\n' && q + 1 < s.size() && s[q + 1] == '\n') {
      break;
    }
  }
  return p;
}

size_t tag_end(const std::string& s, size_t p) {
  if (p + 1 >= s.size()) return p;
  const unsigned char c = static_cast<unsigned char>(s[p + 1]);
  if (!std::isalpha(c) && c != '/' && c != '!' && c != '?') return p;
  char quote = 0;
  for (size_t q = p + 1; q < s.size(); ++q) {
    if (quote) {
      if (s[q] == quote) quote = 0;
    } else if (s[q] == '"' || s[q] == '\'') {
      quote = s[q];
    } else if (s[q] == '>') {
      return q + 1;
    } else if (s[q] == '<') {
      return p;
    }
  }
  return p;
}

// Code spans, link destinations and tags (when skipped) in a paragraph's text, swapped for placeholders as
// Python-Markdown's stash does, so syntax around them (==a `b` c==) still pairs up. Each line
// of a span gets its own placeholder: the line breaks stay where they were.
struct Stash {
  std::vector<std::string> parts;

  void put(const std::string& text, size_t from, size_t to, std::string& out) {
    for (size_t p = from; p < to;) {
      const size_t nl = std::min(text.find('\n', p), to);
      if (nl > p) {
        out += '\x02' + std::to_string(parts.size()) + '\x03';
        parts.push_back(text.substr(p, nl - p));
      }
      if (nl < to) out += '\n';
      p = nl + 1;
    }
  }

  std::string restore(const std::string& text) const {
    std::string out;
    for (size_t p = 0; p < text.size();) {
      const size_t open = text.find('\x02', p);
      const size_t close = open == std::string::npos ? open : text.find('\x03', open);
      const std::string index = close == std::string::npos ? "" : text.substr(open + 1, close - open - 1);
      const bool ours = !index.empty() && index.size() < 10 &&
                        index.find_first_not_of("0123456789") == std::string::npos && std::stoul(index) < parts.size();
      if (!ours) {
        out.append(text, p, open == std::string::npos ? std::string::npos : open + 1 - p);
        p = open == std::string::npos ? text.size() : open + 1;
        continue;
      }
      out.append(text, p, open - p);
      out += parts[std::stoul(index)];
      p = close + 1;
    }
    return out;
  }
};

// Hands one paragraph (its lines joined, code and tags stashed) to `rewrite`.
void rewrite_text(std::string& text, const std::vector<int>& lines, bool skip_tags,
                  const std::function<void(Prose&)>& rewrite) {
  Prose prose{{}, lines};
  Stash stash;
  size_t start = 0;
  for (size_t p = 0; p < text.size();) {
    size_t end = p;
    if (text[p] == '`' && !is_escaped(text, p)) end = code_span_end(text, p);
    if (skip_tags && text[p] == '<' && !is_escaped(text, p)) end = tag_end(text, p);
    if (text[p] == '(') end = destination_end(text, p);
    if (end == p) {  // not code or a tag; a run of unpaired backticks stays text
      p = text[p] == '`' ? std::min(text.find_first_not_of('`', p), text.size()) : p + 1;
      continue;
    }
    prose.text.append(text, start, p - start);
    stash.put(text, p, end, prose.text);
    start = p = end;
  }
  prose.text.append(text, start, std::string::npos);
  const size_t breaks = std::count(text.begin(), text.end(), '\n');
  rewrite(prose);
  if (static_cast<size_t>(std::count(prose.text.begin(), prose.text.end(), '\n')) == breaks)
    text = stash.restore(prose.text);
}

}  // namespace

bool list_item(const std::string& s) {
  size_t i = s.find_first_not_of(' ');
  if (i == std::string::npos) return false;
  if (s[i] == '-' || s[i] == '*' || s[i] == '+') return i + 1 == s.size() || s[i + 1] == ' ';
  const size_t digits = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > digits && i < s.size() && (s[i] == '.' || s[i] == ')') && (i + 1 == s.size() || s[i + 1] == ' ');
}

// A paragraph starting at lines[i] indented four or more is code, unless it continues a list
// item above it. The look back is bounded, so a page of indented lines stays linear.
bool indented_code(const Lines& lines, size_t i) {
  const size_t indent = indent_of(lines[i].text);
  if (indent < 4) return false;
  constexpr size_t kLookBack = 1000;
  for (size_t k = i; k-- > 0 && i - k <= kLookBack;) {
    if (blank(lines[k].text) || indent_of(lines[k].text) >= indent) continue;
    return !list_item(lines[k].text);
  }
  return true;
}

int Prose::line_of(size_t pos) const {
  const size_t n = std::count(text.begin(), text.begin() + static_cast<long>(std::min(pos, text.size())), '\n');
  return n < lines.size() ? lines[n] : (lines.empty() ? 0 : lines.back());
}

bool is_escaped(const std::string& s, size_t i) {
  size_t n = 0;
  while (i > n && s[i - n - 1] == '\\') ++n;
  return n % 2 == 1;
}

std::string literal_markdown(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::ispunct(static_cast<unsigned char>(c))) out += '\\';
    out += c;
  }
  return out;
}

void for_each_prose(Lines& lines, bool skip_html_tags, const std::function<void(Prose&)>& rewrite) {
  FenceTracker fence;
  std::vector<size_t> para;
  bool code = false;
  auto flush = [&] {
    if (!para.empty() && !code) {
      std::string text;
      std::vector<int> numbers;
      for (size_t k : para) (text += lines[k].text) += '\n', numbers.push_back(lines[k].source_line);
      text.pop_back();
      rewrite_text(text, numbers, skip_html_tags, rewrite);
      size_t from = 0;
      for (size_t k : para) {
        const size_t nl = std::min(text.find('\n', from), text.size());
        lines[k].text = text.substr(from, nl - from);
        from = nl + 1;
      }
    }
    para.clear();
    code = false;
  };
  std::string raw_end;  // inside a script, style, pre or comment block: until this marker
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& text = lines[i].text;
    if (raw_end.empty() && !fence.open()) raw_end = raw_block_end(text);  // may interrupt a paragraph
    if (!raw_end.empty()) {
      flush();
      if (contains_lower(text, raw_end)) raw_end.clear();
      continue;
    }
    if (fence.feed(text, lines[i].source_line) || blank(text) || (para.empty() && link_definition(text))) {
      flush();
      continue;
    }
    if (para.empty()) code = indented_code(lines, i);
    para.push_back(i);
  }
  flush();
}

}  // namespace book
