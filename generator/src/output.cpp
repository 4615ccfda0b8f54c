#include "output.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <set>

#include "diagnostics.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& inner, const fs::path& outer) {
  const auto [a, b] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return a == outer.end();
}

// `mkdocs build` writes these into every site; an author switching over has such a site/.
bool made_by_mkdocs(const fs::path& dir) {
  return fs::exists(dir / "404.html") &&
         (fs::exists(dir / "sitemap.xml") || fs::exists(dir / "search" / "search_index.json"));
}

// The folders that hold the site paths, with their parents. Sorted, so a folder comes before
// those inside it.
std::set<std::string> folders_of(const std::vector<std::string>& site_paths) {
  std::set<std::string> dirs;
  for (const auto& p : site_paths)
    for (fs::path d = fs::path(p).parent_path(); !d.empty(); d = d.parent_path())
      if (!dirs.insert(d.generic_string()).second) break;  // its parents are in already
  return dirs;
}

// Removes what a spare holds beyond the new site's files, so that it becomes the new site
// without any tree deleted whole.
void remove_all_but(const fs::path& dir, const std::vector<std::string>& site_paths) {
  const std::set<std::string> keep(site_paths.begin(), site_paths.end());
  const std::set<std::string> dirs = folders_of(site_paths);
  std::vector<fs::path> gone;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    const bool is_dir = it->is_directory();
    if (is_dir ? dirs.count(rel) : keep.count(rel)) continue;
    gone.push_back(it->path());
    if (is_dir) it.disable_recursion_pending();
  }
  for (const auto& g : gone) fs::remove_all(g);
}

// The build id in a folder's marker; empty if it has none (not ours, or from before ids).
std::string build_of(const fs::path& dir) {
  std::ifstream marker(dir / kOutputMarker);
  std::string id;
  for (std::string line; std::getline(marker, line);)
    if (line.rfind("build ", 0) == 0) id = line.substr(6);
  return id;
}

}  // namespace

OutputFolder::OutputFolder(fs::path out, const std::vector<fs::path>& sources) : out_(std::move(out)) {
  const fs::path o = fs::weakly_canonical(out_);
  for (const fs::path& src : sources) {
    const fs::path s = fs::weakly_canonical(src);
    if (inside(o, s) || inside(s, o))
      fail(out_.string(), 0,
           "output folder overlaps the sources (" + src.string() + "); choose another --out such as build/site");
  }
  previous_ = fs::exists(out_ / kOutputMarker);
  std::random_device random;
  build_id_ = std::to_string(random()) + "-" + std::to_string(random());
  if (previous_) previous_build_ = build_of(out_);
  spare_ = spare_dir(out_);
  if (!fs::exists(out_) || previous_ || fs::is_empty(out_)) return;
  replaces_mkdocs_site_ = made_by_mkdocs(out_);
  if (!replaces_mkdocs_site_)
    fail(out_.string(), 0,
         "folder exists and was not made by this generator; refusing to replace it. Remove it or choose another --out");
}

void OutputFolder::keep_spare() {
  keep_spare_ = true;
  spare_build_ = build_of(spare_);
}

fs::path OutputFolder::spare_dir(const fs::path& out) {
  fs::path abs = fs::absolute(out).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  return abs.parent_path() / ("." + abs.filename().string() + ".spare");
}

OutputFolder::~OutputFolder() {
  std::error_code ec;
  if (!tmp_.empty()) fs::remove_all(tmp_, ec);
}

void OutputFolder::begin(const std::vector<std::string>& site_paths, bool from_spare) {
  const fs::path parent = fs::absolute(out_).parent_path();
  fs::create_directories(parent);
  tmp_ = parent / ("." + out_.filename().string() + ".tmp-" + std::to_string(getpid()));
  fs::remove_all(tmp_);
  from_spare_ = from_spare && !spare_build_.empty();
  if (from_spare_) {
    fs::rename(spare_, tmp_);
    remove_all_but(tmp_, site_paths);
  } else if (keep_spare_ && fs::exists(spare_ / kOutputMarker)) {
    fs::remove_all(spare_);  // ours, but of no use without its record
  }
  fs::create_directories(tmp_);
  add(site_paths);
}

