#include "fence.hpp"

#include <cctype>

#include "text.hpp"

namespace book {
namespace {

bool space(char c) {
  return c == ' ' || c == '\t';
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One token: a quoted value, or a run up to whitespace (or `stop`).
std::string read_value(std::string_view s, size_t& i, char stop) {
  if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
    const char q = s[i++];
    const size_t end = s.find(q, i);
    const std::string v(s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    i = end == std::string_view::npos ? s.size() : end + 1;
    return v;
  }
  const size_t start = i;
  while (i < s.size() && !space(s[i]) && s[i] != stop) ++i;
  return std::string(s.substr(start, i - start));
}

// key=value pairs and .classes, until the end or `stop` ('}' inside braces).
void read_attributes(std::string_view s, size_t& i, char stop, FenceInfo& out) {
  while (i < s.size() && s[i] != stop) {
    if (space(s[i])) {
      ++i;
      continue;
    }
    if (s[i] == '.' || s[i] == '#') {
      const bool cls = s[i++] == '.';
      std::string word = read_value(s, i, stop);
      if (!cls) continue;
      if (out.lang.empty())
        out.lang = lowercase(word);
      else
        out.classes.push_back(std::move(word));
      continue;
    }
    const size_t start = i;
    while (i < s.size() && !space(s[i]) && s[i] != '=' && s[i] != stop) ++i;
    const std::string key(s.substr(start, i - start));
    std::string value;
    if (i < s.size() && s[i] == '=') value = read_value(s, ++i, stop);
    if (key == "title")
      out.title = std::move(value);
    else if (!key.empty())
      out.attributes.push_back({key, std::move(value)});
  }
}

}  // namespace

std::string FenceInfo::attribute(std::string_view key, std::string fallback) const {
  for (const auto& [k, v] : attributes)
    if (k == key) return v;
  return fallback;
}

FenceInfo parse_fence_info(std::string_view info) {
  FenceInfo out;
  size_t i = 0;
  while (i < info.size() && space(info[i])) ++i;
  if (i < info.size() && info[i] == '{') {
    ++i;
    read_attributes(info, i, '}', out);
    return out;
  }
  // A first word without '=' is the language ("python", "C", "c++").
  const size_t start = i;
  while (i < info.size() && !space(info[i]) && info[i] != '{') ++i;
  const std::string_view first = info.substr(start, i - start);
  if (first.find('=') == std::string_view::npos)
    out.lang = lowercase(first);
  else
    i = start;
  read_attributes(info, i, '{', out);
  if (i < info.size() && info[i] == '{') read_attributes(info, ++i, '}', out);
  return out;
}

bool FenceTracker::feed(std::string_view line, int source_line) {
  opening_ = closing_ = false;
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) return open_;
  const char c = line[i];
  size_t run = 0;
  while (i + run < line.size() && line[i + run] == c) ++run;
  if (!open_) {
    if ((c == '`' || c == '~') && run >= 3 && (c == '~' || line.find('`', i + run) == std::string_view::npos)) {
      open_ = opening_ = true;
      ch_ = c;
      len_ = run;
      indent_ = i;
      opened_at_ = source_line;
      info_ = std::string(line.substr(i + run));
      return true;
    }
    return false;
  }
  if (c == ch_ && run >= len_ && line.find_first_not_of(" \t", i + run) == std::string_view::npos)
    open_ = false, closing_ = true;
  return true;
}

std::vector<CodeBlock> fenced_blocks(std::string_view markdown, int& unclosed) {
  std::vector<CodeBlock> blocks;
  FenceTracker fence;
  int n = 0;
  for (auto line : split_lines(markdown)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!fence.feed(line, ++n)) continue;
    if (fence.opening()) {
      blocks.push_back({parse_fence_info(fence.info()), {}, {}, n, n + 1});
    } else if (!fence.closing()) {
      // Fence indentation is removed from each code line, as CommonMark does.
      size_t strip = 0;
      while (strip < fence.indent() && strip < line.size() && line[strip] == ' ') ++strip;
      (blocks.back().code += line.substr(strip)) += '\n';
    }
  }
  unclosed = fence.open() ? fence.opened_at() : 0;
  return blocks;
}

}  // namespace book
