// Work spread over threads: every stage that does the same thing to many items (pages, files,
// search documents) uses this one loop.
#pragma once
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace book {

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

}  // namespace book
