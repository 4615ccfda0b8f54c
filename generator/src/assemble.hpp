// Assembles a rendered page with the theme: the template gets the body, the nav, the table
// of contents and the prev/next links, all from the book and page models, plus what
// mkdocs.yml asks of a Material site (logo, palette, repo and edit links, copyright,
// extra_css/extra_javascript, description, canonical link) and the page's own CSP.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "book.hpp"
#include "diagnostics.hpp"
#include "theme.hpp"

namespace book {

// What every page of this build shares beyond the book itself.
struct SiteFacts {
  bool service_worker = false;    // coi-serviceworker.js is at the site root
  std::set<std::string> sources;  // CSP sources the author's mkdocs.yml needs on every page
};

// external extra_css/extra_javascript URLs are allowed site-wide, each with a warning.
SiteFacts site_facts(const Config& config, bool service_worker, Diagnostics& diags);

std::string assemble_page(const Book& book, size_t page, const Template& theme, const SiteFacts& facts);

// The other pages whose titles the assembled page shows (its nav's entries without a title of
// their own, its previous and next pages), read from the page's model and the book's nav
// only: it can be assembled as soon as those are rendered, before the rest of the book is.
std::vector<int> titles_shown(const Book& book, size_t page);

// 404.html at the site root, with links from the site root (served for any missing path).
std::string assemble_not_found(const Book& book, const Template& theme, const SiteFacts& facts);

// sitemap.xml listing every page; empty without site_url (its entries must be absolute).
std::string sitemap_xml(const Book& book);

// The page's address below site_url: "a/b/" with use_directory_urls, else "a/b.html".
std::string page_url(const Book& book, const Page& page);

}  // namespace book
