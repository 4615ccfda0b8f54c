#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "diagnostics.hpp"

namespace book {

std::string read_file(const std::filesystem::path& path, const std::string& shown_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(shown_name, 0, std::string("cannot read file: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

char32_t decode_utf8(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  if (len == 1) {
    ++i;
    return b0;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void check_utf8(std::string_view text, const std::string& shown_name) {
  // A NUL byte anywhere means a binary file, whatever else is wrong with it: say so first.
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos)
    fail(shown_name, 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n')),
         "NUL byte in text; is this a binary file? Remove the byte or the file");
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    const size_t at = i;
    // U+FFFD written by the author decodes to U+FFFD too; only a failed decode is an error.
    if (decode_utf8(text, i) == 0xFFFD && text.substr(at, 3) != "\xEF\xBF\xBD") {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[at]));
      fail(shown_name, line,
           std::string("invalid UTF-8 (byte ") + hex + " at column " + std::to_string(at - line_start + 1) +
               "); save the file as UTF-8");
    }
  }
}

namespace {

// The byte Windows-1252 gives to a code point, or -1. Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D
// are unassigned and come through most decoders as the C1 control of the same number.
int cp1252_byte(char32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  switch (cp) {
    case 0x20AC: return 0x80;
    case 0x201A: return 0x82;
    case 0x0192: return 0x83;
    case 0x201E: return 0x84;
    case 0x2026: return 0x85;
    case 0x2020: return 0x86;
    case 0x2021: return 0x87;
    case 0x02C6: return 0x88;
    case 0x2030: return 0x89;
    case 0x0160: return 0x8A;
    case 0x2039: return 0x8B;
    case 0x0152: return 0x8C;
    case 0x017D: return 0x8E;
    case 0x2018: return 0x91;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    case 0x2022: return 0x95;
    case 0x2013: return 0x96;
    case 0x2014: return 0x97;
    case 0x02DC: return 0x98;
    case 0x2122: return 0x99;
    case 0x0161: return 0x9A;
    case 0x203A: return 0x9B;
    case 0x0153: return 0x9C;
    case 0x017E: return 0x9E;
    case 0x0178: return 0x9F;
    default: return -1;
  }
}

// Walks the text; at each position where the next characters, turned back into
// Windows-1252 bytes, form one multi-byte UTF-8 sequence, calls fix(begin, end, repaired).
template <class F>
void scan_mojibake(std::string_view text, F&& fix) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII never starts a finding
      ++i;
      continue;
    }
    const size_t begin = i;
    const int lead = cp1252_byte(decode_utf8(text, i));
    const int len = lead >= 0xC2 && lead <= 0xDF   ? 2
                    : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                   : 0;
    if (!len) continue;
    std::string bytes(1, static_cast<char>(lead));
    size_t j = i;
    for (int k = 1; k < len && j < text.size(); ++k) {
      const int b = cp1252_byte(decode_utf8(text, j));
      if (b < 0x80 || b > 0xBF) break;
      bytes += static_cast<char>(b);
    }
    size_t pos = 0;
    if (static_cast<int>(bytes.size()) == len && decode_utf8(bytes, pos) != 0xFFFD && pos == bytes.size()) {
      fix(begin, j, bytes);
      i = j;
    }
  }
}

}  // namespace

std::vector<Mojibake> find_mojibake(std::string_view text) {
  std::vector<Mojibake> found;
  size_t last_end = std::string_view::npos;
  scan_mojibake(text, [&](size_t begin, size_t end, const std::string& fixed) {
    // Adjacent garbled characters ("ðŸ§ ðŸ‘‰") are reported as one finding.
    if (!found.empty() && begin == last_end) {
      found.back().found += std::string(text.substr(begin, end - begin));
      found.back().repaired += fixed;
    } else {
      int line = 1;
      for (size_t i = 0; i < begin; ++i) line += text[i] == '\n';
      found.push_back({line, std::string(text.substr(begin, end - begin)), fixed});
    }
    last_end = end;
  });
  return found;
}

std::string repair_mojibake(std::string_view text) {
  std::string out;
  size_t copied = 0;
  scan_mojibake(text, [&](size_t begin, size_t end, const std::string& fixed) {
    out.append(text.substr(copied, begin - copied));
    out += fixed;
    copied = end;
  });
  out.append(text.substr(copied));
  return out;
}

// One definition for pages, attributes and the trace SVGs (XML): invalid UTF-8 and control
// characters, which a traced program may print, become U+FFFD rather than broken markup.
std::string escape_href(std::string_view url) {
  static const std::string_view kKept = "-_.+!*(),%#@?=;:/$~";
  std::string out;
  out.reserve(url.size());
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80)
      out += ch;
    else if (kKept.find(ch) != std::string_view::npos)
      out += ch;
    else if (ch == '&')
      out += "&amp;";
    else if (ch == '\'')
      out += "&#x27;";
    else {
      static const char kHex[] = "0123456789ABCDEF";
      ((out += '%') += kHex[c >> 4]) += kHex[c & 15];
    }
  }
  return out;
}

namespace {
// Bytes copied as they are: a table, as every byte of every page is looked up.
struct PlainBytes {
  bool plain[256];
  constexpr PlainBytes() : plain() {
    for (int c = 0; c < 0x80; ++c)
      plain[c] = (c >= 0x20 || c == '\n' || c == '\t') && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  }
};
constexpr PlainBytes kPlain{};

bool needs_no_escape(char ch) {
  return kPlain.plain[static_cast<unsigned char>(ch)];
}
}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (unsigned char c : bytes) (out += kHex[c >> 4]) += kHex[c & 15];
  return out;
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  append_escaped_html(out, s);
  return out;
}

void append_escaped_html(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Runs of text that stays as it is are copied whole: most of a page, most of a trace.
    size_t run = i;
    while (run < s.size() && needs_no_escape(s[run])) ++run;
    out.append(s.data() + i, run - i);
    if ((i = run) == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t start = i;
      if (decode_utf8(s, i) == 0xFFFD && s.substr(start, 3) != "\xEF\xBF\xBD")
        out += "\xEF\xBF\xBD";
      else
        out.append(s, start, i - start);
      continue;
    }
    ++i;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t')
          out += "\xEF\xBF\xBD";
        else
          out += static_cast<char>(c);
    }
  }
}

bool has_url_scheme(std::string_view url) {
  if (url.substr(0, 2) == "//") return true;
  // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (size_t i = 1; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c == ':') return true;
    if (!(std::isalnum(c) || c == '+' || c == '-' || c == '.')) return false;
  }
  return false;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace book
