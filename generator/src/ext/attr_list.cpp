// Python-Markdown's attr_list: `{ .class #id key="value" }` (also written `{: ... }`) sets
// attributes on the element it follows:
//   ![x](a.png){ width="80" }        right after an image, link, emphasis or code span
//   ## Title { #custom-id .cls }     at the end of a heading (or table cell, after a space)
//   Text\n{: .note }                 on the last line of a paragraph
// cmark-gfm knows none of this and leaves the list as text, so this works on the parsed
// document: each list is matched in its text node where Python-Markdown accepts it, removed,
// and its attributes given to the element's node; the core writes that element's tag. A
// heading's id is the author's in the TOC and for the link checker too.
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "elements.hpp"
#include "extension.hpp"

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

// The elements a list right after them applies to.
bool inline_element(cmark_node* n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_LINK:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_CODE: return true;
    default: return is_type(n, "strikethrough");
  }
}

// The elements a list at the end of their text applies to (after a space): headings, table
// cells, and md_in_html's terms and cells.
bool ends_with_list(cmark_node* n, const ElementStyles& styles) {
  if (cmark_node_get_type(n) == CMARK_NODE_HEADING || is_type(n, "table_cell")) return true;
  const auto style = styles.find(n);
  const std::string tag = style == styles.end() ? "" : style->second.tag;
  return tag == "dt" || tag == "td" || tag == "th";
}

// A paragraph that cmark writes as <p>: not one of a tight list's items, not retagged.
bool plain_paragraph(cmark_node* n, const ElementStyles& styles) {
  if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || styles.count(n)) return false;
  cmark_node* item = cmark_node_parent(n);
  return !item || cmark_node_get_type(item) != CMARK_NODE_ITEM || !cmark_node_get_list_tight(cmark_node_parent(item));
}

// cmark splits text at characters that may start syntax (`:` and `w` among them, for
// autolinks): a run of text nodes is made one, so a list is read whole.
void merge_text_runs(cmark_node* root) {
  std::vector<cmark_node*> heads;
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    cmark_node* next = cmark_node_next(n);
    cmark_node* prev = cmark_node_previous(n);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT && next &&
        cmark_node_get_type(next) == CMARK_NODE_TEXT && (!prev || cmark_node_get_type(prev) != CMARK_NODE_TEXT))
      heads.push_back(n);
  }
  for (cmark_node* head : heads) {
    std::string text = cmark_node_get_literal(head);
    while (cmark_node* next = cmark_node_next(head)) {
      if (cmark_node_get_type(next) != CMARK_NODE_TEXT) break;
      text += cmark_node_get_literal(next);
      cmark_node_free(next);
    }
    cmark_node_set_literal(head, text.c_str());
  }
}

void add_attrs(ElementStyle& style, const std::string& list, PageContext& ctx, bool heading = false) {
  for (const auto& a : parse_attrs(list)) {
    if (a.key == ".") {
      std::string& classes = style.added["class"];
      classes += (classes.empty() ? "" : " ") + a.value;
    } else {
      style.added[a.key == "id" ? a.key : attribute_name(a.key)] = a.value;
      if (a.key == "id" && !heading) ctx.page.ids.insert(a.value);
    }
  }
}

class AttrList : public Extension {
 public:
  const char* name() const override { return "attr_list"; }

  void tree(cmark_node* root, PageContext& ctx) override {
    merge_text_runs(root);
    std::vector<cmark_node*> texts, blocks;
    const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (ev != CMARK_EVENT_ENTER) continue;
      const cmark_node_type type = cmark_node_get_type(n);
      if (type == CMARK_NODE_TEXT)
        texts.push_back(n);
      else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || is_type(n, "table_cell"))
        blocks.push_back(n);
    }
    for (cmark_node* t : texts) after_inline(t, ctx);
    for (cmark_node* b : blocks) at_end(b, ctx);
  }

 private:
  // `*em*{: .x }`: right after an inline element, the text starts with the list.
  static void after_inline(cmark_node* text, PageContext& ctx) {
    cmark_node* element = cmark_node_previous(text);
    const std::string literal = cmark_node_get_literal(text);
    if (!element || !inline_element(element) || literal[0] != '{') return;
    std::string inside;
    const size_t end = match_list(literal, 0, &inside, literal.find_first_of("}\n"));
    if (end == std::string::npos) return;
    add_attrs(ctx.styles[element], inside, ctx);
    set_literal_or_remove(text, literal.substr(end));
  }

  // `## Title { #id }` at the end of a heading, cell or term; `{: .x }` as a paragraph's last line.
  static void at_end(cmark_node* block, PageContext& ctx) {
    cmark_node* text = cmark_node_last_child(block);
    if (!text || cmark_node_get_type(text) != CMARK_NODE_TEXT) return;
    const std::string literal = cmark_node_get_literal(text);
    std::string before, inside;
    if (ends_with_list(block, ctx.styles)) {
      if (!split_trailing(literal, before, inside)) return;
      add_attrs(ctx.styles[block], inside, ctx, cmark_node_get_type(block) == CMARK_NODE_HEADING);
      return set_literal_or_remove(text, before);
    }
    cmark_node* line_break = cmark_node_previous(text);
    if (!plain_paragraph(block, ctx.styles) || !line_break || cmark_node_get_type(line_break) != CMARK_NODE_SOFTBREAK ||
        match_list(literal, 0, &inside, literal.find_first_of("}\n")) != literal.size())
      return;
    add_attrs(ctx.styles[block], inside, ctx);
    cmark_node_free(text);
    cmark_node_free(line_break);
  }
};

}  // namespace

std::unique_ptr<Extension> make_attr_list_extension() {
  return std::make_unique<AttrList>();
}

}  // namespace book
