#include "elements.hpp"

#include <cmark-gfm-core-extensions.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "html_scan.hpp"
#include "text.hpp"

namespace book {

std::string render_node(cmark_node* node, cmark_llist* gfm) {
  const std::unique_ptr<char, decltype(&std::free)> html(cmark_render_html(node, kCmarkOptions, gfm), std::free);
  return html.get();
}

std::string render_children(cmark_node* node, cmark_llist* gfm) {
  std::string html;
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) html += render_node(c, gfm);
  return html;
}

void replace_with_html(cmark_node* node, const std::string& html, bool inline_node) {
  cmark_node* raw = cmark_node_new(inline_node ? CMARK_NODE_HTML_INLINE : CMARK_NODE_HTML_BLOCK);
  cmark_node_set_literal(raw, html.c_str());
  cmark_node_insert_before(node, raw);
  cmark_node_free(node);
}

namespace {

void collect_text(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out += cmark_node_get_literal(c); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: collect_text(c, out);
    }
  }
}

// A table cell's element and its alignment, as cmark-gfm's table extension writes them.
std::string cell_element(cmark_node* cell, std::map<std::string, std::string>& own) {
  cmark_node* row = cmark_node_parent(cell);
  const uint8_t* align = cmark_gfm_extensions_get_table_alignments(cmark_node_parent(row));
  size_t column = 0;
  for (cmark_node* c = cmark_node_previous(cell); c; c = cmark_node_previous(c)) ++column;
  const char a = align ? static_cast<char>(align[column]) : 0;
  if (a == 'l') own["align"] = "left";
  if (a == 'c') own["align"] = "center";
  if (a == 'r') own["align"] = "right";
  return cmark_gfm_extensions_get_table_row_is_header(row) ? "th" : "td";
}

// The element cmark writes for a node, with its own attributes (escaped); empty if none.
std::string element_of(cmark_node* n, std::map<std::string, std::string>& own) {
  const char* title = nullptr;
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH: return "p";
    case CMARK_NODE_EMPH: return "em";
    case CMARK_NODE_STRONG: return "strong";
    case CMARK_NODE_CODE: return "code";
    case CMARK_NODE_LINK:
      own["href"] = escape_href(cmark_node_get_url(n));
      if ((title = cmark_node_get_title(n)) && *title) own["title"] = escape_html(title);
      return "a";
    case CMARK_NODE_IMAGE:
      own["src"] = escape_href(cmark_node_get_url(n));
      own["alt"] = escape_html(plain_text(n));
      if ((title = cmark_node_get_title(n)) && *title) own["title"] = escape_html(title);
      return "img";
    default: break;
  }
  if (is_type(n, "strikethrough")) return "del";
  if (is_type(n, "table_cell")) return cell_element(n, own);
  return "";
}

std::string write_element(cmark_node* n, const ElementStyle& style, cmark_llist* gfm) {
  std::map<std::string, std::string> own;
  std::string name = element_of(n, own);
  if (!style.tag.empty()) name = style.tag;
  const std::string open = open_tag(name, std::move(own), &style);
  if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) return open.substr(0, open.size() - 1) + " />";
  const bool code = cmark_node_get_type(n) == CMARK_NODE_CODE;
  return open + (code ? escape_html(cmark_node_get_literal(n)) : render_children(n, gfm)) + "</" + name + ">";
}

// A table with a restyled cell, written whole: a table row holds nothing but cells.
std::string write_table(cmark_node* table, const ElementStyles& styles, cmark_llist* gfm) {
  std::string html = "<table>\n";
  bool body = false;
  for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
    const bool header = cmark_gfm_extensions_get_table_row_is_header(row);
    html += header ? "<thead>\n" : body ? "" : "<tbody>\n";
    body |= !header;
    html += "<tr>\n";
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
      const auto style = styles.find(cell);
      std::map<std::string, std::string> own;
      const std::string name = cell_element(cell, own);
      html += open_tag(name, std::move(own), style == styles.end() ? nullptr : &style->second);
      html += render_children(cell, gfm) + "</" + name + ">\n";
    }
    html += header ? "</tr>\n</thead>\n" : "</tr>\n";
  }
  return html + (body ? "</tbody>\n</table>\n" : "</table>\n");
}

}  // namespace

bool is_type(cmark_node* node, const char* type_string) {
  return std::strcmp(cmark_node_get_type_string(node), type_string) == 0;
}

void set_literal_or_remove(cmark_node* node, const std::string& literal) {
  if (literal.empty())
    cmark_node_free(node);
  else
    cmark_node_set_literal(node, literal.c_str());
}

std::string plain_text(cmark_node* node) {
  std::string text;
  collect_text(node, text);
  return text;
}

std::string open_tag(const std::string& name, std::map<std::string, std::string> own, const ElementStyle* style) {
  std::string tag = "<" + name;
  if (style && style->added.empty()) tag += style->written;
  if (style && !style->added.empty()) {
    for_each_attribute("<" + name + style->written + ">",
                       [&](std::string_view, std::string_view key, std::string_view value) {
                         own[std::string(key)] = std::string(value);
                       });
    for (const auto& [key, value] : style->added) {
      std::string& have = own[key];
      have = key == "class" && !have.empty() ? have + " " + escape_html(value) : escape_html(value);
    }
  }
  for (const auto& [key, value] : own) tag += " " + key + "=\"" + value + "\"";
  return tag + ">";
}

void write_styled_elements(cmark_node* root, const ElementStyles& styles, cmark_llist* gfm) {
  if (styles.empty()) return;
  // Innermost first (the iterator's exit events), so an element's children are written
  // before the element; the nodes are collected before any is replaced.
  std::vector<cmark_node*> elements, tables;
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (ev == CMARK_EVENT_ENTER && cmark_node_first_child(n)) continue;
    // A leaf has only an enter event, an empty element both: it is taken once.
    if (!styles.count(n) || cmark_node_get_type(n) == CMARK_NODE_HEADING || (!elements.empty() && elements.back() == n))
      continue;
    if (is_type(n, "table_cell")) {
      cmark_node* table = cmark_node_parent(cmark_node_parent(n));
      if (tables.empty() || tables.back() != table) tables.push_back(table);
    } else {
      elements.push_back(n);
    }
  }
  for (cmark_node* n : elements) {
    const bool block = cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH;
    replace_with_html(n, write_element(n, styles.at(n), gfm) + (block ? "\n" : ""), !block);
  }
  for (cmark_node* t : tables) replace_with_html(t, write_table(t, styles, gfm));
}

}  // namespace book
