// The default theme (site/templates and site/assets), compiled into the program.
//
// Compiled in rather than installed beside the program by `cmake --install`: one file then
// works from the build tree, from any install prefix or copied anywhere, with no search for
// a share/ folder relative to the executable. The theme is small (tens of KB), and
// `--theme FOLDER` still takes a theme of plain files that an author can change.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace book {

struct BuiltinFile {
  const char* path;  // "templates/page.html", "assets/book.css"
  const unsigned char* data;
  size_t size;
  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

// Every file, sorted by path. Defined in the source that CMake generates (embed_theme.cmake).
const std::vector<BuiltinFile>& builtin_theme();

// The file at `path`, or null.
inline const BuiltinFile* builtin_theme_file(const std::string& path) {
  for (const auto& f : builtin_theme())
    if (path == f.path) return &f;
  return nullptr;
}

}  // namespace book
