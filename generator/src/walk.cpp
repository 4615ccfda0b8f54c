#include "walk.hpp"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#include <dirent.h>
#include <sys/stat.h>

namespace book {
namespace {

// The folders still to list, shared by the threads; the walk is over when none is left and no
// thread is listing one (which could find more).
struct Walk {
  std::string root;
  Listing what;
  std::mutex m;
  std::condition_variable changed;
  std::vector<std::string> pending{""};
  unsigned busy = 0;
  FolderListing out;
};

// What one folder holds: its files, and the folders below it.
// Returns errno if the folder cannot be read (0 if it can).
int list_folder(const std::string& root, const std::string& dir, Listing what, std::vector<FoundFile>& files,
                std::vector<std::string>& folders) {
  DIR* d = ::opendir((dir.empty() ? root : root + "/" + dir).c_str());
  if (!d) return errno;
  const bool everything = what == Listing::Everything;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == ".." || (!everything && name[0] == '.')) continue;
    std::string rel = dir.empty() ? std::string(name) : dir + "/" + e->d_name;
    unsigned char type = e->d_type;
    struct stat st {};
    if (type == DT_UNKNOWN && ::lstat((root + "/" + rel).c_str(), &st) == 0)
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
    if (type == DT_DIR) {
      folders.push_back(std::move(rel));
    } else if (type == DT_LNK) {
      if (everything || (::stat((root + "/" + rel).c_str(), &st) == 0 && S_ISREG(st.st_mode)))
        files.push_back({std::move(rel), true});
    } else if (type == DT_REG || everything) {
      files.push_back({std::move(rel), false});
    }
  }
  ::closedir(d);
  return 0;
}

void work(Walk& w) {
  std::unique_lock<std::mutex> lock(w.m);
  for (;;) {
    w.changed.wait(lock, [&] { return !w.pending.empty() || w.busy == 0; });
    if (w.pending.empty()) return;
    const std::string dir = std::move(w.pending.back());
    w.pending.pop_back();
    ++w.busy;
    lock.unlock();
    std::vector<FoundFile> files;
    std::vector<std::string> folders;
    const int error = list_folder(w.root, dir, w.what, files, folders);
    lock.lock();
    for (auto& f : files) w.out.files.push_back(std::move(f));
    for (auto& f : folders) w.pending.push_back(std::move(f));
    if (error && (error != EACCES || w.what == Listing::Everything) && w.out.error.empty()) {
      w.out.error_folder = dir.empty() ? w.root : w.root + "/" + dir;
      w.out.error = std::strerror(error);
    }
    --w.busy;
    w.changed.notify_all();
  }
}

}  // namespace

FolderListing list_files(const std::string& root, unsigned threads, Listing what) {
  Walk w;
  w.root = root;
  w.what = what;
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(w));
  work(w);
  for (auto& t : pool) t.join();
  return std::move(w.out);
}

}  // namespace book