// One mkdir a folder, parents first: create_directories would stat each of a path's parts.
void OutputFolder::add(const std::vector<std::string>& site_paths) {
  for (const auto& d : folders_of(site_paths)) {
    const fs::path dir = tmp_ / d;
    if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
      throw fs::filesystem_error("cannot create folder", dir, std::error_code(errno, std::generic_category()));
  }
}

// A file of the spare may share its inode with the live site (hard-linked by an earlier
// build): it is replaced, never written through.
void OutputFolder::unshare(const std::string& site_path) const {
  if (from_spare_) ::unlink((tmp_ / site_path).c_str());
}

// Plain open, write and close: an ofstream costs a buffer and a locale for each of thousands
// of files, and std::filesystem::copy_file also stats both files and sets the copy's mode (a
// copy gets the default mode, as MkDocs' copies do).
std::string OutputFolder::write(const std::string& site_path, const std::string& data) const {
  unshare(site_path);
  const fs::path to = tmp_ / site_path;
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  bool ok = fd >= 0;
  for (size_t done = 0; ok && done < data.size();) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    ok = n > 0 || (n < 0 && errno == EINTR);
    done += n > 0 ? static_cast<size_t>(n) : 0;
  }
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  return ok ? std::string() : to.string() + ": cannot write file (disk full or no permission?)";
}

std::string OutputFolder::copy(const std::string& site_path, const fs::path& from) const {
  unshare(site_path);
  const fs::path to = tmp_ / site_path;
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return from.string() + ": cannot copy: " + std::strerror(errno);
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  ssize_t n = out < 0 ? -1 : 0;
  // copy_file_range stays in the kernel (and shares blocks where the file system can); across
  // file systems older kernels refuse it, and sendfile does the same work.
  bool range = copy_range_;
  while (out >= 0) {
    n = range ? ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0) : ::sendfile(out, in, nullptr, 1 << 30);
    if (n < 0 && range && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)) {
      range = copy_range_ = false;
      continue;
    }
    if (n <= 0 && !(n < 0 && errno == EINTR)) break;
  }
  const int error = n < 0 ? errno : 0;
  ::close(in);
  if (out >= 0 && ::close(out) != 0 && n == 0) return to.string() + ": cannot copy: " + std::strerror(errno);
  return n == 0 ? std::string() : from.string() + ": cannot copy: " + std::strerror(error);
}

bool OutputFolder::reuse(const std::string& site_path) const {
  if (from_spare_) return true;  // the caller's record says the spare holds this very file
  std::error_code ec;
  if (previous_) fs::create_hard_link(fs::absolute(out_) / site_path, tmp_ / site_path, ec);
  return previous_ && !ec;
}

fs::path OutputFolder::commit(bool defer_cleanup) {
  if (const std::string e =
          write(kOutputMarker,
                "This folder is generated; the generator replaces it whole on each build.\nbuild " + build_id_ + "\n");
      !e.empty())
    fail(tmp_.string(), 0, e);
  fs::path stale;
  if (!fs::exists(out_)) {
    fs::rename(tmp_, out_);
  } else if (renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
    fail(out_.string(), 0, std::string("cannot replace output folder: ") + std::strerror(errno));
  } else if (defer_cleanup) {
    // A name of its own, so the next build's temporary folder cannot meet it.
    static std::atomic<unsigned> replaced{0};
    stale = tmp_.parent_path() /
            ("." + out_.filename().string() + ".old-" + std::to_string(getpid()) + "-" + std::to_string(replaced++));
    fs::rename(tmp_, stale);
  } else if (keep_spare_ && !fs::exists(spare_)) {  // a folder of that name not ours stays
    fs::rename(tmp_, spare_);
  } else {
    fs::remove_all(tmp_);
  }
  tmp_.clear();
  return stale;
}

}  // namespace book
