// pymdownx.mark, pymdownx.caret and pymdownx.tilde: one rule with three characters.
//   ==text==  <mark>          (mark)
//   ^^text^^  <ins>   H^2^O  <sup>   (caret)
//   ~~text~~  <del>   H~2~O  <sub>   (tilde)
// As in pymdownx: a double pair needs no space just inside it; a single one holds no spaces
// at all. Done on source lines, before cmark: cmark-gfm's strikethrough would otherwise read
// H~2~O as deleted text. The text between stays Markdown (==**bold**== works). Not in code,
// and brackets stop a single pair, so footnote references such as [^1][^2] stay intact.
#include <cctype>

#include "extension.hpp"
#include "inline_pass.hpp"

namespace book {
namespace {

struct Rule {
  const char* name;
  char c;
  const char* double_tag;  // "mark", "ins", "del"
  const char* single_tag;  // "sup", "sub", or null when there is no single form
};

bool space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

class Delimited : public Extension {
 public:
  explicit Delimited(Rule rule) : rule_(rule) {}
  const char* name() const override { return rule_.name; }

  void block_syntax(Lines& lines, PageContext&) override {
    for_each_prose(lines, true, [&](Prose& piece) { piece.text = rewrite(piece.text); });
  }

 private:
  Rule rule_;

  // The closing pair of a double run opened at p, or npos.
  size_t double_close(const std::string& s, size_t p) const {
    const char c = rule_.c;
    if (p + 2 >= s.size() || space(s[p + 2]) || s[p + 2] == c) return std::string::npos;
    for (size_t q = p + 3; q + 1 < s.size(); ++q) {
      if (s[q] == '\\') {
        ++q;
      } else if (s[q] == c && s[q + 1] == c) {
        return space(s[q - 1]) ? std::string::npos : q;
      }
    }
    return std::string::npos;
  }

  size_t single_close(const std::string& s, size_t p) const {
    const char c = rule_.c;
    if (!rule_.single_tag || p + 1 >= s.size() || s[p + 1] == c || (p > 0 && s[p - 1] == '[')) return std::string::npos;
    for (size_t q = p + 1; q < s.size(); ++q) {
      if (s[q] == '\\') {
        ++q;
      } else if (s[q] == c) {
        return q > p + 1 && (q + 1 >= s.size() || s[q + 1] != c) ? q : std::string::npos;
      } else if (space(s[q]) || s[q] == '[' || s[q] == ']') {
        return std::string::npos;
      }
    }
    return std::string::npos;
  }

  // Left to right; the text inside a pair is scanned too, so ^^a^2^^^ nests as in pymdownx.
  std::string rewrite(const std::string& s) const {
    std::string out;
    const char c = rule_.c;
    const std::string d = rule_.double_tag, t = rule_.single_tag ? rule_.single_tag : "";
    for (size_t p = 0; p < s.size();) {
      if (s[p] == '\\') {
        out.append(s, p, 2);
        p += 2;
        continue;
      }
      size_t q = std::string::npos;
      if (s[p] == c && p + 1 < s.size() && s[p + 1] == c && (q = double_close(s, p)) != std::string::npos) {
        out += "<" + d + ">" + rewrite(s.substr(p + 2, q - p - 2)) + "</" + d + ">";
        p = q + 2;
      } else if (s[p] == c && (q = single_close(s, p)) != std::string::npos) {
        out += "<" + t + ">" + s.substr(p + 1, q - p - 1) + "</" + t + ">";
        p = q + 1;
      } else {
        out += s[p++];
      }
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extension> make_mark_extension() {
  return std::make_unique<Delimited>(Rule{"pymdownx.mark", '=', "mark", nullptr});
}
std::unique_ptr<Extension> make_caret_extension() {
  return std::make_unique<Delimited>(Rule{"pymdownx.caret", '^', "ins", "sup"});
}
std::unique_ptr<Extension> make_tilde_extension() {
  return std::make_unique<Delimited>(Rule{"pymdownx.tilde", '~', "del", "sub"});
}

}  // namespace book
