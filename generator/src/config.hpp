// The book's configuration: MkDocs' mkdocs.yml as MkDocs Material textbooks write it, so an
// existing book builds without changes. What we do not support is a warning, never an error.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.hpp"

namespace book {

struct NavItem {
  std::string title;              // may be empty: then the page's own title is used
  std::string page;               // path relative to docs_dir; empty for a section
  std::vector<NavItem> children;  // a section's entries
  int line = 0;                   // where it is in mkdocs.yml, for messages
};

// One entry of markdown_extensions, with its options as written. Scalars are kept as text
// ("true", "3"); a list option becomes its items joined by '\n'; a mapping its "key: value"
// lines. `!!python/name:` tags are kept as their text ("material.extensions.emoji.twemoji").
struct MarkdownExtension {
  std::string name;  // "pymdownx.tabbed", "toc", "attr_list"
  std::map<std::string, std::string> options;
  int line = 0;
  std::string option(const std::string& key, std::string fallback = {}) const;
};

// theme: as Material reads it.
struct ThemeConfig {
  std::string name = "material";
  std::string logo, favicon;       // paths relative to docs_dir (or URLs)
  std::string primary, accent;     // palette colours (the first scheme's when a list is given)
  std::set<std::string> features;  // "navigation.sections", "content.code.copy", ...
  std::string language = "en";
};

struct Config {
  std::filesystem::path file;  // the mkdocs.yml that was read
  std::string shown_file;      // its name as given on the command line
  std::string site_name = "Book";
  std::filesystem::path docs_dir;  // absolute
  std::filesystem::path site_dir;  // absolute; site_dir: (default "site" beside the config)
  std::vector<NavItem> nav;        // empty: every page, in path order
  std::string site_url, site_description, site_author, copyright;
  std::string repo_url, repo_name, edit_uri;
  bool use_directory_urls = true;  // MkDocs' default: a/b.md -> a/b/index.html
  std::vector<std::string> extra_css, extra_javascript;
  ThemeConfig theme;
  std::vector<MarkdownExtension> markdown_extensions;  // in the order written
  std::vector<std::string> plugins;                    // names; MkDocs' default is [search]
  // Unknown keys, themes and plugins: one warning each, reported with the build.
  std::vector<Diagnostic> warnings;

  const MarkdownExtension* extension(const std::string& name) const;  // null when not enabled
  bool search_enabled() const;
};

// Throws BuildError with the file and line of the first problem that makes the book
// unreadable; everything MkDocs would accept is at most a warning.
Config load_config(const std::filesystem::path& file);

}  // namespace book
