// The book model: which pages exist, where each is written, and the navigation between
// them. It knows nothing of HTML; site.cpp renders it through the theme.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "config.hpp"
#include "diagnostics.hpp"
#include "page.hpp"

namespace book {

struct Page {
  std::string src_rel;  // "chapters/07-shared-memory/index.md", relative to docs_dir
  std::string out_rel;  // "chapters/07-shared-memory/index.html"
  std::filesystem::path src_abs;
  std::string shown_file;  // the path messages print, relative to the working folder
  PageModel model;         // filled by the render stage
};

struct NavNode {
  std::string title;         // empty: use the page's title
  int page = -1;             // index into Book::pages; -1 for a section
  std::string external_url;  // nav entries may also be plain URLs
  std::vector<NavNode> children;
};

struct Book {
  Config config;
  std::vector<Page> pages;          // sorted by source path
  std::vector<std::string> assets;  // other files under docs_dir, copied as they are
  std::vector<NavNode> nav;         // from mkdocs.yml, or every page when it has none
  std::vector<int> reading_order;   // pages in nav order: prev/next links follow it
};

// Where a page is written. "a/b.md" -> "a/b.html" (use_directory_urls: false), or
// "a/b/index.html" with directory URLs (MkDocs' default); "index.md" and "a/index.md" become
// index.html either way.
std::string output_path_for(const std::string& md_rel, bool directory_urls = false);

// A page's URL relative to the site root: its output path, but with directory URLs the
// folder ("a/b/" for "a/b/index.html", "" for the home page), as MkDocs links them.
std::string page_url(const std::string& out_rel, bool directory_urls);

// The relative href from the page written at `from_out_rel` to the site path or folder URL
// `to`: ("a/b/index.html", "a/c/") -> "../c/"; "./" when `to` is that page's own folder.
std::string relative_href(const std::string& from_out_rel, const std::string& to);

// "chapters/07/index.html" -> "../../"
std::string root_prefix(const std::string& out_rel);

// The one title rule: the page's own (front matter, first h1, first heading), else its file
// name without .md. The nav, prev/next links and the template all use it.
std::string page_title(const Page& page);

// Finds the pages and assets under docs_dir and resolves the nav; missing nav pages are
// reported at their line in mkdocs.yml.
Book load_book(const Config& config, Diagnostics& diags);

}  // namespace book
