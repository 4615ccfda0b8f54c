// Tells `serve` when to rebuild. inotify wakes it only when something under the watched
// folders changed, so an idle server costs nothing; a fingerprint of names, sizes and times
// then decides whether a rebuild is due, since editors touch files without changing them.
// Where inotify is not available it polls the fingerprint instead.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace book {

// Names, sizes and modification times of every file under `roots` (files or folders).
std::string fingerprint(const std::vector<std::filesystem::path>& roots);

class Watcher {
 public:
  // A file root (mkdocs.yml) is watched through its folder: editors replace files by rename.
  explicit Watcher(std::vector<std::filesystem::path> roots);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Calls `on_change` after each change of the fingerprint, until stop(). Blocks.
  void run(const std::function<void()>& on_change);

  // Makes run() return promptly, also from another thread or before run() started.
  void stop();

 private:
  bool wait_for_event(int timeout_ms);  // false once stopped
  void drain();
  void add_watches();

  std::vector<std::filesystem::path> roots_;
  int inotify_fd_;
  int wake_fd_;  // eventfd written by stop()
  std::atomic<bool> stopped_{false};
};

}  // namespace book
