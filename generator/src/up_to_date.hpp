// `generator build` run again on unchanged input has nothing to do: the site it would write is
// the one already there. A finished build leaves a record beside its fragment cache:
//   - a digest of everything it read: this program, its options and working folder, the config,
//     the template, and every page, asset and copied file by path, size and modification time
//     (the stamps `serve`'s cache trusts), so adding, removing or touching any of them counts;
//   - a digest of the site it wrote: every file's path, size and modification time, so a site
//     changed or damaged since then is built again;
//   - the warnings it printed, replayed, so a skipped build still names every author mistake.
// A build whose input digest and site digest both match the record writes nothing.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"

namespace book {

// The inputs, fed one at a time; files by path and Stamp (cache.hpp).
class InputPrint {
 public:
  void add(std::string_view text);
  // A file's line: its path and Stamp. Static, so that many are made on several threads.
  static std::string file_line(const std::filesystem::path& file);
  std::string digest() const;  // hex, by FragmentCache::key (with this program's stamp)

 private:
  std::string text_;
};

// Every file under `site`: path, size, modification time, digested. Empty if unreadable.
std::string site_print(const std::filesystem::path& site);

struct BuildRecord {
  std::string inputs;  // InputPrint::digest
  std::string site;    // site_print of the folder it wrote
  size_t pages = 0, files = 0;
  std::vector<Diagnostic> warnings;
};

// Written whole or not at all (a temporary file renamed into place).
void save_record(const std::filesystem::path& file, const BuildRecord& record);
// Nothing if the file is missing or does not read back cleanly.
std::optional<BuildRecord> load_record(const std::filesystem::path& file);

}  // namespace book
