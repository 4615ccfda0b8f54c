// libFuzzer target: mkdocs.yml as load_config reads it. load_config takes a path, so every
// input is written to mkdocs.yml in a private folder that also holds docs/ (the default
// docs_dir), letting the nav be parsed. A BuildError is the only acceptable failure: it
// carries file:line for the author. Anything else escaping (yaml-cpp's own exceptions,
// std::bad_alloc from recursion) is a bug in generator/src/config.cpp.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "config.hpp"
#include "diagnostics.hpp"

namespace fs = std::filesystem;

namespace {

// Never destroyed: the atexit handler that removes the folder runs after static destructors.
const fs::path& work_dir() {
  static const fs::path* dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "fuzz_config.XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    fs::create_directories(fs::path(tmpl) / "docs");
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(work_dir(), ec);
    });
    return new fs::path(tmpl);
  }();
  return *dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path file = work_dir() / "mkdocs.yml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    book::load_config(file);
  } catch (const book::BuildError& e) {
    // The message must say where: file:line (line 0 only for whole-file problems).
    if (e.diagnostic.file.empty() || e.diagnostic.line < 0) __builtin_trap();
  }
  return 0;
}
