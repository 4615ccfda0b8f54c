// Helpers for extensions that rewrite source lines before cmark parses the page.
#pragma once
#include <string>

#include "extension.hpp"

namespace book {

// Leading tabs count as four columns, as in Python-Markdown.
std::string expand_leading_tabs(const std::string& s);
size_t indent_of(const std::string& s);  // leading spaces
bool blank(const std::string& s);

// The body of a block marker at in[marker] (admonition, tab, answer block): the following lines
// indented at least four more than `indent`, and the blank lines between them; trailing blank
// lines stay outside. Returns the last body line (== marker: none).
size_t indented_body_end(const Lines& in, size_t marker, size_t indent);

// Inline Markdown (a title, a quiz option) rendered alone, without the paragraph around it.
std::string inline_html(const std::string& md);

}  // namespace book
