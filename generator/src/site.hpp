// A whole build, as stages with data between them:
//   load (config, theme, book) -> render pages (Markdown -> page models) -> check links
//   -> assemble with the theme -> write and swap the output folder.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "cache.hpp"
#include "diagnostics.hpp"
#include "output.hpp"

namespace book {

// Files from another folder (built artefacts such as the MicroSim's .wasm) placed into
// the site at `site_path` ("." for the site root). They win over content/ files.
struct Mount {
  std::string site_path;
  std::filesystem::path dir;
};
Mount parse_mount(const std::string& spec);  // "sims/x=/abs/dir"; throws BuildError

struct BuildOptions {
  std::filesystem::path config;
  std::filesystem::path theme;
  std::filesystem::path out;
  std::vector<Mount> mounts;
  unsigned threads = 0;         // 0: one per core
  BuildCache* cache = nullptr;  // null: build everything from scratch
  // Leave the replaced output folder for the caller to delete (BuildReport::stale), so the
  // new site is served at once; removing thousands of files can take seconds.
  bool defer_cleanup = false;
  // As `mkdocs build --strict`: any warning fails the build and nothing is written.
  bool strict = false;
  // Where rendered fragments are kept between processes (FragmentCache); empty: nowhere.
  std::filesystem::path fragment_cache = {};
};

struct BuildReport {
  Diagnostics diagnostics;
  size_t pages = 0;
  size_t files = 0;
  size_t fragments_reused = 0, fragments_made = 0;  // with a fragment cache
  double seconds = 0;
  std::filesystem::path stale;     // with defer_cleanup: the previous output, to be deleted
  bool strict = false;             // warnings failed this build
  std::vector<std::string> notes;  // what the author should know that is no problem
  bool up_to_date = false;         // nothing was written: the site was built from these very inputs
  size_t count(Diagnostic::Severity severity) const;
  bool ok() const {
    return count(Diagnostic::Severity::Error) == 0 && !(strict && count(Diagnostic::Severity::Warning));
  }
};

BuildReport build_site(const BuildOptions& options);

}  // namespace book
