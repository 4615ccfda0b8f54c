// Python-Markdown's attr_list: `{ .class #id key="value" }` (also written `{: ... }`) sets
// attributes on the element it follows:
//   ![x](a.png){ width="80" }        right after an image, link, emphasis or code span
//   ## Title { #custom-id .cls }     at the end of a heading (or table cell, after a space)
//   Text\n{: .note }                 on the last line of a paragraph
// cmark-gfm knows none of this and leaves the list as text, so this works on the rendered
// body: each list is matched where Python-Markdown accepts it, removed, and its attributes
// are added to the opening tag of the element it belongs to. A heading's id is set earlier,
// through the heading hook, so the TOC and the link checker see the author's id.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "extension.hpp"
#include "slug.hpp"
#include "text.hpp"

namespace book {
namespace {

struct Attr {
  std::string key;  // "." adds a class; "id"; anything else is set as written
  std::string value;
};

// Python-Markdown's scanner: key="v", key='v', key=v, .class, #id, or a bare word (key=key).
std::vector<Attr> parse_attrs(const std::string& s) {
  std::vector<Attr> out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    size_t end = s.find_first_of(" =", i);
    if (end != std::string::npos && s[end] == '=' && end > i) {
      const std::string key = s.substr(i, end - i);
      const char q = end + 1 < s.size() ? s[end + 1] : ' ';
      const size_t close = q == '"' || q == '\'' ? s.find(q, end + 2) : std::string::npos;
      if (close != std::string::npos) {
        out.push_back({key, s.substr(end + 2, close - end - 2)});
        i = close + 1;
        continue;
      }
      const size_t vend = std::min(s.find_first_of(" =", end + 1), s.size());
      if (vend > end + 1) out.push_back({key, s.substr(end + 1, vend - end - 1)});
      i = vend;
      continue;
    }
    end = std::min(s.find_first_of(" =", i + 1), s.size());
    const std::string word = s.substr(i, end - i);
    if (word[0] == '.')
      out.push_back({".", word.substr(1)});
    else if (word[0] == '#')
      out.push_back({"id", word.substr(1)});
    else if (word[0] != '=')
      out.push_back({word, word});
    i = end;
  }
  return out;
}

// An attribute list starting at s[i]: `{`, an optional `:`, spaces, text without `}` or a
// newline, `}`. Returns the index after it (npos: none) and its inside, trimmed. `close` is
// the first `}` or newline after i (npos: none), found once for a run of `{`s.
size_t match_list(const std::string& s, size_t i, std::string* inside, size_t close) {
  if (i >= s.size() || s[i] != '{') return std::string::npos;
  size_t j = i + 1;
  if (j < s.size() && s[j] == ':') ++j;
  while (j < s.size() && s[j] == ' ') ++j;
  if (close == std::string::npos || close < j || s[close] != '}' || close == j) return std::string::npos;
  if (inside) *inside = s.substr(j, s.find_last_not_of(' ', close - 1) + 1 - j);
  return close + 1;
}

// Python-Markdown's HEADER_RE: spaces, then the list, at the very end of the text.
bool split_trailing(const std::string& text, std::string& before, std::string& inside) {
  const size_t end = text.find_last_not_of(' ');
  if (end == std::string::npos || text[end] != '}') return false;
  const size_t open = text.rfind('{', end);
  if (open == std::string::npos || open == 0 || text[open - 1] != ' ') return false;
  if (match_list(text, open, &inside, text.find_first_of("}\n", open)) != end + 1) return false;
  before = text.substr(0, text.find_last_not_of(' ', open - 1) + 1);
  return true;
}

std::string unescape(const std::string& s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (const auto& [entity, ch] : kEntities)
      if (s.compare(i, std::strlen(entity), entity) == 0) {
        out += ch;
        i += std::strlen(entity);
        replaced = true;
        break;
      }
    if (!replaced) out += s[i++];
  }
  return out;
}

