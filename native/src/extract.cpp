#include "trace/extract.hpp"

#include <cctype>
#include <set>
#include <stdexcept>

namespace trace {
namespace {

// A title that is safe as a file name in the recording folder and ends in ".c".
bool program_name(const std::string& t) {
  if (t.size() < 3 || t.compare(t.size() - 2, 2, ".c") != 0) return false;
  for (unsigned char c : t)
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

}  // namespace

std::string stem_of(const CodeBlock& block) {
  return block.info.title.substr(0, block.info.title.size() - 2);
}

std::vector<CodeBlock> extract_c_blocks(const std::string& markdown, const std::string& source) {
  int unclosed = 0;
  std::vector<CodeBlock> all = book::fenced_blocks(markdown, unclosed);
  if (unclosed) throw std::runtime_error(source + ":" + std::to_string(unclosed) + ": code block is never closed");
  std::vector<CodeBlock> programs;
  std::set<std::string> names;
  for (auto& b : all) {
    if (b.info.lang != "c" || !program_name(b.info.title)) continue;
    if (!names.insert(b.info.title).second)
      throw std::runtime_error(source + ":" + std::to_string(b.fence_line) + ": a second code block is titled " +
                               b.info.title);
    programs.push_back(std::move(b));
  }
  return programs;
}

}  // namespace trace
