// Python-Markdown's md_in_html: Markdown inside an HTML element marked `markdown` (also
// ="1", ="block", ="span"), on any element but the raw ones (pre, script, ...). cmark would
// take the whole element as raw HTML; here the open and close tags become HTML block lines
// of their own, so cmark parses what is between. Elements whose content Python-Markdown
// parses as one run of inline text (p, summary, td, ... or markdown="span") get no <p>
// around it: their content is one paragraph, which the core writes under the element's tag.
//
// Also as in Python-Markdown: a raw HTML element complete on one line (`<iframe ...></iframe>`,
// `<summary>Title</summary>`) ends there, so Markdown on the next line is Markdown. cmark
// would run the HTML block on to the next blank line.
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <regex>
#include <set>

#include "elements.hpp"
#include "extension.hpp"
#include "line_pass.hpp"
#include "line_regex.hpp"

namespace book {
namespace {

// Python-Markdown's md_in_html: block-level tags whose content is parsed as inline text only,
// and those whose content is never parsed.
const std::set<std::string> kSpanTags = {"address", "dd",     "dt", "h1", "h2",      "h3", "h4", "h5",
                                         "h6",      "legend", "li", "p",  "summary", "td", "th"};
const std::set<std::string> kRawTags = {"canvas", "math", "option", "pre", "script", "style", "textarea"};

// CommonMark's HTML block start condition 6: these tags start a block that runs to a blank line.
const std::set<std::string> kBlockTags = {
    "address",  "article",    "aside",  "base",    "basefont", "blockquote", "body",     "caption",  "center",
    "col",      "colgroup",   "dd",     "details", "dialog",   "dir",        "div",      "dl",       "dt",
    "fieldset", "figcaption", "figure", "footer",  "form",     "frame",      "frameset", "h1",       "h2",
    "h3",       "h4",         "h5",     "h6",      "head",     "header",     "hr",       "html",     "iframe",
    "legend",   "li",         "link",   "main",    "menu",     "menuitem",   "nav",      "noframes", "ol",
    "optgroup", "option",     "p",      "param",   "section",  "source",     "summary",  "table",    "tbody",
    "td",       "tfoot",      "th",     "thead",   "title",    "tr",         "track",    "ul"};

// Marks an element in span mode on its open line, for the tree pass.
const std::string kSpanMark = "<!--md_in_html:span-->";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

size_t count_matches(const std::string& t, const LineRegex& re) {
  return static_cast<size_t>(std::distance(std::sregex_iterator(t.begin(), t.end(), re.on(t)), {}));
}

// The line holding the matching close tag, counting nested tags of the same name from the
// text after the open tag (`rest`, which may close it on the same line); npos if none.
size_t matching_close(const Lines& lines, size_t open, const std::string& tag, const std::string& rest) {
  const LineRegex open_same("<" + tag + R"((\s|>))"), close_same("</" + tag + R"(\s*>)");
  long depth =
      1 + static_cast<long>(count_matches(rest, open_same)) - static_cast<long>(count_matches(rest, close_same));
  if (depth <= 0) return open;
  for (size_t k = open + 1; k < lines.size(); ++k) {
    const std::string& t = lines[k].text;
    depth += static_cast<long>(count_matches(t, open_same)) - static_cast<long>(count_matches(t, close_same));
    if (depth <= 0) return k;
  }
  return std::string::npos;
}

// Inner lines lose their common indentation so they are not read as code; in span mode the
// blank lines go too, so the content stays one paragraph.
void push_inner(const Lines& inner, size_t pad, bool span, Lines& out) {
  size_t common = std::string::npos;
  for (const auto& l : inner)
    if (!blank(l.text)) common = std::min(common, indent_of(l.text));
  for (const auto& l : inner) {
    if (blank(l.text) && span) continue;
    out.push_back({blank(l.text) ? std::string() : std::string(pad, ' ') + l.text.substr(common), l.source_line});
  }
}

// `<tag ...>...</tag>` alone on a line, for a tag that starts a CommonMark HTML block.
bool one_line_block_element(const std::string& s) {
  const size_t lt = s.find_first_not_of(' ');
  if (lt == std::string::npos || lt > 3 || s[lt] != '<') return false;
  const size_t name_end = s.find_first_of(" \t/>", lt + 1);
  if (name_end == std::string::npos || name_end == lt + 1) return false;
  const std::string tag = lower(s.substr(lt + 1, name_end - lt - 1));
  const size_t end = s.find_last_not_of(" \t");
  const std::string close = "</" + tag + ">";
  return kBlockTags.count(tag) && end + 1 >= close.size() &&
         lower(s.substr(end + 1 - close.size(), close.size())) == close && s.find('>') < end + 1 - close.size();
}

void end_one_line_elements(Lines& lines) {
  Lines out;
  FenceTracker fence;
  for (size_t i = 0; i < lines.size(); ++i) {
    out.push_back(lines[i]);
    if (fence.feed(lines[i].text, lines[i].source_line) || (i > 0 && !blank(lines[i - 1].text))) continue;
    if (i + 1 == lines.size() || blank(lines[i + 1].text)) continue;
    const size_t next = lines[i + 1].text.find_first_not_of(' ');
    if (lines[i + 1].text[next] != '<' && one_line_block_element(lines[i].text))
      out.push_back({"", lines[i].source_line});
  }
  lines = std::move(out);
}

class MarkdownInHtml : public Extension {
 public:
  const char* name() const override { return "md_in_html"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    lines = transform(lines, ctx, 0);
    end_one_line_elements(lines);
  }

