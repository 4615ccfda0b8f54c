// Assembles a rendered page with the theme: the template gets the body, the nav, the table
// of contents and the prev/next links, all from the book and page models.
#pragma once
#include <string>

#include "book.hpp"
#include "theme.hpp"

namespace book {

std::string assemble_page(const Book& book, size_t page, const Template& theme);

}  // namespace book
