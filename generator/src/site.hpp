// A whole build: book model -> rendered pages -> link check -> theme -> output folder.
// Output is written into a fresh temporary folder and swapped in only when everything
// succeeded, so a failed build leaves the previous site exactly as it was.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "diagnostics.hpp"

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
  unsigned threads = 0;  // 0: one per core
};

struct BuildReport {
  Diagnostics diagnostics;
  size_t pages = 0;
  size_t files = 0;
  double seconds = 0;
  bool ok() const { return !diagnostics.has_errors(); }
};

BuildReport build_site(const BuildOptions& options);

// The marker that tells the generator a folder is its own output and may be replaced.
inline constexpr const char* kOutputMarker = ".generated-by-bookgen";

}  // namespace book
