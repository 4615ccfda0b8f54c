// Server-side syntax highlighting with tree-sitter, so pages ship no highlighting script.
// Output is one <span class="line" id="<prefix>-L<n>"> per source line (the trace diagrams
// point at these) with <span class="tok-<capture>"> tokens inside.
#pragma once
#include <string>
#include <string_view>

struct TSParser;

namespace book {

class Highlighter {
 public:
  Highlighter();
  ~Highlighter();
  Highlighter(const Highlighter&) = delete;
  Highlighter& operator=(const Highlighter&) = delete;

  static bool supports(std::string_view lang);  // c and h; others are escaped plain text

  // `code` as in the fence, trailing newline optional.
  std::string render(std::string_view code, std::string_view lang, const std::string& line_id_prefix);

 private:
  TSParser* parser_;
};

}  // namespace book
