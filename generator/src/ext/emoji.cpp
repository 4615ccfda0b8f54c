// pymdownx.emoji as Material sets it up: ":smile:" shortcodes (twemoji) and Material's icon
// sets (":material-account:", ":fontawesome-brands-github:", ":octicons-mark-github-16:"),
// each as an inline SVG in Material's markup, <span class="twemoji"><svg ...></svg></span>,
// so pages need no CDN and no script. The SVGs come from the npm packages Material bundles
// (@twemoji/svg, @mdi/svg, @fortawesome/fontawesome-free, @primer/octicons); the shortcode
// names from pymdownx's own twemoji index, so every name that works in MkDocs works here.
// Both are read from data_dir() on first use and cached: a book may show thousands.
// Not inside code or HTML tags. An unknown shortcode is a warning and stays as text.
#include <cctype>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "data_dir.hpp"
#include "extension.hpp"
#include "inline_pass.hpp"
#include "text.hpp"

namespace book {
namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+';
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An npm SVG made fit to inline many times in a page: one line, no comments, no id (Material
// Design Icons carry id="mdi-name", which would repeat), hidden from screen readers.
std::string inline_svg(std::string svg) {
  for (size_t a; (a = svg.find("<!--")) != std::string::npos;) {
    const size_t b = svg.find("-->", a);
    svg.erase(a, b == std::string::npos ? std::string::npos : b + 3 - a);
  }
  for (char& c : svg)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  const size_t open_end = svg.find('>');
  const size_t id = svg.find(" id=\"");
  if (id != std::string::npos && id < open_end) svg.erase(id, svg.find('"', id + 5) + 1 - id);
  if (starts_with(svg, "<svg ")) svg.insert(5, "aria-hidden=\"true\" focusable=\"false\" ");
  while (!svg.empty() && svg.back() == ' ') svg.pop_back();
  return svg;
}

// "1f468-200d-1f469" -> the characters, for the emoji's accessible name.
std::string utf8_of(const std::string& codepoints) {
  std::string out;
  std::istringstream in(codepoints);
  for (std::string hex; std::getline(in, hex, '-');) {
    const unsigned long cp = std::strtoul(hex.c_str(), nullptr, 16);
    if (cp < 0x110000) append_utf8(out, static_cast<char32_t>(cp));
  }
  return out;
}

// The shortcode index and the SVGs, loaded on first use; shared by the build's threads.
class Icons {
 public:
  explicit Icons(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The markup for a shortcode name (without colons), or "" when there is none.
  std::string markup(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto hit = cache_.find(name);
    if (hit != cache_.end()) return hit->second;
    return cache_[name] = load(name);
  }

 private:
  std::filesystem::path dir_;
  std::mutex mutex_;
  bool index_read_ = false;
  std::unordered_map<std::string, std::string> twemoji_;  // name -> file stem
  std::unordered_map<std::string, std::string> cache_;

  std::string load(const std::string& name) {
    for (const char* set : {"material-", "octicons-", "fontawesome-"}) {
      if (!starts_with(name, set)) continue;
      std::string rest = name.substr(std::string(set).size());
      if (std::string(set) == "fontawesome-") {
        const size_t dash = rest.find('-');
        if (dash == std::string::npos) return {};
        rest[dash] = '/';  // fontawesome-brands-github -> brands/github
      }
      const std::string svg =
          read_text(dir_ / "icons" / std::string(set, std::string(set).size() - 1) / (rest + ".svg"));
      return svg.empty() ? std::string() : "<span class=\"twemoji\">" + inline_svg(svg) + "</span>";
    }
    read_index();
    const auto it = twemoji_.find(":" + name + ":");
    if (it == twemoji_.end()) return {};
    const std::string svg = read_text(dir_ / "icons" / "twemoji" / (it->second + ".svg"));
    if (svg.empty()) return {};
    return "<span class=\"twemoji\" role=\"img\" aria-label=\"" + utf8_of(it->second) + "\" title=\":" + name + ":\">" +
           inline_svg(svg) + "</span>";
  }

  void read_index() {
    if (index_read_) return;
    index_read_ = true;
    std::istringstream in(read_text(dir_ / "twemoji.tsv"));
    for (std::string line; std::getline(in, line);) {
      const size_t tab = line.find('\t');
      if (!line.empty() && line[0] != '#' && tab != std::string::npos)
        twemoji_[line.substr(0, tab)] = line.substr(tab + 1);
    }
  }
};

class Emoji : public Extension {
 public:
  explicit Emoji(std::filesystem::path dir) : icons_(std::move(dir)) {}
  const char* name() const override { return "pymdownx.emoji"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    for_each_prose(lines, true, [&](Prose& piece) { rewrite(piece, ctx); });
  }

 private:
  Icons icons_;

  // ":name:", not glued to a word on either side (so 10:30:45 is a time, not :30:).
  static bool shortcode_at(const std::string& s, size_t p, size_t& end) {
    if (s[p] != ':' || is_escaped(s, p) || (p > 0 && std::isalnum(static_cast<unsigned char>(s[p - 1])))) return false;
    size_t q = p + 1;
    while (q < s.size() && name_char(s[q])) ++q;
    if (q == p + 1 || q >= s.size() || s[q] != ':') return false;
    if (q + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[q + 1]))) return false;
    end = q + 1;
    return true;
  }

  void rewrite(Prose& piece, PageContext& ctx) {
    const std::string& s = piece.text;
    std::string out;
    for (size_t p = 0; p < s.size();) {
      size_t end = p;
      if (!shortcode_at(s, p, end)) {
        out += s[p++];
        continue;
      }
      const std::string name = s.substr(p + 1, end - p - 2), html = icons_.markup(name);
      if (!html.empty()) {
        out += html;
        p = end;
        continue;
      }
      ctx.diags.warning(ctx.shown_file, piece.line_of(p), "unknown emoji or icon :" + name + ": (left as text)");
      out.append(s, p, end - 1 - p);
      p = end - 1;  // its closing colon may open the next shortcode
    }
    piece.text = std::move(out);
  }
};

}  // namespace

std::unique_ptr<Extension> make_emoji_extension() {
  return std::make_unique<Emoji>(data_dir());
}

}  // namespace book
