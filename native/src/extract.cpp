#include "trace/extract.hpp"

#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace trace {

std::vector<CodeBlock> extract_c_blocks(const std::string& markdown, const std::string& source) {
  static const std::regex fence_re(R"(^( *)(`{3,}|~{3,})\s*(.*)$)");
  static const std::regex title_re(R"re(title="([A-Za-z0-9_.-]+\.c)")re");
  std::vector<CodeBlock> blocks;
  std::set<std::string> names;
  std::istringstream in(markdown);
  std::string line;
  int lineno = 0;
  bool inside = false, wanted = false;
  std::string fence;
  size_t indent = 0;
  int open_line = 0;
  CodeBlock cur;
  while (std::getline(in, line)) {
    ++lineno;
    std::smatch m;
    if (!inside) {
      if (!std::regex_match(line, m, fence_re)) continue;
      inside = true;
      open_line = lineno;
      indent = m.str(1).size();
      fence = m.str(2);
      std::string info = m.str(3);
      std::smatch t;
      std::string lang = info.substr(0, info.find_first_of(" \t{"));
      wanted = (lang == "c" || lang == "C") && std::regex_search(info, t, title_re);
      cur = CodeBlock{};
      if (wanted) {
        cur.name = t.str(1);
        cur.stem = cur.name.substr(0, cur.name.size() - 2);
        cur.first_line = lineno + 1;
        if (!names.insert(cur.name).second)
          throw std::runtime_error(source + ":" + std::to_string(lineno) + ": a second code block is titled " + cur.name);
      }
      continue;
    }
    // A closing fence: same character, at least as long, nothing after it.
    size_t sp = line.find_first_not_of(' ');
    if (sp != std::string::npos && sp <= indent + 3 && line.compare(sp, fence.size(), fence) == 0 &&
        line.find_first_not_of(fence[0], sp) == std::string::npos) {
      inside = false;
      if (wanted) blocks.push_back(cur);
      continue;
    }
    if (wanted) {
      size_t strip = 0;
      while (strip < indent && strip < line.size() && line[strip] == ' ') ++strip;
      cur.code += line.substr(strip) + "\n";
    }
  }
  if (inside)
    throw std::runtime_error(source + ":" + std::to_string(open_line) + ": code block is never closed");
  return blocks;
}

}  // namespace trace
