// Python-Markdown's admonitions and pymdownx.details, which MkDocs textbooks rely on:
//   !!! type "Title"      admonition            <div class="admonition type">
//   ??? type "Title"      collapsed details     <details class="type">
//   ???+ type "Title"     open details          <details class="type" open>
// Bodies are indented four spaces and may nest; a block with no indented body is empty (a
// warning) and the lines after it are ordinary text, as in MkDocs. Fed to cmark unchanged, a body after a
// blank line would be an indented code block; here it is dedented and framed by HTML block
// lines that each end at a blank line, so cmark parses the body as Markdown.
#include <cctype>
#include <regex>

#include "extension.hpp"
#include "line_pass.hpp"
#include "line_regex.hpp"
#include "text.hpp"

namespace book {
namespace {

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// Types are classes, lowercased as Python-Markdown does: `!!! Note` is styled as a note.
std::string lowercased(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A cheap test before the regex: most lines of a page are prose.
bool starts_marker(const std::string& s) {
  const size_t i = s.find_first_not_of(' ');
  return i != std::string::npos && (s.compare(i, 3, "!!!") == 0 || s.compare(i, 3, "???") == 0);
}

struct Marker {
  size_t indent;
  std::string kind;   // "!!!", "???" or "???+"
  std::string types;  // "note", "question inline end"
  std::string title;  // Markdown; the capitalized first type when not given
  int line;
};

// The block as HTML block lines around its (already transformed) body.
void emit(const Marker& m, Lines& body, int last_line, Lines& out) {
  const std::string pad(m.indent, ' ');
  if (m.kind == "!!!") {
    std::string open = pad + "<div class=\"admonition " + escape_html(m.types) + "\">";
    if (!m.title.empty()) open += "<p class=\"admonition-title\">" + inline_html(m.title) + "</p>";
    out.push_back({open, m.line});
  } else {
    out.push_back({pad + "<details class=\"" + escape_html(m.types) + "\"" + (m.kind == "???+" ? " open" : "") +
                       "><summary>" + inline_html(m.title) + "</summary>",
                   m.line});
  }
  out.push_back({"", m.line});
  for (auto& b : body) out.push_back({b.text.empty() ? std::string() : pad + b.text, b.source_line});
  out.push_back({"", last_line});
  out.push_back({pad + (m.kind == "!!!" ? "</div>" : "</details>"), last_line});
  out.push_back({"", last_line});  // so an unindented line right after is Markdown again
}

class Admonitions : public Extension {
 public:
  const char* name() const override { return "admonition"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    for (auto& l : lines) l.text = expand_leading_tabs(l.text);
    lines = transform(lines, ctx, 0);
  }

  // Deeper nesting is never meant, and each level copies its body: bound the work.
  static constexpr int kMaxDepth = 32;

 private:
  // marker, type words, optional "title"
  const LineRegex marker_{
      R"re(^( *)(!!!|\?\?\?\+?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)*)?[ \t]*(?:"(.*)")?[ \t]*$)re"};

  bool parse_marker(const Line& line, Marker& m) const {
    std::smatch r;
    if (!starts_marker(line.text) || !std::regex_match(line.text, r, marker_.on(line.text))) return false;
    m = {static_cast<size_t>(r[1].length()),
         r[2],
         r[3].matched ? lowercased(r[3]) : std::string(),
         {},
         line.source_line};
    m.title = r[4].matched ? std::string(r[4]) : capitalized(m.types.substr(0, m.types.find_first_of(" \t")));
    return true;
  }

  // Returns the index after the block, or i when the marker is kept as text (with a message).
  size_t block(const Lines& in, size_t i, const Marker& m, PageContext& ctx, int depth, Lines& out) {
    const std::string& file = ctx.shown_file;
    if (m.types.empty()) {
      ctx.diags.error(file, m.line, "\"" + m.kind + "\" needs a type, e.g. " + m.kind + " note \"Title\"");
      return i;
    }
    const size_t last_body = indented_body_end(in, i, m.indent);
    if (last_body == i) {  // as in MkDocs: an empty block, then the lines after it as usual
      ctx.diags.warning(file, m.line,
                        "\"" + m.kind + " " + m.types +
                            "\" has no indented content, so it is shown empty; indent its text four spaces more "
                            "than the marker");
      Lines none;
      emit(m, none, m.line, out);
      return i + 1;
    }
    if (depth >= kMaxDepth) {
      ctx.diags.error(file, m.line,
                      "blocks nested more than " + std::to_string(kMaxDepth) + " deep; flatten the nesting");
      out.insert(out.end(), in.begin() + static_cast<long>(i), in.begin() + static_cast<long>(last_body) + 1);
      return last_body + 1;
    }
    Lines body;
    for (size_t k = i + 1; k <= last_body; ++k)
      body.push_back({blank(in[k].text) ? std::string() : in[k].text.substr(m.indent + 4), in[k].source_line});
    body = transform(body, ctx, depth + 1);
    emit(m, body, in[last_body].source_line, out);
    return last_body + 1;
  }

  Lines transform(const Lines& in, PageContext& ctx, int depth) {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < in.size();) {
      Marker m;
      const size_t next =
          fence.feed(in[i].text, in[i].source_line) || !parse_marker(in[i], m) ? i : block(in, i, m, ctx, depth, out);
      if (next == i)
        out.push_back(in[i++]);
      else
        i = next;
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extension> make_admonition_extension() {
  return std::make_unique<Admonitions>();
}

}  // namespace book
