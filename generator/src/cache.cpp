#include "cache.hpp"

namespace book {

Stamp Stamp::of(const std::filesystem::path& file) {
  std::error_code ec;
  Stamp s;
  s.mtime = std::filesystem::last_write_time(file, ec);
  s.size = std::filesystem::file_size(file, ec);
  return s;
}

std::string Stamp::text() const {
  return ":" + std::to_string(mtime.time_since_epoch().count()) + ":" + std::to_string(size) + "\n";
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

}  // namespace book
