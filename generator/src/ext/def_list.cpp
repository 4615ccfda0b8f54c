// Python-Markdown's def_list, when mkdocs.yml enables it:
//   Apple                 <dl>
//   :   Pomaceous fruit   <dt>Apple</dt><dd>Pomaceous fruit</dd></dl>
// Terms are the lines of the paragraph right before a `:` line (a blank line between makes
// the definition loose: its text in <p>). A definition goes on in lines indented four spaces.
// This writes them as md_in_html elements (<dt markdown="1">, <dd markdown="...">), which
// md_in_html, running next, turns into Markdown inside the tags, so links in them are
// checked and lines keep their numbers.
#include <algorithm>

#include "extension.hpp"
#include "line_pass.hpp"

namespace book {
namespace {

// `:` then one to three spaces, up to three spaces in; where its text starts.
bool definition_line(const std::string& s, size_t& text) {
  const size_t at = s.find_first_not_of(' ');
  if (at == std::string::npos || at > 3 || s[at] != ':') return false;
  const size_t t = s.find_first_not_of(' ', at + 1);
  if (t == std::string::npos || t == at + 1 || t > at + 4) return false;
  text = t;
  return true;
}

// A line of the paragraph before a definition; HTML (our own </dl> too) and headings are not.
bool term_line(const std::string& s) {
  const size_t at = s.find_first_not_of(' ');
  return at != std::string::npos && s[at] != '<' && s[at] != '#';
}

class DefList : public Extension {
 public:
  const char* name() const override { return "def_list"; }

  void block_syntax(Lines& lines, PageContext&) override {
    Lines out;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size(); ++i) {
      size_t text = 0;
      if (fence.feed(lines[i].text, lines[i].source_line) || !definition_line(lines[i].text, text)) {
        out.push_back(lines[i]);
        continue;
      }
      // The terms: the paragraph before, maybe across blank lines (then the definition is
      // loose). Right after another definition's </dl>, this one joins that list.
      const bool loose = !out.empty() && blank(out.back().text);
      size_t end = out.size(), start;
      while (end && blank(out[end - 1].text)) --end;
      for (start = end; start && term_line(out[start - 1].text);) --start;
      size_t before = start;
      while (before && blank(out[before - 1].text)) --before;
      const bool continues = before && out[before - 1].text == "</dl>";
      if (start == end && !continues) {  // nothing to define: not a definition after all
        out.push_back(lines[i]);
        continue;
      }
      const Lines terms(out.begin() + static_cast<long>(start), out.begin() + static_cast<long>(end));
      out.resize(continues ? before - 1 : start);
      i = definition(lines, i, text, terms, loose, continues, out);
    }
    lines = std::move(out);
  }

 private:
  // Writes the terms and the definition at lines[i]; returns its last line.
  static size_t definition(const Lines& lines, size_t i, size_t text, const Lines& terms, bool loose, bool continues,
                           Lines& out) {
    const int line = lines[i].source_line;
    if (!continues) out.push_back({"<dl>", terms.empty() ? line : terms.front().source_line});
    for (const auto& t : terms) out.push_back({"<dt markdown=\"1\">" + t.text + "</dt>", t.source_line});
    Lines body{{lines[i].text.substr(text), line}};
    size_t k = i + 1;
    for (; k < lines.size() && term_line(lines[k].text) && !definition_line(lines[k].text, text); ++k)
      body.push_back({lines[k].text.substr(std::min(indent_of(lines[k].text), size_t{4})), lines[k].source_line});
    for (size_t next = k; next < lines.size(); ++next) {
      if (blank(lines[next].text)) continue;
      if (indent_of(lines[next].text) < 4) break;
      for (; k <= next; ++k)
        body.push_back({blank(lines[k].text) ? "" : lines[k].text.substr(4), lines[k].source_line});
      loose = true;
    }
    out.push_back({std::string("<dd markdown=\"") + (loose ? "block" : "span") + "\">", line});
    out.insert(out.end(), body.begin(), body.end());
    out.push_back({"</dd>", body.back().source_line});
    out.push_back({"</dl>", body.back().source_line});
    out.push_back({"", body.back().source_line});
    return k - 1;
  }
};

}  // namespace

std::unique_ptr<Extension> make_def_list_extension() {
  return std::make_unique<DefList>();
}

}  // namespace book
