// The output folder, replaced whole and at once: a build writes into a fresh temporary
// folder beside it and swaps it in only when everything succeeded, so a failed build leaves
// the previous site exactly as it was, and readers (and `serve`) never see half a site.
#pragma once
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

namespace book {

// The marker that tells the generator a folder is its own output and may be replaced.
inline constexpr const char* kOutputMarker = ".generated-by-bookgen";

class OutputFolder {
 public:
  // Throws BuildError when `out` overlaps a source folder or is a folder the generator did
  // not make: an author's folder given as --out by mistake must never be deleted. The one
  // exception is a site MkDocs built (404.html with sitemap.xml or search/search_index.json),
  // so that `generator build` works in a book folder that `mkdocs build` used before.
  OutputFolder(std::filesystem::path out, const std::vector<std::filesystem::path>& sources);
  // The replaced site is then not deleted but kept beside as a spare (".<name>.spare"), which
  // the next build starts from (begin's `from_spare`): it writes only the files that changed
  // and deletes no tree. Deleting a site of thousands of files takes longer than building it
  // on some disks (10 s for 6,000 files here). Only one process at a time may keep a spare
  // (the caller holds a lock for it: the fragment cache's).
  void keep_spare();
  static std::filesystem::path spare_dir(const std::filesystem::path& out);
  ~OutputFolder();  // removes the temporary folder of a build that did not commit
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Creates the temporary folder with every folder the given site paths need. With
  // `from_spare` (only if spare_build() is known) the spare becomes that folder, less the
  // files not among site_paths; its other files stay until written, or kept by reuse().
  void begin(const std::vector<std::string>& site_paths, bool from_spare = false);
  // Creates the folders that more site paths need: files known only once the pages are
  // rendered (the search index's).
  void add(const std::vector<std::string>& site_paths);

  // Writers, safe to call from several threads for different paths. Each returns an error
  // message, empty on success.
  std::string write(const std::string& site_path, const std::string& data) const;
  std::string copy(const std::string& site_path, const std::filesystem::path& from) const;
  // Keeps the file of the same path: from the spare as it is, else hard-linked from the
  // current output; false if it cannot.
  bool reuse(const std::string& site_path) const;
  bool has_previous() const { return previous_; }
  // Which build wrote the current output (empty if unknown), and this build's id: a record of
  // what a build wrote (BuildCache::save_output) holds only while the folder is that build's.
  const std::string& previous_build() const { return previous_build_; }
  const std::string& build_id() const { return build_id_; }
  const std::string& spare_build() const { return spare_build_; }
  bool replaces_mkdocs_site() const { return replaces_mkdocs_site_; }

  // Swaps the new site in. With `defer_cleanup` the replaced site is renamed aside and its
  // path returned for the caller to delete later (removing thousands of files takes seconds).
  std::filesystem::path commit(bool defer_cleanup);

 private:
  void unshare(const std::string& site_path) const;
  std::filesystem::path out_, tmp_, spare_;
  bool previous_ = false, keep_spare_ = false, from_spare_ = false;
  // copy_file_range works from the sources into tmp_ (the same file system, or a kernel that
  // copies across them); cleared at its first refusal, so each copy does not ask again.
  mutable std::atomic<bool> copy_range_ = true;
  std::string previous_build_, build_id_, spare_build_;
  bool replaces_mkdocs_site_ = false;
};

}  // namespace book
