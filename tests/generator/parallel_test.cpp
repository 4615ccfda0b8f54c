// Work spread over threads: every item is done once, and files to create in one folder are
// created by one thread, in their order (threads creating files in one folder only contend).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "parallel.hpp"

TEST_CASE("every item is done exactly once, on one of the threads asked for", "[parallel]") {
  std::vector<int> done(1000, 0);
  std::vector<unsigned> by(1000);
  book::parallel_for(done.size(), 4, [&](size_t i, unsigned w) { ++done[i], by[i] = w; });
  CHECK(std::count(done.begin(), done.end(), 1) == 1000);
  CHECK(*std::max_element(by.begin(), by.end()) < 4);
}

TEST_CASE("files of one folder are created by one thread, in order", "[parallel]") {
  const std::vector<std::string> paths = {"a.html",     "img/1.svg",  "img/2.svg",  "img/3.svg",  "search/d/0",
                                          "search/d/1", "search/d/2", "search/t/7", "x/y/z.json", "404.html"};
  std::mutex m;
  std::vector<std::pair<size_t, unsigned>> order;  // (item, worker) as they ran
  book::parallel_for_by_folder(
      paths.size(), 3, [&](size_t i) -> const std::string& { return paths[i]; },
      [&](size_t i, unsigned w) {
        {
          std::lock_guard<std::mutex> lock(m);
          order.push_back({i, w});
        }
        // Slow items, as file creation is: free threads would take a folder's next file.
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
      });
  REQUIRE(order.size() == paths.size());
  auto worker_of = [&](size_t item) {
    for (const auto& [i, w] : order)
      if (i == item) return w;
    return 99u;
  };
  auto position = [&](size_t item) {
    for (size_t p = 0; p < order.size(); ++p)
      if (order[p].first == item) return p;
    return order.size();
  };
  CHECK(worker_of(1) == worker_of(2));  // img/
  CHECK(worker_of(2) == worker_of(3));
  CHECK(worker_of(4) == worker_of(5));  // search/d/
  CHECK(worker_of(5) == worker_of(6));
  CHECK(position(1) < position(2));
  CHECK(position(2) < position(3));
  CHECK(position(4) < position(5));
  CHECK(position(5) < position(6));
}

TEST_CASE("nothing to create runs nothing", "[parallel]") {
  int calls = 0;
  book::parallel_for_by_folder(
      0, 2, [](size_t) -> std::string { return ""; }, [&](size_t, unsigned) { ++calls; });
  CHECK(calls == 0);
}
