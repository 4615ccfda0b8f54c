// Python-Markdown's footnotes, with MkDocs' markup and ids, when mkdocs.yml enables them:
//   text[^1]        <sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>
//   [^1]: note      <div class="footnote"><hr /><ol><li id="fn:1"><p>note&#160;<a
//                   class="footnote-backref" href="#fnref:1" ...>&#8617;</a></p></li>...
// Footnotes are numbered in the order they are defined; a second reference to one is
// fnref2:1. (cmark-gfm's own footnotes write fn-1/fnref-1, which MkDocs books do not link
// to.) Definitions move to the end of the page with their source lines, so their Markdown
// is rendered and link-checked like the rest; the ids are in raw HTML, which puts them
// among the page's ids.
#include <algorithm>
#include <map>

#include "extension.hpp"
#include "line_pass.hpp"
#include "text.hpp"

namespace book {
namespace {

struct Footnote {
  std::string label;
  Lines body;
  int refs = 0;  // references seen so far
};

// `[^label]:` at the start of a line (up to three spaces in); the label and where the text starts.
bool definition(const std::string& s, std::string& label, size_t& text) {
  const size_t at = s.find_first_not_of(' ');
  if (at == std::string::npos || at > 3 || s.compare(at, 2, "[^") != 0) return false;
  const size_t close = s.find(']', at + 2);
  if (close == std::string::npos || close == at + 2 || s.compare(close + 1, 1, ":") != 0) return false;
  label = s.substr(at + 2, close - at - 2);
  text = std::min(s.find_first_not_of(' ', close + 2), s.size());
  return true;
}

// The definition starting at lines[i]: its first line, lines that follow it directly, and
// after blank lines those indented four spaces. Returns the index after it.
size_t take_definition(const Lines& lines, size_t i, size_t text, Footnote& note) {
  note.body.push_back({lines[i].text.substr(text), lines[i].source_line});
  std::string label;
  size_t skip = 0, k = i + 1;
  for (; k < lines.size() && !blank(lines[k].text) && !definition(lines[k].text, label, skip); ++k)
    note.body.push_back({lines[k].text.substr(std::min(indent_of(lines[k].text), size_t{4})), lines[k].source_line});
  for (size_t next = k; next < lines.size(); ++next) {
    if (blank(lines[next].text)) continue;
    if (indent_of(lines[next].text) < 4) break;
    for (; k <= next; ++k)
      note.body.push_back({blank(lines[k].text) ? "" : lines[k].text.substr(4), lines[k].source_line});
  }
  return k;
}

std::string backref(const std::string& id, int n, int number) {
  const std::string ref = n == 1 ? "fnref:" : "fnref" + std::to_string(n) + ":";
  return "<a class=\"footnote-backref\" href=\"#" + ref + id + "\" title=\"Jump back to footnote " +
         std::to_string(number) + " in the text\">&#8617;</a>";
}

// Back-links go at the end of the note's last paragraph, or in a paragraph of their own
// after a code block.
void append_backrefs(Lines& body, const std::string& links) {
  const int line = body.back().source_line;
  if (FenceTracker().feed(body.back().text, 0) || blank(body.back().text)) {
    body.push_back({"", line});
    body.push_back({links, line});
  } else {
    body.back().text += "&#160;" + links;
  }
}

class Footnotes : public Extension {
 public:
  const char* name() const override { return "footnotes"; }

  void block_syntax(Lines& lines, PageContext&) override {
    std::vector<Footnote> notes;
    std::map<std::string, size_t> index;
    Lines body;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size();) {
      std::string label;
      size_t text = 0;
      if (fence.feed(lines[i].text, lines[i].source_line) || !definition(lines[i].text, label, text)) {
        body.push_back(lines[i++]);
        continue;
      }
      Footnote note{label, {}, 0};
      i = take_definition(lines, i, text, note);
      if (index.emplace(label, notes.size()).second) notes.push_back(std::move(note));
    }
    if (notes.empty()) return;
    fence = FenceTracker();
    for (auto& l : body)
      if (!fence.feed(l.text, l.source_line)) l.text = references(l.text, notes, index);
    append_list(notes, body);
    lines = std::move(body);
  }

 private:
  // `[^label]` outside code spans, for a defined label, becomes the reference.
  static std::string references(const std::string& s, std::vector<Footnote>& notes,
                                const std::map<std::string, size_t>& index) {
    if (s.find("[^") == std::string::npos) return s;
    std::string out;
    for (size_t i = 0; i < s.size();) {
      if (s[i] == '`') {  // a code span: copied as it is, up to the same run of backticks
        const size_t run =
            s.find_first_not_of('`', i) == std::string::npos ? s.size() - i : s.find_first_not_of('`', i) - i;
        const size_t close = s.find(s.substr(i, run), i + run);
        const size_t end = close == std::string::npos ? i + run : close + run;
        out.append(s, i, end - i);
        i = end;
        continue;
      }
      const bool at_ref = s.compare(i, 2, "[^") == 0;
      const size_t close = at_ref ? s.find(']', i + 2) : std::string::npos;
      if (at_ref && close == std::string::npos) {  // no `]` left: no reference either
        out.append(s, i, std::string::npos);
        break;
      }
      const auto it = close == std::string::npos ? index.end() : index.find(s.substr(i + 2, close - i - 2));
      if (it == index.end()) {
        out += s[i++];
        continue;
      }
      Footnote& note = notes[it->second];
      const std::string id = escape_html(note.label), number = std::to_string(it->second + 1);
      const std::string ref = ++note.refs == 1 ? "fnref:" : "fnref" + std::to_string(note.refs) + ":";
      out += "<sup id=\"" + ref + id + "\"><a class=\"footnote-ref\" href=\"#fn:" + id + "\">" + number + "</a></sup>";
      i = close + 1;
    }
    return out;
  }

  // The list at the end of the page: HTML block lines around each note's Markdown, the
  // back-links at the end of its last line.
  static void append_list(const std::vector<Footnote>& notes, Lines& out) {
    const int last = out.empty() ? 1 : out.back().source_line;
    out.push_back({"", last});
    out.push_back({"<div class=\"footnote\">", last});
    out.push_back({"<hr />", last});
    out.push_back({"<ol>", last});
    for (size_t n = 0; n < notes.size(); ++n) {
      const Footnote& note = notes[n];
      const int line = note.body.front().source_line;
      out.push_back({"<li id=\"fn:" + escape_html(note.label) + "\">", line});
      out.push_back({"", line});
      Lines body = note.body;
      while (body.size() > 1 && blank(body.back().text)) body.pop_back();
      std::string links;  // none for a note never referenced: it would point nowhere
      for (int r = 1; r <= note.refs; ++r) links += backref(escape_html(note.label), r, static_cast<int>(n) + 1);
      if (!links.empty()) append_backrefs(body, links);
      out.insert(out.end(), body.begin(), body.end());
      out.push_back({"", body.back().source_line});
      out.push_back({"</li>", body.back().source_line});
    }
    out.push_back({"</ol>", last});
    out.push_back({"</div>", last});
  }
};

}  // namespace

std::unique_ptr<Extension> make_footnotes_extension() {
  return std::make_unique<Footnotes>();
}

}  // namespace book
