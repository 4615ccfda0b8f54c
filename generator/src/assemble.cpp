#include "assemble.hpp"

#include <algorithm>

#include "text.hpp"

namespace book {
namespace {

// Hrefs from the root prefix: with directory URLs a page is linked by its folder ("a/b/"), as
// MkDocs does; a plain static server answers a folder with its index.html.
std::string href_to(const Book& book, int page, const std::string& root) {
  const std::string href = root + page_url(book.pages[page].out_rel, book.config.use_directory_urls);
  return href.empty() ? "./" : href;
}

std::string title_of(const Book& book, const NavNode& n) {
  if (!n.title.empty()) return n.title;
  if (n.page >= 0) return page_title(book.pages[n.page]);
  return n.external_url;
}

void nav_html(const Book& book, const std::vector<NavNode>& nodes, int current, const std::string& root,
              std::string& out) {
  out += "<ul>";
  for (const auto& n : nodes) {
    const std::string title = escape_html(title_of(book, n));
    if (!n.children.empty() || (n.page < 0 && n.external_url.empty())) {
      out += "<li class=\"nav-section\"><span class=\"nav-section-title\">" + title + "</span>";
      nav_html(book, n.children, current, root, out);
      out += "</li>";
    } else if (n.page >= 0) {
      out += "<li><a href=\"" + href_to(book, n.page, root) + "\"" +
             (n.page == current ? " aria-current=\"page\"" : "") + ">" + title + "</a></li>";
    } else {
      out += "<li><a href=\"" + escape_html(n.external_url) + "\">" + title + "</a></li>";
    }
  }
  out += "</ul>";
}

// Levels 2 and 3, nested: a level-3 heading opens a list inside the last item.
std::string toc_html(const PageModel& page) {
  std::string out;
  int open_level = 0;
  for (const auto& h : page.headings) {
    if (h.level < 2 || h.level > 3) continue;
    if (open_level == 0) {
      out += "<ul>";
      open_level = 2;
    }
    if (h.level > open_level) {
      if (out.size() >= 5 && out.compare(out.size() - 5, 5, "</li>") == 0)
        out.resize(out.size() - 5);
      else
        out += "<li>";
      out += "<ul>";
      open_level = 3;
    } else if (h.level < open_level) {
      out += "</ul></li>";
      open_level = 2;
    }
    out += "<li><a href=\"#" + h.id + "\">" + escape_html(h.text) + "</a></li>";
  }
  if (open_level == 3) out += "</ul></li>";
  if (open_level) out += "</ul>";
  return out;
}

std::string prev_next_html(const Book& book, int current, const std::string& root) {
  const auto& order = book.reading_order;
  const auto it = std::find(order.begin(), order.end(), current);
  if (it == order.end()) return {};
  std::string out;
  auto link = [&](int i, const char* rel, const char* label) {
    const Page& p = book.pages[i];
    out += std::string("<a class=\"") + rel + "\" rel=\"" + rel + "\" href=\"" + href_to(book, i, root) +
           "\"><span class=\"prev-next-label\">" + label + "</span> " + escape_html(page_title(p)) + "</a>";
  };
  if (it != order.begin()) link(*(it - 1), "prev", "Previous:");
  if (it + 1 != order.end()) link(*(it + 1), "next", "Next:");
  return out;
}

// What only some pages load (PageModel::needs): KaTeX where there is math, Mermaid where
// there are diagrams, each with its small start-up script from the theme.
std::string page_scripts(const PageModel& page, const std::string& root) {
  std::string out;
  if (page.needs.count("math"))
    out += "<link rel=\"stylesheet\" href=\"" + root + "assets/katex/katex.min.css\">\n<script src=\"" + root +
           "assets/katex/katex.min.js\" defer></script>\n<script src=\"" + root + "assets/math.js\" defer></script>\n";
  if (page.needs.count("mermaid"))
    out += "<script src=\"" + root + "assets/mermaid/mermaid.min.js\" defer></script>\n<script src=\"" + root +
           "assets/mermaid-init.js\" defer></script>\n";
  return out;
}

}  // namespace

std::string assemble_page(const Book& book, size_t i, const Template& theme) {
  const Page& p = book.pages[i];
  const std::string root = root_prefix(p.out_rel);
  const std::string title = page_title(p), site_name = book.config.site_name;
  std::string nav;
  nav_html(book, book.nav, static_cast<int>(i), root, nav);
  return theme.render({
      {"title", title},
      {"site_name", site_name},
      // "Page - Book" in the tab, but not "Book - Book" on a home page named like the book.
      {"head_title", title == site_name ? title : title + " - " + site_name},
      {"content", p.model.body},
      {"toc", toc_html(p.model)},
      {"nav", nav},
      {"prev_next", prev_next_html(book, static_cast<int>(i), root)},
      {"root", root},
      {"page_path", p.out_rel},
      {"page_scripts", page_scripts(p.model, root)},
  });
}

}  // namespace book
