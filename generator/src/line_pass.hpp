// Helpers for extensions that rewrite source lines before cmark parses the page.
#pragma once
#include <string>

namespace book {

// Leading tabs count as four columns, as in Python-Markdown.
std::string expand_leading_tabs(const std::string& s);
size_t indent_of(const std::string& s);  // leading spaces
bool blank(const std::string& s);

// Inline Markdown (a title, a quiz option) rendered alone, without the paragraph around it.
std::string inline_html(const std::string& md);

}  // namespace book
