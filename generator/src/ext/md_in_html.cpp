// Python-Markdown's md_in_html: Markdown inside an HTML block marked `markdown` (also
// ="1", ="block", ="span"). cmark would take the whole block as raw HTML; here the open and
// close tags become HTML block lines of their own, so cmark parses what is between.
#include <algorithm>
#include <regex>

#include "extension.hpp"
#include "line_pass.hpp"
#include "line_regex.hpp"

namespace book {
namespace {

// The line holding the matching close tag, counting nested tags of the same name; npos if none.
size_t matching_close(const Lines& lines, size_t open, const std::string& tag) {
  const LineRegex open_same("<" + tag + R"((\s|>))"), close_same("</" + tag + R"(\s*>)");
  int depth = 1;
  for (size_t k = open + 1; k < lines.size(); ++k) {
    const std::string& t = lines[k].text;
    depth += static_cast<int>(std::distance(std::sregex_iterator(t.begin(), t.end(), open_same.on(t)), {}));
    depth -= static_cast<int>(std::distance(std::sregex_iterator(t.begin(), t.end(), close_same.on(t)), {}));
    if (depth <= 0) return k;
  }
  return std::string::npos;
}

// Inner lines lose their common indentation so they are not read as code.
void push_inner(const Lines& lines, size_t from, size_t to, size_t pad, Lines& out) {
  size_t common = std::string::npos;
  for (size_t k = from; k < to; ++k)
    if (!blank(lines[k].text)) common = std::min(common, indent_of(lines[k].text));
  if (common == std::string::npos) common = 0;
  for (size_t k = from; k < to; ++k) {
    const std::string& t = lines[k].text;
    out.push_back({blank(t) ? std::string() : std::string(pad, ' ') + t.substr(common), lines[k].source_line});
  }
}

class MarkdownInHtml : public Extension {
 public:
  const char* name() const override { return "md_in_html"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      std::smatch m;
      if (fence.feed(line.text, line.source_line) || line.text.find('<') == std::string::npos ||
          line.text.find("markdown") == std::string::npos || !std::regex_match(line.text, m, open_.on(line.text))) {
        out.push_back(line);
        continue;
      }
      const std::string tag = m[2];
      const size_t close = matching_close(lines, i, tag);
      if (close == std::string::npos) {
        ctx.diags.error(ctx.shown_file, line.source_line,
                        "<" + tag + " markdown> is never closed: add </" + tag + "> on a line of its own");
        out.push_back(line);
        continue;
      }
      out.push_back({std::string(m[1]) + "<" + tag + std::string(m[3]) + std::string(m[4]) + ">", line.source_line});
      out.push_back({"", line.source_line});
      push_inner(lines, i + 1, close, m[1].length(), out);
      out.push_back({"", lines[close].source_line});
      out.push_back(lines[close]);
      i = close;
    }
    lines = std::move(out);
  }

 private:
  // <tag attrs markdown attrs>, the attribute optionally ="1", ="block" or ="span".
  const LineRegex open_{
      R"re(^( *)<(div|section|article|aside|details|figure|blockquote)((?:\s+[^>]*?)?)\s+markdown(?:=(?:"[^"]*"|'[^']*'|\S+))?((?:\s+[^>]*?)?)\s*>\s*$)re"};
};

}  // namespace

std::unique_ptr<Extension> make_markdown_in_html_extension() {
  return std::make_unique<MarkdownInHtml>();
}

}  // namespace book
