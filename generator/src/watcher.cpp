// inotify and the fingerprint in one place, away from HTTP: the watcher thread sleeps in
// poll() on the inotify descriptor and an eventfd, so stopping `serve` wakes it at once
// instead of after a polling interval.
#include "watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

namespace book {
namespace fs = std::filesystem;

namespace {
// Without inotify (or without the eventfd) the loop wakes this often to look for changes.
constexpr int kPollMs = 250;
// A save is often several writes; let them finish before taking the fingerprint.
constexpr auto kSettle = std::chrono::milliseconds(30);
}  // namespace

std::string fingerprint(const std::vector<fs::path>& roots) {
  std::string fp;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      fp += root.string() + std::to_string(fs::last_write_time(root, ec).time_since_epoch().count()) + "\n";
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      fp += it->path().string() + ":" + std::to_string(it->file_size(ec)) + ":" +
            std::to_string(it->last_write_time(ec).time_since_epoch().count()) + "\n";
    }
  }
  return fp;
}

Watcher::Watcher(std::vector<fs::path> roots)
    : roots_(std::move(roots)),
      inotify_fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  add_watches();
}

Watcher::~Watcher() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

void Watcher::run(const std::function<void()>& on_change) {
  std::string seen = fingerprint(roots_);
  const bool event_driven = inotify_fd_ >= 0 && wake_fd_ >= 0;
  while (wait_for_event(event_driven ? -1 : kPollMs)) {
    std::this_thread::sleep_for(kSettle);
    drain();
    std::string now = fingerprint(roots_);
    if (now == seen || stopped_) continue;
    seen = std::move(now);
    on_change();
  }
}

void Watcher::stop() {
  stopped_ = true;
  const uint64_t one = 1;
  // eventfd's write fails only when its counter would overflow, which a few calls cannot reach.
  if (wake_fd_ >= 0) (void)!write(wake_fd_, &one, sizeof one);
}

bool Watcher::wait_for_event(int timeout_ms) {
  if (stopped_) return false;
  pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {inotify_fd_, POLLIN, 0}};  // poll() skips negative fds
  ::poll(fds, 2, timeout_ms);
  return !stopped_;
}

// Reads the pending events; new folders get watches of their own.
void Watcher::drain() {
  if (inotify_fd_ < 0) return;
  alignas(inotify_event) char buf[16384];
  bool new_dir = false;
  for (ssize_t n; (n = read(inotify_fd_, buf, sizeof buf)) > 0;)
    for (char* p = buf; p < buf + n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(p);
      new_dir |= (e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO));
      p += sizeof(inotify_event) + e->len;
    }
  if (new_dir) add_watches();
}

void Watcher::add_watches() {
  if (inotify_fd_ < 0) return;
  constexpr uint32_t mask =
      IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB;
  for (const auto& root : roots_) {
    std::error_code ec;
    const fs::path dir = fs::is_directory(root, ec) ? root : root.parent_path();
    inotify_add_watch(inotify_fd_, dir.c_str(), mask);
    if (dir != root) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_directory(ec)) inotify_add_watch(inotify_fd_, it->path().c_str(), mask);
  }
}

}  // namespace book
