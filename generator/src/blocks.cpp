// Block syntax from Python-Markdown that MkDocs textbooks rely on, rewritten line by line
// into CommonMark + HTML blocks before cmark parses the page:
//   !!! type "Title"      admonition            <div class="admonition type">
//   ??? type "Title"      collapsed details     <details class="type">
//   ???+ type "Title"     open details          <details class="type" open>
//   <div markdown>        Markdown inside an HTML block (md_in_html)
// Bodies are indented four spaces and may nest. Fed to cmark unchanged, a body after a
// blank line would be an indented code block; here it is dedented and framed by HTML block
// lines that each end at a blank line, so cmark parses the body as Markdown.
#include <cmark-gfm.h>

#include <cctype>
#include <cstdlib>
#include <regex>

#include "extension.hpp"
#include "fence.hpp"
#include "line_regex.hpp"
#include "text.hpp"

namespace book {
namespace {

// Leading tabs count as four columns, as in Python-Markdown.
std::string expand_leading_tabs(const std::string& s) {
  std::string out;
  size_t i = 0;
  for (; i < s.size() && (s[i] == ' ' || s[i] == '\t'); ++i)
    out.append(s[i] == '\t' ? 4 - out.size() % 4 : 1, ' ');
  return out + s.substr(i);
}

size_t indent_of(const std::string& s) {
  const size_t i = s.find_first_not_of(' ');
  return i == std::string::npos ? s.size() : i;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

// Titles are inline Markdown; render them alone and drop the paragraph around them.
std::string inline_html(const std::string& md) {
  char* html = cmark_markdown_to_html(md.data(), md.size(), CMARK_OPT_UNSAFE);
  std::string s(html);
  std::free(html);
  if (s.rfind("<p>", 0) == 0) s = s.substr(3);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  if (s.size() >= 4 && s.compare(s.size() - 4, 4, "</p>") == 0) s.resize(s.size() - 4);
  return s;
}

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// A cheap test before the regex: most lines of a page are prose.
bool starts_marker(const std::string& s) {
  const size_t i = s.find_first_not_of(' ');
  return i != std::string::npos && (s.compare(i, 3, "!!!") == 0 || s.compare(i, 3, "???") == 0);
}

class Admonitions : public Extension {
 public:
  const char* name() const override { return "admonition"; }

  void transform_lines(Lines& lines, const PageContext& ctx, Diagnostics& diags) override {
    for (auto& l : lines) l.text = expand_leading_tabs(l.text);
    lines = transform(lines, ctx, diags, 0);
  }

  // Deeper nesting is never meant, and each level copies its body: bound the work.
  static constexpr int kMaxDepth = 32;

 private:
  // marker, type words, optional "title"
  const LineRegex marker_{R"re(^( *)(!!!|\?\?\?\+?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)*)?[ \t]*(?:"(.*)")?[ \t]*$)re"};

  Lines transform(const Lines& in, const PageContext& ctx, Diagnostics& diags, int depth) {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < in.size();) {
      const Line& line = in[i];
      std::smatch m;
      if (fence.feed(line.text, line.source_line) || !starts_marker(line.text) ||
          !std::regex_match(line.text, m, marker_.on(line.text))) {
        out.push_back(line);
        ++i;
        continue;
      }
      const size_t indent = m[1].length();
      const std::string kind = m[2];
      const std::string types = m[3].matched ? std::string(m[3]) : std::string();
      if (types.empty()) {
        diags.error(ctx.shown_file, line.source_line,
                    "\"" + kind + "\" needs a type, e.g. " + kind + " note \"Title\"");
        out.push_back(line);
        ++i;
        continue;
      }
      // The body: following lines indented at least four more than the marker, and blank
      // lines between them; trailing blank lines stay outside.
      size_t end = i + 1, last_body = i;
      for (; end < in.size(); ++end) {
        if (blank(in[end].text)) continue;
        if (indent_of(in[end].text) < indent + 4) break;
        last_body = end;
      }
      if (last_body == i) {
        diags.error(ctx.shown_file, line.source_line,
                    "\"" + kind + " " + types + "\" has no content: indent its text four spaces more than the marker");
        out.push_back(line);
        ++i;
        continue;
      }
      if (depth >= kMaxDepth) {
        diags.error(ctx.shown_file, line.source_line,
                    "blocks nested more than " + std::to_string(kMaxDepth) + " deep; flatten the nesting");
        out.insert(out.end(), in.begin() + static_cast<long>(i), in.begin() + static_cast<long>(last_body) + 1);
        i = last_body + 1;
        continue;
      }
      Lines body;
      for (size_t k = i + 1; k <= last_body; ++k)
        body.push_back({blank(in[k].text) ? std::string() : in[k].text.substr(indent + 4), in[k].source_line});
      body = transform(body, ctx, diags, depth + 1);

      const std::string pad(indent, ' ');
      const std::string first_type = types.substr(0, types.find_first_of(" \t"));
      std::string title_md = m[4].matched ? std::string(m[4]) : capitalized(first_type);
      const int at = line.source_line;
      if (kind == "!!!") {
        std::string open = pad + "<div class=\"admonition " + escape_html(types) + "\">";
        if (!title_md.empty()) open += "<p class=\"admonition-title\">" + inline_html(title_md) + "</p>";
        out.push_back({open, at});
      } else {
        out.push_back({pad + "<details class=\"" + escape_html(types) + "\"" + (kind == "???+" ? " open" : "") +
                           "><summary>" + inline_html(title_md) + "</summary>", at});
      }
      out.push_back({"", at});
      for (auto& b : body) out.push_back({b.text.empty() ? std::string() : pad + b.text, b.source_line});
      out.push_back({"", in[last_body].source_line});
      out.push_back({pad + (kind == "!!!" ? "</div>" : "</details>"), in[last_body].source_line});
      i = last_body + 1;
    }
    return out;
  }
};

class MarkdownInHtml : public Extension {
 public:
  const char* name() const override { return "md_in_html"; }

