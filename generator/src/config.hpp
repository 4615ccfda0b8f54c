// The book's configuration: the subset of MkDocs' mkdocs.yml that a textbook needs, so an
// existing MkDocs book builds without changes (unknown keys such as theme: are ignored).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace book {

struct NavItem {
  std::string title;              // may be empty: then the page's own title is used
  std::string page;               // path relative to docs_dir; empty for a section
  std::vector<NavItem> children;  // a section's entries
  int line = 0;                   // where it is in mkdocs.yml, for messages
};

struct Config {
  std::filesystem::path file;  // the mkdocs.yml that was read
  std::string shown_file;      // its name as given on the command line
  std::string site_name = "Book";
  std::filesystem::path docs_dir;  // absolute
  std::vector<NavItem> nav;        // empty: every page, in path order
};

// Throws BuildError with the file and line of the first problem.
Config load_config(const std::filesystem::path& file);

}  // namespace book
