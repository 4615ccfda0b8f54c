// Every internal link, anchor and image is checked before anything is written, against
// everything the site will hold; a broken one is reported with the file and line where the
// author wrote it, quoting the link as written.
#pragma once
#include <map>
#include <set>
#include <string>

#include "book.hpp"
#include "diagnostics.hpp"

namespace book {

struct SiteIndex {
  std::set<std::string> files;                              // every output path
  std::map<std::string, std::string> pages;                 // page source path -> output path
  std::map<std::string, const std::set<std::string>*> ids;  // page output path -> its ids
  bool directory_urls = false;                              // mkdocs.yml's use_directory_urls
};

SiteIndex index_site(const Book& book, const std::vector<std::pair<std::string, std::filesystem::path>>& copies);

// Resolves a relative `path` as written on the page at `from` ("a/b.md") to a site path
// ("a/c.png"); sets `error` when it climbs out of the site. A trailing '/' means index.html.
std::string resolve_path(const std::string& from, const std::string& path, std::string& error);

void check_links(const Page& page, const SiteIndex& site, Diagnostics& diags);

}  // namespace book
