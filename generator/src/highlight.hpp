// Server-side syntax highlighting with tree-sitter, so pages ship no highlighting script.
// Output is one <span class="line" id="<prefix>-L<n>"> per source line (the trace diagrams
// point at these; n counts from 1 whatever number is shown) with <span class="tok-<capture>">
// tokens inside, a line number as an empty element the theme draws from its data-n (so it is
// never selected nor copied with the code) and marked lines as class "hll", as Pygments names
// them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

struct TSParser;

namespace book {

// What pymdownx.highlight lets a book (mkdocs.yml) and a block (its fence) say about lines.
struct HighlightOptions {
  bool linenums = false;         // show line numbers
  int linenums_start = 1;        // the number shown on the first line
  bool anchor_linenums = false;  // each number links to its line
  std::vector<int> hl_lines;     // lines to mark, counted from 1 within the block

  bool operator==(const HighlightOptions& o) const {
    return linenums == o.linenums && linenums_start == o.linenums_start && anchor_linenums == o.anchor_linenums &&
           hl_lines == o.hl_lines;
  }
  bool operator!=(const HighlightOptions& o) const { return !(*this == o); }
};

// pymdownx's hl_lines: numbers and ranges separated by spaces ("2 3-5"). Returns the lines in
// order; a word that is neither leaves `error` saying which (and is skipped).
std::vector<int> parse_hl_lines(std::string_view spec, std::string& error);

class Highlighter {
 public:
  Highlighter();
  ~Highlighter();
  Highlighter(const Highlighter&) = delete;
  Highlighter& operator=(const Highlighter&) = delete;

  // The grammar a fence's language word names, as Pygments names languages ("py", "sh",
  // "c++", "yml"...): "python", "bash", "cpp", "yaml"; empty when there is none.
  static std::string_view grammar(std::string_view lang);
  static bool supports(std::string_view lang) { return !grammar(lang).empty(); }

  // `code` as in the fence, trailing newline optional. A language without a grammar comes
  // out as escaped text in the same line structure. The result depends on the arguments only.
  std::string render(std::string_view code, std::string_view lang, const HighlightOptions& options,
                     const std::string& line_id_prefix);

 private:
  TSParser* parser_;
};

}  // namespace book
