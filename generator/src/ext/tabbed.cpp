// pymdownx.tabbed with alternate_style, as Material textbooks use it:
//   === "Python"
//       body, indented four spaces
//   === "C"
//       another body
// Consecutive tabs (blank lines between are fine) form one set; `===!` starts a new set and
// `===+` (newer pymdownx) marks the tab shown first. The markup is pymdownx's: one radio input
// per tab, then the labels, then the bodies, so the theme's CSS shows the checked tab's body
// without JavaScript, and the radio group gives arrow-key navigation between tabs for free.
// Only the alternate style's markup is made (alternate_style: false books get it too: the
// theme styles that one). Bodies are dedented and framed by HTML block lines that end at blank lines (as admonitions
// do), so cmark parses them as Markdown.
#include <regex>

#include "extension.hpp"
#include "line_pass.hpp"
#include "line_regex.hpp"
#include "text.hpp"

namespace book {
namespace {

struct Tab {
  size_t indent = 0;
  bool new_set = false;   // "===!"
  bool selected = false;  // "===+"
  std::string label;      // Markdown
  int line = 0;
  Lines body;
  int last_line = 0;
};

bool starts_marker(const std::string& s) {
  const size_t i = s.find_first_not_of(' ');
  return i != std::string::npos && s.compare(i, 3, "===") == 0;
}

class Tabbed : public Extension {
 public:
  const char* name() const override { return "pymdownx.tabbed"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    int sets = 0;  // per page: ids are __tabbed_<set>_<tab>, numbered in document order
    lines = transform(lines, ctx, 0, sets);
  }

  static constexpr int kMaxDepth = 32;  // each level copies its body: bound the work

 private:
  const LineRegex marker_{R"re(^( *)===([!+]{0,2})[ \t]+"(.*)"[ \t]*$)re"};

  bool parse_marker(const Line& line, Tab& t) const {
    std::smatch r;
    if (!starts_marker(line.text) || !std::regex_match(line.text, r, marker_.on(line.text))) return false;
    t = Tab{};
    t.indent = static_cast<size_t>(r[1].length());
    t.new_set = r[2].str().find('!') != std::string::npos;
    t.selected = r[2].str().find('+') != std::string::npos;
    t.label = r[3];
    t.line = line.source_line;
    return true;
  }

  // Reads one tab at in[i] (its marker already parsed into t); returns the index after it.
  size_t read_tab(const Lines& in, size_t i, Tab& t, PageContext& ctx, int depth, int& sets) {
    const size_t last = indented_body_end(in, i, t.indent);
    for (size_t k = i + 1; k <= last; ++k)
      t.body.push_back({blank(in[k].text) ? std::string() : in[k].text.substr(t.indent + 4), in[k].source_line});
    t.last_line = in[last].source_line;
    if (depth >= kMaxDepth)
      ctx.diags.error(ctx.shown_file, t.line,
                      "tabs nested more than " + std::to_string(kMaxDepth) + " deep; flatten the nesting");
    else
      t.body = transform(t.body, ctx, depth + 1, sets);
    return last + 1;
  }

  // The set starting at in[i]: this tab and the ones that follow at the same indent.
  size_t read_set(const Lines& in, size_t i, Tab first, PageContext& ctx, int depth, int& sets, Lines& out) {
    const int set = ++sets;
    std::vector<Tab> tabs{std::move(first)};
    size_t next = read_tab(in, i, tabs.back(), ctx, depth, sets);
    for (;;) {
      size_t k = next;
      while (k < in.size() && blank(in[k].text)) ++k;
      Tab t;
      if (k >= in.size() || !parse_marker(in[k], t) || t.indent != tabs[0].indent || t.new_set) break;
      tabs.push_back(std::move(t));
      next = read_tab(in, k, tabs.back(), ctx, depth, sets);
    }
    emit(set, tabs, out);
    return next;
  }

  static void emit(int set, std::vector<Tab>& tabs, Lines& out) {
    const std::string pad(tabs[0].indent, ' '), id = "__tabbed_" + std::to_string(set) + "_";
    size_t checked = 0;
    for (size_t t = 0; t < tabs.size(); ++t)
      if (tabs[t].selected) checked = t;
    std::string head = pad + "<div class=\"tabbed-set tabbed-alternate\" data-tabs=\"" + std::to_string(set) + ":" +
                       std::to_string(tabs.size()) + "\">";
    for (size_t t = 0; t < tabs.size(); ++t)
      head += std::string("<input ") + (t == checked ? "checked=\"checked\" " : "") + "id=\"" + id +
              std::to_string(t + 1) + "\" name=\"__tabbed_" + std::to_string(set) + "\" type=\"radio\" />";
    head += "<div class=\"tabbed-labels\">";
    for (size_t t = 0; t < tabs.size(); ++t)
      head += "<label for=\"" + id + std::to_string(t + 1) + "\">" + inline_html(tabs[t].label) + "</label>";
    out.push_back({head + "</div>", tabs[0].line});
    out.push_back({pad + "<div class=\"tabbed-content\">", tabs[0].line});
    for (auto& tab : tabs) {
      out.push_back({pad + "<div class=\"tabbed-block\">", tab.line});
      out.push_back({"", tab.line});
      for (auto& b : tab.body) out.push_back({b.text.empty() ? std::string() : pad + b.text, b.source_line});
      out.push_back({"", tab.last_line});
      out.push_back({pad + "</div>", tab.last_line});
    }
    out.push_back({pad + "</div>", tabs.back().last_line});
    out.push_back({pad + "</div>", tabs.back().last_line});
    out.push_back({"", tabs.back().last_line});  // ends the HTML block before what follows
  }

  Lines transform(const Lines& in, PageContext& ctx, int depth, int& sets) {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < in.size();) {
      Tab t;
      if (fence.feed(in[i].text, in[i].source_line) || !parse_marker(in[i], t))
        out.push_back(in[i++]);
      else
        i = read_set(in, i, std::move(t), ctx, depth, sets, out);
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extension> make_tabbed_extension() {
  return std::make_unique<Tabbed>();
}

}  // namespace book