  // A span-mode element is its content's paragraph under the element's tag: the open and
  // close lines go, and the core writes the paragraph as that element.
  void tree(cmark_node* root, PageContext& ctx) override {
    std::vector<cmark_node*> marked;
    const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      const cmark_node_type type = cmark_node_get_type(n);
      if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) &&
          std::strstr(cmark_node_get_literal(n), kSpanMark.c_str()))
        marked.push_back(n);
    }
    for (cmark_node* open : marked) span_element(open, ctx);
  }

 private:
  // `open` holds the element's open line (after what ended on the lines before it); the
  // content is the next node, and the close tag starts the node after that.
  static void span_element(cmark_node* open, PageContext& ctx) {
    std::string literal = cmark_node_get_literal(open);
    const size_t mark = literal.rfind(kSpanMark), line = literal.rfind('\n', mark) + 1;  // npos + 1 == 0
    const size_t lt = literal.find('<', line), name_end = literal.find_first_of(" \t>", lt + 1);
    const std::string tag = literal.substr(lt + 1, name_end - lt - 1), close_tag = "</" + tag + ">";
    cmark_node* content = cmark_node_next(open);
    cmark_node* close = content ? cmark_node_next(content) : nullptr;
    const bool closed = cmark_node_get_type(close) == CMARK_NODE_HTML_BLOCK;  // not `text</p>`, a paragraph
    const std::string after = closed ? cmark_node_get_literal(close) : "";
    const size_t close_at = after.find_first_not_of(" \t");
    if (cmark_node_get_type(open) != CMARK_NODE_HTML_BLOCK || cmark_node_get_type(content) != CMARK_NODE_PARAGRAPH ||
        !closed || close_at == std::string::npos || after.compare(close_at, close_tag.size(), close_tag) != 0) {
      cmark_node_set_literal(open, literal.erase(mark, kSpanMark.size()).c_str());
      return;
    }
    ElementStyle& style = ctx.styles[content];
    style.tag = tag;
    style.written = literal.substr(name_end, literal.rfind('>', mark) - name_end);
    const size_t line_end = after.find('\n', close_at);
    set_literal_or_remove(close, line_end == std::string::npos ? "" : after.substr(line_end + 1));
    set_literal_or_remove(open, literal.substr(0, line));
  }

  // Deeper nesting is never meant, and each level copies its lines: bound the work.
  static constexpr int kMaxDepth = 32;

  // <tag attrs markdown attrs>rest: the attribute optionally ="1", ="block" or ="span".
  const LineRegex open_{
      R"re(^( *)<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^>]*?)?)\s+markdown(?:=("[^"]*"|'[^']*'|[^\s>]+))?((?:\s+[^>]*?)?)\s*>(.*)$)re"};

  // Elements nest: the lines inside one are transformed in turn.
  Lines transform(const Lines& lines, PageContext& ctx, int depth) const {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      std::smatch m;
      if (fence.feed(line.text, line.source_line) || depth >= kMaxDepth || line.text.find('<') == std::string::npos ||
          line.text.find("markdown") == std::string::npos || !std::regex_match(line.text, m, open_.on(line.text)) ||
          kRawTags.count(lower(m[2]))) {
        out.push_back(line);
        continue;
      }
      const size_t close = element(lines, i, m, ctx, depth, out);
      if (close == std::string::npos)
        out.push_back(line);
      else
        i = close;
    }
    return out;
  }

  // Writes the element whose open tag is lines[i]; returns its close line, or npos (with a
  // message) when it is never closed.
  size_t element(const Lines& lines, size_t i, const std::smatch& m, PageContext& ctx, int depth, Lines& out) const {
    const std::string tag = m[2], rest = m[6];
    const size_t close = matching_close(lines, i, tag, rest);
    if (close == std::string::npos) {
      ctx.diags.error(ctx.shown_file, lines[i].source_line,
                      "<" + tag + " markdown> is never closed: add </" + tag + "> on a line of its own");
      return close;
    }
    std::string value = m[4];
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'')) value = value.substr(1, value.size() - 2);
    const bool span = value == "span" || (value != "block" && kSpanTags.count(lower(tag)));
    const int line = lines[i].source_line;
    out.push_back(
        {std::string(m[1]) + "<" + tag + std::string(m[3]) + std::string(m[5]) + ">" + (span ? kSpanMark : ""), line});
    out.push_back({"", line});
    Lines inner;
    if (close == i) {  // <p markdown>text</p> on one line
      inner.push_back({rest.substr(0, rest.rfind("</")), line});
    } else {
      if (!blank(rest)) inner.push_back({rest, line});
      inner.insert(inner.end(), lines.begin() + static_cast<long>(i) + 1, lines.begin() + static_cast<long>(close));
    }
    push_inner(transform(inner, ctx, depth + 1), m[1].length(), span, out);
    out.push_back({"", lines[close].source_line});
    out.push_back(close == i ? Line{std::string(m[1]) + "</" + tag + ">", line} : lines[close]);
    return close;
  }
};

}  // namespace

std::unique_ptr<Extension> make_markdown_in_html_extension() {
  return std::make_unique<MarkdownInHtml>();
}

}  // namespace book
