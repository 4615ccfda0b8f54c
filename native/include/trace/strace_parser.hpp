// Reads the text strace writes with `-f -ttt [-k] -o file` into events, one per call.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "trace/model.hpp"

namespace trace {

// A line the parser does not understand. what() is "<source>:<line>: <reason>: <text>".
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& source, int line, const std::string& reason, const std::string& text);
  int line() const { return line_; }

 private:
  int line_;
};

struct ParsedStrace {
  std::vector<Event> events;       // in the order strace started them; times absolute (µs)
  std::vector<std::string> raw;    // every non-stack line, unchanged
  std::vector<int> raw_pids;       // pid of each raw line
  std::vector<int64_t> raw_times;  // absolute µs of each raw line
};

// `source` only names the input in error messages (e.g. the strace output file).
// Split calls (<unfinished ...> / <... resumed>) become one event with t_us and end_us;
// stack frames (" > ..." lines from strace -k) attach to the event they follow.
ParsedStrace parse_strace(const std::string& text, const std::string& source = "strace output");

// Splits "a, {b, c}, \"d,e\"" at top-level commas; strings and brackets kept whole.
std::vector<std::string> split_args(const std::string& args);

}  // namespace trace
