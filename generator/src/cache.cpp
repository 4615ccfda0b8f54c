#include "cache.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace book {

// One stat (std::filesystem's last_write_time and file_size are one each): a build stamps
// every file of the book.
Stamp Stamp::of(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {-1, static_cast<std::uintmax_t>(-1)};
  return of(st);
}

Stamp Stamp::of(const struct stat& st) {
  return {static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<std::uintmax_t>(st.st_size)};
}

std::string Stamp::text() const {
  return ":" + std::to_string(mtime_ns) + ":" + std::to_string(size) + "\n";
}

void BuildCache::set_inputs(std::string fingerprint) {
  if (fingerprint == inputs_) return;
  rendered_.clear();
  inputs_ = std::move(fingerprint);
}

// Read-only on the map while render workers run: each touches only its own entry.
bool BuildCache::take_rendering(const std::string& source, const Stamp& stamp, PageModel& model, Diagnostics& diags) {
  const auto hit = rendered_.find(source);
  if (hit == rendered_.end() || !(hit->second.stamp == stamp)) return false;
  model = std::move(hit->second.model);
  diags = hit->second.diags;
  return true;
}

void BuildCache::keep_rendering(const std::string& source, const Stamp& stamp, PageModel&& model,
                                const Diagnostics& diags) {
  rendered_[source] = {stamp, std::move(model), diags};
}

bool BuildCache::copied_unchanged(const std::string& site_path, const Stamp& stamp) const {
  const auto was = copied_.find(site_path);
  return was != copied_.end() && was->second == stamp;
}

bool BuildCache::written_unchanged(const std::string& site_path, size_t hash) const {
  const auto was = written_.find(site_path);
  return was != written_.end() && was->second == hash;
}

void BuildCache::set_output(std::map<std::string, Stamp> copied, std::map<std::string, size_t> written) {
  copied_ = std::move(copied);
  written_ = std::move(written);
}

namespace {
constexpr const char* kOutputRecord = "bookgen-output 2 ";
}

void BuildCache::save_output(const std::filesystem::path& file, const std::string& build_id) const {
  std::string text = kOutputRecord + build_id + "\n";
  for (const auto& [path, hash] : written_)
    if (path.find('\n') == std::string::npos) text += "w " + std::to_string(hash) + " " + path + "\n";
  for (const auto& [path, s] : copied_)
    if (path.find('\n') == std::string::npos)
      text += "c " + std::to_string(s.mtime_ns) + " " + std::to_string(s.size) + " " + path + "\n";
  const std::filesystem::path tmp = file.string() + ".new";
  std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text << "end\n";
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
}

bool BuildCache::load_output(const std::filesystem::path& file, const std::string& build_id) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (build_id.empty() || !std::getline(in, line) || line != kOutputRecord + build_id) return false;
  std::map<std::string, Stamp> copied;
  std::map<std::string, size_t> written;
  try {
    while (std::getline(in, line) && line != "end") {
      std::istringstream fields(line);
      std::string kind;
      long long mtime = 0;
      Stamp s;
      size_t hash = 0;
      if (!(fields >> kind) || (kind == "w" && !(fields >> hash)) || (kind == "c" && !(fields >> mtime >> s.size)) ||
          (kind != "w" && kind != "c") || fields.get() != ' ')
        return false;
      std::string path;
      std::getline(fields, path);
      s.mtime_ns = mtime;
      kind == "w" ? (void)(written[path] = hash) : (void)(copied[path] = s);
    }
  } catch (const std::exception&) {
    return false;
  }
  if (line != "end") return false;  // cut short
  set_output(std::move(copied), std::move(written));
  return true;
}

}  // namespace book
