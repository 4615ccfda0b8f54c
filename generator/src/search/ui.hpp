// The theme's search box: a combobox whose listbox site/assets/search.js fills. It stays
// hidden until that script runs, so a reader without JavaScript sees no dead control.
#pragma once
#include <string>

namespace book::search {

// The header's search box and its script; `root` is the page's way to the site root ("../").
std::string search_box_html(const std::string& root);

}  // namespace book::search
