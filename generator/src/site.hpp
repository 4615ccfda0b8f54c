// A whole build: book model -> rendered pages -> link check -> theme -> output folder.
// Output is written into a fresh temporary folder and swapped in only when everything
// succeeded, so a failed build leaves the previous site exactly as it was.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "markdown.hpp"

namespace book {

// Files from another folder (built artefacts such as the MicroSim's .wasm) placed into
// the site at `site_path` ("." for the site root). They win over content/ files.
struct Mount {
  std::string site_path;
  std::filesystem::path dir;
};
Mount parse_mount(const std::string& spec);  // "sims/x=/abs/dir"; throws BuildError

// What a build may reuse from the previous one: `serve` keeps one between rebuilds, so
// saving one page re-renders that page and rewrites only the files whose bytes changed
// (the others are hard-linked from the previous output into the new one).
struct BuildCache {
  struct Stamp {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    bool operator==(const Stamp& o) const { return mtime == o.mtime && size == o.size; }
  };
  struct RenderedEntry {
    Stamp stamp;
    RenderedPage page;
    Diagnostics diags;
  };
  std::string inputs;                              // fingerprint of every non-page input
  std::map<std::string, RenderedEntry> rendered;   // source path -> its last rendering
  std::map<std::string, size_t> written;           // site path -> hash of the page written
  std::map<std::string, Stamp> copied;             // site path -> stamp of the file copied
};

struct BuildOptions {
  std::filesystem::path config;
  std::filesystem::path theme;
  std::filesystem::path out;
  std::vector<Mount> mounts;
  unsigned threads = 0;          // 0: one per core
  BuildCache* cache = nullptr;   // null: build everything from scratch
  // Leave the replaced output folder for the caller to delete (BuildReport::stale), so the
  // new site is served at once; removing thousands of files can take seconds.
  bool defer_cleanup = false;
};

struct BuildReport {
  Diagnostics diagnostics;
  size_t pages = 0;
  size_t files = 0;
  double seconds = 0;
  std::filesystem::path stale;  // with defer_cleanup: the previous output, to be deleted
  bool ok() const { return !diagnostics.has_errors(); }
};

BuildReport build_site(const BuildOptions& options);

// The marker that tells the generator a folder is its own output and may be replaced.
inline constexpr const char* kOutputMarker = ".generated-by-bookgen";

}  // namespace book
