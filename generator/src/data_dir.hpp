// Where the generator finds what it takes from npm packages at run time: KaTeX and Mermaid
// (copied into sites that use them), the emoji and icon SVGs and the emoji index (inlined
// into pages). CMake prepares the folder in the build tree and `cmake --install` copies it
// to <prefix>/share/bookgen beside <prefix>/bin/generator.
#pragma once
#include <filesystem>

namespace book {

// $BOOK_DATA_DIR when set; else <folder of the executable>/../share/bookgen when it exists
// (an installed generator); else the build tree's folder, compiled in.
std::filesystem::path data_dir();

}  // namespace book
