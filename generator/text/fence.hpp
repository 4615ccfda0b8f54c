// Code fences, read one way everywhere: the generator renders them and native/ compiles the
// titled C blocks of the chapter, so both must agree on where a fence starts and ends and on
// what its info string says (```C title='a.c' linenums="1" hl_lines="2 3").
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace book {

// What a fence's info string says, as Python-Markdown's fenced_code and pymdownx.superfences
// read it: a language word (or {.lang ...}), then key=value attributes in any quoting.
struct FenceInfo {
  std::string lang;                                             // lowercased: "C" and "c" are one language
  std::string title;                                            // title="..." / title='...' / title=bare
  std::vector<std::pair<std::string, std::string>> attributes;  // the others, in order (linenums, hl_lines...)
  std::vector<std::string> classes;                             // {.python .extra} beyond the first

  // The value of another attribute, or `fallback` when absent.
  std::string attribute(std::string_view key, std::string fallback = {}) const;
};

FenceInfo parse_fence_info(std::string_view info);

// A fenced code block: where it is, what its fence says and its text.
struct CodeBlock {
  FenceInfo info;
  std::string code;    // the lines, each ending in '\n', fence indentation removed
  std::string id;      // id of the block element in the page; its lines are id + "-L<n>"
  int fence_line = 0;  // source line of the opening fence
  int first_line = 0;  // source line of the first code line
};

// Knows whether a line is inside a fenced code block, so line passes leave code alone.
class FenceTracker {
 public:
  // Feeds one line; returns true if the line belongs to a fence (opening, body or closing).
  bool feed(std::string_view line, int source_line);
  bool open() const { return open_; }
  bool opening() const { return opening_; }  // the last line fed opened a fence
  bool closing() const { return closing_; }  // the last line fed closed one
  int opened_at() const { return opened_at_; }
  size_t indent() const { return indent_; }
  const std::string& info() const { return info_; }  // the open (or just closed) fence's info string
  std::string marker() const { return std::string(len_, ch_); }

 private:
  bool open_ = false, opening_ = false, closing_ = false;
  char ch_ = 0;
  size_t len_ = 0, indent_ = 0;
  int opened_at_ = 0;
  std::string info_;
};

// Every fenced block of a Markdown text, in order, with its code. Leaves `unclosed` at the
// line of a fence that never closes (0 when all close).
std::vector<CodeBlock> fenced_blocks(std::string_view markdown, int& unclosed);

}  // namespace book
