// Work spread over threads: every stage that does the same thing to many items (pages, files,
// search documents) uses this one loop.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace book {

// The cores to work on when a caller names no count (at least one).
inline unsigned hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs fn(i, worker) for i in [0, n) on `threads` threads; worker < threads. Items are taken
// one at a time, so a slow item does not hold up the rest.
template <class F>
void parallel_for(size_t n, unsigned threads, F&& fn) {
  std::atomic<size_t> next{0};
  auto worker = [&](unsigned w) {
    for (size_t i; (i = next++) < n;) fn(i, w);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& t : pool) t.join();
}

// Runs fn(i, worker) for i in [0, n) where `path_of(i)` names a file to create, with each run
// of consecutive paths in one folder on one thread. Creating a file locks its folder, so two
// threads creating files in one folder only wait on each other; on ext4 the waiter spins, and
// a cold build of the bench book spent a tenth of its processor time there.
template <class PathOf, class F>
void parallel_for_by_folder(size_t n, unsigned threads, PathOf&& path_of, F&& fn) {
  const auto folder = [](std::string_view path) { return path.substr(0, path.find_last_of('/') + 1); };
  std::vector<size_t> runs;  // where each run starts, then n
  std::string last;
  for (size_t i = 0; i < n; ++i) {
    const auto& path = path_of(i);  // kept alive if made for the call
    const std::string_view f = folder(path);
    if (i == 0 || f != last) runs.push_back(i), last.assign(f);
  }
  runs.push_back(n);
  parallel_for(runs.size() - 1, threads, [&](size_t r, unsigned w) {
    for (size_t i = runs[r]; i < runs[r + 1]; ++i) fn(i, w);
  });
}

}  // namespace book
