// pymdownx.arithmatex with generic: true, as Material recommends: math stays TeX in the page,
// wrapped the way KaTeX's loader (site/assets/math.js) finds it:
//   $...$  \(...\)                   <span class="arithmatex">\(...\)</span>
//   $$...$$  \[...\]  \begin{env}...  <div class="arithmatex">\[...\]</div>  (a paragraph of its own)
// Not inside code. A page with math gets needs "math": the theme loads KaTeX only there.
//
// One deliberate difference from MkDocs: a closing $ right before a digit does not close math
// (Pandoc's rule), so "$35-$80" is money, not math. pymdownx turns it into
// <span class="arithmatex">\(35-\)</span>80, which no author means.
#include <cctype>

#include "data_dir.hpp"
#include "extension.hpp"
#include "fence.hpp"
#include "inline_pass.hpp"
#include "line_pass.hpp"

namespace book {
namespace {

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Math inside a raw HTML block: cmark copies it as it is, so HTML specials are escaped, and
// what later source passes read as syntax (emoji colons, ==mark==, ^, ~, $, attr_list braces)
// becomes character references, which the browser shows as the same characters.
std::string block_text(const std::string& math) {
  std::string out;
  for (char c : math) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case ':':
      case '=':
      case '^':
      case '~':
      case '$':
      case '{':
      case '}': out += "&#" + std::to_string(static_cast<int>(c)) + ";"; break;
      default: out += c;
    }
  }
  return out;
}

// The TeX of a paragraph that is display math only, or false.
bool display_math(const std::string& para, std::string& tex) {
  auto inner = [&](const std::string& open, const std::string& close) {
    if (para.size() < open.size() + close.size() + 1 || !starts_with(para, open) || !ends_with(para, close))
      return false;
    tex = para.substr(open.size(), para.size() - open.size() - close.size());
    return true;
  };
  if (inner("$$", "$$") || inner("\\[", "\\]")) return true;
  if (!starts_with(para, "\\begin{")) return false;
  const size_t brace = para.find('}');
  if (brace == std::string::npos) return false;
  const std::string end = "\\end{" + para.substr(7, brace - 7) + "}";
  tex = para;
  return ends_with(para, end);
}

// Inline math in one prose piece, rewritten to raw HTML around literal text.
class InlineMath {
 public:
  explicit InlineMath(const std::string& s) : s_(s), last_close_(s.rfind("\\)")) {}

  // True with [open, end) and the TeX when math starts at p.
  bool at(size_t p, size_t& end, std::string& tex) const {
    if (s_[p] == '$') return dollar(p, end, tex);
    if (s_[p] == '\\' && p + 1 < s_.size() && s_[p + 1] == '(') return round(p, end, tex);
    return false;
  }

 private:
  const std::string& s_;
  size_t last_close_;  // of the last "\)"

  // $tex$: no space inside either dollar, and the closing one not followed by a digit.
  bool dollar(size_t p, size_t& end, std::string& tex) const {
    if (p + 1 >= s_.size() || std::isspace(static_cast<unsigned char>(s_[p + 1])) || s_[p + 1] == '$') return false;
    size_t q = p + 1;
    while (q < s_.size() && s_[q] != '$') q += s_[q] == '\\' ? 2 : 1;
    if (q >= s_.size() || std::isspace(static_cast<unsigned char>(s_[q - 1]))) return false;
    if (q + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[q + 1]))) return false;
    tex = s_.substr(p + 1, q - p - 1);
    end = q + 1;
    return true;
  }

  bool round(size_t p, size_t& end, std::string& tex) const {
    if (last_close_ == std::string::npos || last_close_ < p + 2) return false;  // keeps many \( linear
    for (size_t q = p + 2; q + 1 < s_.size(); ++q) {
      if (s_[q] != '\\') continue;
      if (s_[q + 1] == ')') {
        if (q == p + 2) return false;
        tex = s_.substr(p + 2, q - p - 2);
        end = q + 2;
        return true;
      }
      ++q;  // an escaped character, as in \\ or \{
    }
    return false;
  }
};

class Arithmatex : public Extension {
 public:
  explicit Arithmatex(std::filesystem::path katex) : katex_(std::move(katex)) {}
  const char* name() const override { return "pymdownx.arithmatex"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    bool found = display_blocks(lines);
    for_each_prose(lines, false, [&](Prose& piece) { found |= inline_math(piece.text); });
    if (found) ctx.page.needs.insert("math");
  }

  void site_assets(std::vector<std::pair<std::string, std::filesystem::path>>& out) const override {
    std::error_code ec;
    if (!std::filesystem::is_directory(katex_, ec)) return;
    for (const auto& e : std::filesystem::recursive_directory_iterator(katex_, ec))
      if (e.is_regular_file())
        out.push_back({"assets/katex/" + e.path().lexically_relative(katex_).generic_string(), e.path()});
  }

 private:
  std::filesystem::path katex_;

  static bool inline_math(std::string& s) {
    std::string out;
    bool found = false;
    const InlineMath math(s);
    for (size_t p = 0; p < s.size();) {
      size_t end = p;
      std::string tex;
      if (s[p] == '\\' && !(p + 1 < s.size() && s[p + 1] == '(')) {
        out.append(s, p, 2);  // an escape: "\$" is a dollar
        p += 2;
      } else if (math.at(p, end, tex)) {
        out += "<span class=\"arithmatex\">" + literal_markdown("\\(" + tex + "\\)") + "</span>";
        found = true;
        p = end;
      } else {
        out += s[p++];
      }
    }
    s = std::move(out);
    return found;
  }

  // Paragraphs that are display math only become one raw HTML block each, line for line.
  static bool display_blocks(Lines& lines) {
    bool found = false;
    FenceTracker fence;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (fence.feed(lines[i].text, lines[i].source_line) || blank(lines[i].text)) continue;
      if (i > 0 && !blank(lines[i - 1].text)) continue;
      size_t end = i;
      while (end < lines.size() && !blank(lines[end].text)) ++end;
      const size_t indent = indent_of(lines[i].text);
      std::string para;
      for (size_t k = i; k < end; ++k) para += (k > i ? "\n" : "") + lines[k].text;
      para = para.substr(indent);
      while (!para.empty() && para.back() == ' ') para.pop_back();
      std::string tex;
      if (indented_code(lines, i) || !display_math(para, tex)) continue;
      const std::string html =
          std::string(indent, ' ') + "<div class=\"arithmatex\">\\[" + block_text(tex) + "\\]</div>";
      size_t from = 0;
      for (size_t k = i; k < end; ++k) {
        const size_t nl = std::min(html.find('\n', from), html.size());
        lines[k].text = html.substr(from, nl - from);
        from = nl + 1;
      }
      found = true;
      i = end - 1;
    }
    return found;
  }
};

}  // namespace

std::unique_ptr<Extension> make_arithmatex_extension() {
  return std::make_unique<Arithmatex>(data_dir() / "assets" / "katex");
}

}  // namespace book
