#include "up_to_date.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cache.hpp"
#include "fragment_cache.hpp"
#include "parallel.hpp"
#include "text.hpp"
#include "walk.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "bookgen build record 2";

std::string hex(const FragmentCache::Key& key) {
  return to_hex({reinterpret_cast<const char*>(key.data()), key.size()});
}

// Newlines and tabs would break the record's lines; a warning's message never needs them.
std::string one_field(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return s;
}

}  // namespace

void InputPrint::add(std::string_view text) {
  text_.append(text) += '\n';
}

std::string InputPrint::file_line(const fs::path& file) {
  return file.string() + Stamp::of(file).text();
}

std::string InputPrint::digest() const {
  return hex(FragmentCache::key({"inputs", text_}));
}

std::string site_print(const fs::path& site) {
  const std::string root = site.string();
  FolderListing found = list_files(root, hardware_threads(), Listing::Everything);
  if (!found.error.empty()) return {};
  std::vector<std::string> lines(found.files.size());
  std::atomic<bool> unreadable = false;
  parallel_for(lines.size(), hardware_threads(), [&](size_t i, unsigned) {
    struct stat st {};
    if (::lstat((root + "/" + found.files[i].rel).c_str(), &st) != 0) unreadable = true;
    lines[i] = "/" + found.files[i].rel + '\t' + Stamp::of(st).text();
  });
  if (unreadable) return {};
  std::sort(lines.begin(), lines.end());
  std::string all;
  for (const auto& l : lines) all += l;  // each ends with its stamp's newline
  return hex(FragmentCache::key({"site", all}));
}

void save_record(const fs::path& file, const BuildRecord& r) {
  std::ostringstream out;
  out << kHeader << '\n' << r.inputs << '\n' << r.site << '\n' << r.pages << ' ' << r.files << '\n';
  for (const auto& w : r.warnings) out << one_field(w.file) << '\t' << w.line << '\t' << one_field(w.message) << '\n';
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << out.str();
    if (!f.flush()) return;  // no record: the next build simply builds
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
}

std::optional<BuildRecord> load_record(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string header;
  BuildRecord r;
  if (!std::getline(in, header) || header != kHeader || !std::getline(in, r.inputs) || !std::getline(in, r.site))
    return std::nullopt;
  std::string counts;
  if (!std::getline(in, counts) || std::sscanf(counts.c_str(), "%zu %zu", &r.pages, &r.files) != 2) return std::nullopt;
  for (std::string line; std::getline(in, line);) {
    const size_t a = line.find('\t'), b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) return std::nullopt;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.file = line.substr(0, a);
    d.line = std::atoi(line.c_str() + a + 1);
    d.message = line.substr(b + 1);
    r.warnings.push_back(std::move(d));
  }
  const size_t digest = 2 * FragmentCache::Key{}.size();
  if (r.inputs.size() != digest || r.site.size() != digest) return std::nullopt;
  return r;
}

}  // namespace book
