// Writing cmark nodes as HTML: through cmark's renderer, or, for an element an extension
// restyled (ElementStyles), by the generator itself from the node, its children still
// written by cmark. The body is never edited once written.
#pragma once
#include <cmark-gfm.h>

#include <map>
#include <string>

#include "extension.hpp"

namespace book {

inline constexpr int kCmarkOptions = CMARK_OPT_UNSAFE;  // authors' raw HTML is kept

std::string render_node(cmark_node* node, cmark_llist* gfm);
std::string render_children(cmark_node* node, cmark_llist* gfm);

// Replaces a node with raw HTML of the same kind (block or inline).
void replace_with_html(cmark_node* node, const std::string& html, bool inline_node = false);

// True when cmark-gfm names the node's type so ("strikethrough", "table_cell"): the extension
// types have no enum value in cmark's headers.
bool is_type(cmark_node* node, const char* type_string);

// Sets a text or raw-HTML node's literal; a node left empty is removed.
void set_literal_or_remove(cmark_node* node, const std::string& literal);

// The text of a node's children as Python-Markdown sees it (breaks as spaces, code as its text).
std::string plain_text(cmark_node* node);

// `<name a="v" ...>` from the node's own attributes (values escaped) and its style, if any.
std::string open_tag(const std::string& name, std::map<std::string, std::string> own, const ElementStyle* style);

// Writes every restyled element but headings (the heading pass writes those) in place.
void write_styled_elements(cmark_node* root, const ElementStyles& styles, cmark_llist* gfm);

}  // namespace book
