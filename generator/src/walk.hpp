// Lists the files of a folder tree, one folder at a time on several threads: a book of
// thousands of files is listed in about half the time of std::filesystem's walk, which also
// builds a path object for every entry.
#pragma once
#include <string>
#include <vector>

namespace book {

struct FoundFile {
  std::string rel;       // from the root, '/'-separated
  bool symlink = false;  // a symbolic link (Listing::Book: to a regular file; links to folders are not followed)
};

struct FolderListing {
  std::vector<FoundFile> files;  // in no particular order
  std::string error_folder;      // the first folder that could not be read; empty if none
  std::string error;             // and why
};

enum class Listing {
  // Every regular file, names starting with "." left out (and what such folders hold);
  // folders that may not be read are left out silently, as MkDocs does.
  Book,
  // Every entry that is not a folder, hidden or not; links are listed, not followed; a folder
  // that may not be read is an error. For what a site holds.
  Everything,
};

FolderListing list_files(const std::string& root, unsigned threads, Listing what = Listing::Book);

}  // namespace book