  void transform_lines(Lines& lines, const PageContext& ctx, Diagnostics& diags) override {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      std::smatch m;
      if (fence.feed(line.text, line.source_line) || line.text.find('<') == std::string::npos ||
          line.text.find("markdown") == std::string::npos ||
          !std::regex_match(line.text, m, open_.on(line.text))) {
        out.push_back(line);
        continue;
      }
      const std::string tag = m[2];
      // Find the matching close tag, counting nested tags of the same name line by line.
      const LineRegex open_same("<" + tag + R"((\s|>))"), close_same("</" + tag + R"(\s*>)");
      int depth = 1;
      size_t close = i + 1;
      for (; close < lines.size(); ++close) {
        const std::string& t = lines[close].text;
        depth += static_cast<int>(std::distance(std::sregex_iterator(t.begin(), t.end(), open_same.on(t)), {}));
        depth -= static_cast<int>(std::distance(std::sregex_iterator(t.begin(), t.end(), close_same.on(t)), {}));
        if (depth <= 0) break;
      }
      if (close >= lines.size()) {
        diags.error(ctx.shown_file, line.source_line,
                    "<" + tag + " markdown> is never closed: add </" + tag + "> on a line of its own");
        out.push_back(line);
        continue;
      }
      const size_t pad = m[1].length();
      out.push_back({std::string(m[1]) + "<" + tag + std::string(m[3]) + std::string(m[4]) + ">", line.source_line});
      out.push_back({"", line.source_line});
      // Inner lines lose their common indentation so they are not read as code.
      size_t common = std::string::npos;
      for (size_t k = i + 1; k < close; ++k)
        if (!blank(lines[k].text)) common = std::min(common, indent_of(lines[k].text));
      if (common == std::string::npos) common = 0;
      for (size_t k = i + 1; k < close; ++k) {
        const std::string& t = lines[k].text;
        out.push_back({blank(t) ? std::string() : std::string(pad, ' ') + t.substr(common), lines[k].source_line});
      }
      out.push_back({"", lines[close].source_line});
      out.push_back(lines[close]);
      i = close;
    }
    lines = std::move(out);
  }

 private:
  // <tag attrs markdown attrs>, the attribute optionally ="1", ="block" or ="span".
  const LineRegex open_{R"re(^( *)<(div|section|article|aside|details|figure|blockquote)((?:\s+[^>]*?)?)\s+markdown(?:=(?:"[^"]*"|'[^']*'|\S+))?((?:\s+[^>]*?)?)\s*>\s*$)re"};
};

}  // namespace

std::unique_ptr<Extension> make_admonition_extension() { return std::make_unique<Admonitions>(); }
std::unique_ptr<Extension> make_markdown_in_html_extension() { return std::make_unique<MarkdownInHtml>(); }

Extensions default_extensions() {
  Extensions e;
  e.push_back(make_admonition_extension());
  e.push_back(make_markdown_in_html_extension());
  e.push_back(make_trace_embed_extension());
  return e;
}

}  // namespace book
