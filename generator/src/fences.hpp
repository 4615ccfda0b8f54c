// Knows whether a line is inside a fenced code block, so line passes leave code alone.
#pragma once
#include <string>
#include <string_view>

namespace book {

class FenceTracker {
 public:
  // Feeds one line; returns true if the line belongs to a fence (opening, body or closing).
  bool feed(std::string_view line, int source_line) {
    size_t i = line.find_first_not_of(' ');
    if (i == std::string_view::npos) return open_;
    const char c = line[i];
    size_t run = 0;
    while (i + run < line.size() && line[i + run] == c) ++run;
    if (!open_) {
      if ((c == '`' || c == '~') && run >= 3 &&
          (c == '~' || line.find('`', i + run) == std::string_view::npos)) {
        open_ = true; ch_ = c; len_ = run; opened_at_ = source_line;
        return true;
      }
      return false;
    }
    if (c == ch_ && run >= len_ && line.find_first_not_of(" \t", i + run) == std::string_view::npos)
      open_ = false;
    return true;
  }
  bool open() const { return open_; }
  int opened_at() const { return opened_at_; }
  std::string marker() const { return std::string(len_, ch_); }

 private:
  bool open_ = false;
  char ch_ = 0;
  size_t len_ = 0;
  int opened_at_ = 0;
};

}  // namespace book
