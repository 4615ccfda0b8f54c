// The watcher behind `serve`'s rebuilds: a change under a watched folder (also in a folder
// created after it started) calls back once the fingerprint differs, and stop() ends it at once.
#include "watcher.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "temp_book.hpp"

using namespace std::chrono_literals;

namespace {
// Runs a watcher on `roots` in a thread; counts its callbacks.
struct RunningWatcher {
  explicit RunningWatcher(std::vector<std::filesystem::path> roots) : watcher(std::move(roots)) {
    done = std::async(std::launch::async, [this] { watcher.run([this] { ++changes; }); });
  }
  ~RunningWatcher() {
    watcher.stop();
    done.wait();
  }
  // Rewrites `rel` with new text every 100 ms until the callback count reaches `at_least`: the
  // watcher starts (and watches a new folder) a moment later than the test goes on.
  bool notices_writes(const TempBook& b, const std::string& rel, int at_least) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    for (std::string text = "x"; changes < at_least && std::chrono::steady_clock::now() < deadline; text += "x") {
      b.write(rel, text);
      std::this_thread::sleep_for(100ms);
    }
    return changes >= at_least;
  }
  book::Watcher watcher;
  std::atomic<int> changes{0};
  std::future<void> done;
};
}  // namespace

TEST_CASE("the fingerprint changes with a file's size, and not when nothing changed", "[watcher]") {
  TempBook b;
  b.write("docs/a.md", "one");
  const std::vector<std::filesystem::path> roots = {b.root / "docs", b.root / "mkdocs.yml"};
  const std::string before = book::fingerprint(roots);
  CHECK(book::fingerprint(roots) == before);
  b.write("docs/a.md", "one two");
  CHECK(book::fingerprint(roots) != before);
}

TEST_CASE("a saved file and a file in a new folder each cause a rebuild", "[watcher]") {
  TempBook b;
  b.write("docs/a.md", "one");
  RunningWatcher w({b.root / "docs"});
  CHECK(w.notices_writes(b, "docs/a.md", 1));
  std::filesystem::create_directories(b.root / "docs/new");
  CHECK(w.notices_writes(b, "docs/new/b.md", w.changes + 1));
}

TEST_CASE("stop() ends run() at once, also before it started", "[watcher]") {
  TempBook b;
  book::Watcher early({b.root / "docs"});
  early.stop();
  early.run([] {});  // returns: stopped before

  book::Watcher watcher({b.root / "docs"});
  auto done = std::async(std::launch::async, [&] { watcher.run([] {}); });
  CHECK(done.wait_for(300ms) == std::future_status::timeout);
  const auto stopped = std::chrono::steady_clock::now();
  watcher.stop();
  REQUIRE(done.wait_for(2s) == std::future_status::ready);
  CHECK(std::chrono::steady_clock::now() - stopped < 100ms);
}
