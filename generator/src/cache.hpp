// What a build may reuse from the previous one: `serve` keeps one between rebuilds, so saving
// one page re-renders that page and rewrites only the files whose bytes changed (the others
// are hard-linked from the previous output into the new one).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "page.hpp"

struct stat;

namespace book {

// A file's size and modification time: changed when either is.
struct Stamp {
  std::int64_t mtime_ns = 0;  // since the Unix epoch
  std::uintmax_t size = 0;
  bool operator==(const Stamp& o) const { return mtime_ns == o.mtime_ns && size == o.size; }
  static Stamp of(const std::filesystem::path& file);
  static Stamp of(const struct stat& st);  // what a walk already read
  std::string text() const;
};

class BuildCache {
 public:
  // Pages read sibling files (traces) and the theme: a change to any input other than a page
  // itself (a fingerprint of them all) invalidates every cached rendering.
  void set_inputs(std::string fingerprint);

  // The last rendering of a page whose file has this stamp, moved out; false if none.
  bool take_rendering(const std::string& source, const Stamp& stamp, PageModel& model, Diagnostics& diags);
  void keep_rendering(const std::string& source, const Stamp& stamp, PageModel&& model, const Diagnostics& diags);

  // Whether the previous output holds this very file (so it can be hard-linked).
  bool copied_unchanged(const std::string& site_path, const Stamp& stamp) const;
  bool written_unchanged(const std::string& site_path, size_t hash) const;
  // Called once the output holds exactly these files.
  void set_output(std::map<std::string, Stamp> copied, std::map<std::string, size_t> written);
  // The output record in a file, for the next process: kept with the id of the build that
  // wrote the output, and loaded only for an output folder that build still holds. A file
  // that does not read back cleanly loads nothing (every file is then written afresh).
  void save_output(const std::filesystem::path& file, const std::string& build_id) const;
  bool load_output(const std::filesystem::path& file, const std::string& build_id);

 private:
  struct Rendering {
    Stamp stamp;
    PageModel model;
    Diagnostics diags;
  };
  std::string inputs_;
  std::map<std::string, Rendering> rendered_;  // source path -> its last rendering
  std::map<std::string, size_t> written_;      // site path -> hash of the page written
  std::map<std::string, Stamp> copied_;        // site path -> stamp of the file copied
};

}  // namespace book