bool ends_with(const std::string& s, size_t end, const std::string& tail) {
  return end >= tail.size() && s.compare(end - tail.size(), tail.size(), tail) == 0;
}

// Python-Markdown's sanitize_name: what cannot be in an attribute name becomes '_'.
std::string attribute_name(std::string key) {
  for (size_t i = 0; i < key.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    const bool ok =
        std::isalpha(c) || c == '_' || c == ':' || c >= 0x80 || (i > 0 && (std::isdigit(c) || c == '-' || c == '.'));
    if (!ok) key[i] = '_';
  }
  return key;
}

// One change to the body, at a position of the body as cmark rendered it.
struct Edit {
  size_t at, erase;
  std::string insert;
  bool operator<(const Edit& o) const { return at < o.at; }
};

// Where an opening tag starts: the last `<name>` or `<name ` starting before `end`, skipping nested
// elements of the same name; npos when there is none.
size_t open_tag_before(const std::string& b, size_t end, const std::string& name) {
  int depth = 0;
  for (size_t at = end ? b.rfind('<', end - 1) : std::string::npos; at != std::string::npos;
       at = at ? b.rfind('<', at - 1) : std::string::npos) {
    const bool closing = b.compare(at + 1, 1, "/") == 0;
    const size_t n = at + 1 + closing, after = n + name.size();
    if (after >= b.size() || b.compare(n, name.size(), name) != 0 || (b[after] != '>' && b[after] != ' ')) continue;
    if (closing)
      ++depth;
    else if (depth-- == 0)
      return at;
  }
  return std::string::npos;
}

// The attributes of the list from b[i] to b[end].
std::vector<Attr> attrs_at(const std::string& b, size_t i, size_t end) {
  std::string inside;
  match_list(b, i, &inside, end - 1);
  return parse_attrs(unescape(inside));
}

// The opening tag at `tag` rewritten with `attrs` added, as Python-Markdown writes it: a
// class joins the classes there, another attribute replaces one of the same name, and the
// attributes come out sorted by name. cmark's tags are `<name a="v" b="v">` or `... />`.
void add_attrs(const std::string& b, size_t tag, const std::vector<Attr>& attrs, std::vector<Edit>& edits,
               std::set<std::string>& ids) {
  const size_t gt = b.find('>', tag);
  const bool empty = b[gt - 1] == '/';
  const size_t name_end = b.find_first_of(" />", tag + 1);
  std::map<std::string, std::string> have;  // values as they are in the HTML (escaped)
  for (size_t at = name_end; at < gt;) {
    const size_t eq = b.find("=\"", at), close = eq == std::string::npos ? eq : b.find('"', eq + 2);
    if (close == std::string::npos || close > gt) break;
    have[b.substr(b.find_first_not_of(' ', at), eq - b.find_first_not_of(' ', at))] = b.substr(eq + 2, close - eq - 2);
    at = close + 1;
  }
  for (const auto& a : attrs) {
    if (a.key == "id") ids.insert(a.value);
    std::string& value = have[a.key == "." ? "class" : attribute_name(a.key)];
    value = a.key == "." && !value.empty() ? value + " " + escape_html(a.value) : escape_html(a.value);
  }
  std::string open = b.substr(tag, name_end - tag);
  for (const auto& [key, value] : have) open += " " + key + "=\"" + value + "\"";
  edits.push_back({tag, gt + 1 - tag, open + (empty ? " />" : ">")});
}

class AttrList : public Extension {
 public:
  const char* name() const override { return "attr_list"; }

  void heading(Heading& h, PageContext&) override {
    std::string before, inside;
    if (!split_trailing(h.text, before, inside)) return;
    h.text = before;
    h.id = slugify(before);
    for (const auto& a : parse_attrs(inside))
      if (a.key == "id") h.id = a.value;
  }

