#include "data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace book {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("BOOK_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "bookgen";
    if (std::filesystem::is_directory(installed, ec)) return installed;
  }
#ifdef BOOK_DATA_DIR
  return BOOK_DATA_DIR;
#else
  return "share/bookgen";
#endif
}

}  // namespace book
