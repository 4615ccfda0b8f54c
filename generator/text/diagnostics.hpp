// Every problem the generator reports carries the file and line an author can open.
// Errors stop the build (nothing is written); warnings are printed and the build goes on.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace book {

struct Diagnostic {
  enum class Severity { Warning, Error };
  Severity severity = Severity::Error;
  std::string file;  // as the author would type it (relative to the working directory)
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  std::string message;

  // "file:line: error: message", the format editors and terminals turn into links.
  std::string format() const;
};

// Collects diagnostics while a build runs, so that one build reports every broken link
// rather than the first one only.
class Diagnostics {
 public:
  void error(std::string file, int line, std::string message);
  void warning(std::string file, int line, std::string message);
  bool has_errors() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  void merge(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

// Thrown where going on makes no sense (an unreadable config, invalid UTF-8).
struct BuildError : std::runtime_error {
  Diagnostic diagnostic;
  explicit BuildError(Diagnostic d) : std::runtime_error(d.format()), diagnostic(std::move(d)) {}
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& message);

}  // namespace book
