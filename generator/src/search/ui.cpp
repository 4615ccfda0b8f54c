#include "search/ui.hpp"

namespace book::search {

std::string search_box_html(const std::string& root) {
  return "<div class=\"search\" role=\"search\" hidden>\n"
         "    <label class=\"visually-hidden\" for=\"search-input\">Search the book</label>\n"
         "    <input id=\"search-input\" class=\"search-input\" type=\"search\" placeholder=\"Search\" "
         "autocomplete=\"off\" spellcheck=\"false\" role=\"combobox\" aria-expanded=\"false\" "
         "aria-controls=\"search-results\" aria-autocomplete=\"list\" aria-keyshortcuts=\"/ s\">\n"
         "    <div id=\"search-results\" class=\"search-results\" role=\"listbox\" aria-label=\"Search results\" "
         "hidden></div>\n"
         "    <div id=\"search-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></div>\n"
         "  </div>\n"
         "  <script src=\"" +
         root + "assets/search.js\" defer></script>";
}

}  // namespace book::search