  void page_done(PageContext& ctx) override {
    std::string& b = ctx.page.body;
    std::vector<Edit> edits;
    size_t pre = b.find("<pre"), close = b.find_first_of("}\n");
    for (size_t i = b.find('{'); i != std::string::npos; i = b.find('{', i + 1)) {
      if (i == 0 || (b[i - 1] != '>' && b[i - 1] != ' ' && b[i - 1] != '\n')) continue;
      if (inside_code_block(b, i, pre)) continue;
      if (close != std::string::npos && close < i) close = b.find_first_of("}\n", i);
      // Where the list belongs is found first: its text can be long and is read only then.
      const size_t end = match_list(b, i, nullptr, close);
      if (end == std::string::npos) continue;
      if (inline_target(b, i, end, edits, ctx) || end_target(b, i, end, edits, ctx)) i = end - 1;
    }
    std::stable_sort(edits.begin(), edits.end());
    std::string out;
    size_t from = 0;
    for (const auto& e : edits) {
      if (e.at < from) continue;  // overlapping edits cannot come from one list; keep the body sound
      out.append(b, from, e.at - from) += e.insert;
      from = e.at + e.erase;
    }
    b = out + b.substr(std::min(from, b.size()));
  }

 private:
  // Inside <pre> (a code block) nothing is an attribute list: moves i to the block's end.
  // `pre` is the next code block at or after i, so the body is read once.
  static bool inside_code_block(const std::string& b, size_t& i, size_t& pre) {
    while (pre != std::string::npos && pre < i) {
      const size_t close = b.find("</pre>", pre);
      if (close == std::string::npos) return false;
      if (close > i) {
        i = close;
        return true;
      }
      pre = b.find("<pre", close);
    }
    return false;
  }

  // Right after an inline element: <img ... />, </a>, </em>, </strong>, </code>, </del>.
  static bool inline_target(const std::string& b, size_t i, size_t end, std::vector<Edit>& edits, PageContext& ctx) {
    size_t tag = std::string::npos;
    if (ends_with(b, i, "/>")) {
      tag = b.rfind('<', i - 1);  // the tag that ends here, if it is an image
      if (tag != std::string::npos && b.compare(tag, 5, "<img ") != 0) tag = std::string::npos;
    } else {
      for (const char* name : {"a", "em", "strong", "code", "del"})
        if (ends_with(b, i, std::string("</") + name + ">")) {
          tag = open_tag_before(b, i - std::strlen(name) - 3, name);
          break;
        }
    }
    if (tag == std::string::npos) return false;
    add_attrs(b, tag, attrs_at(b, i, end), edits, ctx.page.ids);
    edits.push_back({i, end - i, ""});
    return true;
  }

  // At the end of a heading, table cell or term (after a space), or on the last line of a
  // paragraph (after a line break).
  static bool end_target(const std::string& b, size_t i, size_t end, std::vector<Edit>& edits, PageContext& ctx) {
    const size_t start = b.find_last_not_of(' ', i - 1) + 1, after = std::min(b.find_first_not_of(' ', end), b.size());
    std::string name;
    if (i > start && b.compare(after, 22, "<a class=\"headerlink\" ") == 0) {
      const size_t h = b.rfind("<h", start);
      name = h == std::string::npos ? "" : b.substr(h + 1, 2);
    } else if (i > start) {
      for (const char* cell : {"td", "th", "dt"})
        if (b.compare(after, 5, std::string("</") + cell + ">") == 0) name = cell;
    } else if (start > 0 && b[start - 1] == '\n' && b.compare(after, 4, "</p>") == 0) {
      name = "p";
    }
    const size_t tag = name.empty() ? std::string::npos : open_tag_before(b, start, name);
    if (tag == std::string::npos) return false;
    add_attrs(b, tag, attrs_at(b, i, end), edits, ctx.page.ids);
    edits.push_back({name == "p" ? start - 1 : start, after - (name == "p" ? start - 1 : start), ""});
    return true;
  }
};

}  // namespace

std::unique_ptr<Extension> make_attr_list_extension() {
  return std::make_unique<AttrList>();
}

}  // namespace book
