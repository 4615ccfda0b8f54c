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

// "a/b.md" -> "a/b.html" (MkDocs with use_directory_urls: false, so the relative links
// authors write between files keep working unchanged).
std::string output_path_for(const std::string& md_rel);

// "chapters/07/index.html" -> "../../"
std::string root_prefix(const std::string& out_rel);

// The one title rule: the page's own (front matter, first h1, first heading), else its file
// name without .md. The nav, prev/next links and the template all use it.
std::string page_title(const Page& page);

// Finds the pages and assets under docs_dir and resolves the nav; missing nav pages are
// reported at their line in mkdocs.yml.
Book load_book(const Config& config, Diagnostics& diags);

}  // namespace book
