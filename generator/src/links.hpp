// Every internal link, anchor and image is checked before anything is written: a broken
// one fails the build with the file and line where the author wrote it.
#pragma once
#include <map>
#include <set>
#include <string>

#include "book.hpp"
#include "diagnostics.hpp"

namespace book {

struct SiteIndex {
  std::set<std::string> files;                              // every output path
  std::map<std::string, const std::set<std::string>*> ids;  // page output path -> its ids
};

// Resolves `url` as written on the page at `page_out` to a site path; empty for external
// URLs. Sets `error` when the link cannot be resolved inside the site.
std::string resolve_link(const std::string& page_out, const std::string& url, std::string& anchor, std::string& error);

void check_links(const Page& page, const SiteIndex& site, Diagnostics& diags);

}  // namespace book
