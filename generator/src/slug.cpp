#include "slug.hpp"

#include <cctype>

#include "text.hpp"

namespace book {
namespace {

// The ASCII letter that NFKD leaves of an accented Latin-1 letter, or 0 if none.
char ascii_base(char32_t cp) {
  static const char* upper = "AAAAAA?CEEEEIIII?NOOOOO?OUUUUY??";  // U+00C0..U+00DF
  static const char* lower = "aaaaaa?ceeeeiiii?nooooo?ouuuuy?y";  // U+00E0..U+00FF
  char c = 0;
  if (cp >= 0xC0 && cp <= 0xDF) c = upper[cp - 0xC0];
  if (cp >= 0xE0 && cp <= 0xFF) c = lower[cp - 0xE0];
  // Æ, Ø, Ð, Þ, ß and friends do not decompose, so NFKD + ASCII drops them.
  if (c == '?' || cp == 0xC6 || cp == 0xE6 || cp == 0xD8 || cp == 0xF8) return 0;
  return c;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string slugify(std::string_view text) {
  // Keep [A-Za-z0-9_ -] and whitespace, as re.sub(r'[^\w\s-]', '') does after NFKD/ASCII.
  std::string kept;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = decode_utf8(text, i);
    char c = cp < 0x80 ? static_cast<char>(cp) : ascii_base(cp);
    if (c == 0) continue;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || is_space(c))
      kept += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // strip(), then collapse runs of separators and whitespace into one "-".
  size_t b = 0, e = kept.size();
  while (b < e && is_space(kept[b])) ++b;
  while (e > b && is_space(kept[e - 1])) --e;
  std::string slug;
  bool in_run = false;
  for (size_t i = b; i < e; ++i) {
    const char c = kept[i];
    if (c == '-' || is_space(c)) {
      if (!in_run) slug += '-';
      in_run = true;
    } else {
      slug += c;
      in_run = false;
    }
  }
  return slug;
}

std::string SlugSet::unique(std::string id) {
  while (id.empty() || used_.count(id)) {
    // "name_3" becomes "name_4"; anything else gets "_1".
    const size_t us = id.rfind('_');
    const bool numbered = us != std::string::npos && us + 1 < id.size() && id.size() - us <= 10 &&
                          id.find_first_not_of("0123456789", us + 1) == std::string::npos;
    id = numbered ? id.substr(0, us) + "_" + std::to_string(std::stoul(id.substr(us + 1)) + 1) : id + "_1";
  }
  used_.insert(id);
  return id;
}

}  // namespace book
