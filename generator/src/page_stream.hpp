// Which rendered pages can be assembled while the rest of the book is still rendering. A page
// shows other pages' titles (in its nav, in its previous and next links), so it waits until
// they are rendered. With a pruned nav that is little more than its own section: pages are
// then written, and their bodies let go, a few at a time rather than all at the end, and a
// 1,000-page build holds a handful of bodies instead of every one. Thread-safe.
#pragma once
#include <cstddef>
#include <functional>
#include <mutex>
#include <queue>
#include <utility>
#include <vector>

namespace book {

class PageStream {
 public:
  explicit PageStream(size_t pages) : rendered_(pages, false) {}

  // Page `page` is rendered and shows the titles of `shown`. Returns the pages that can now be
  // assembled, each once. Pages are taken for rendering in order, so a page waits for every
  // page up to the last it shows. Once all are rendered it returns none: what is left is
  // better assembled on all cores (rest()) than by the one thread that rendered last.
  std::vector<size_t> rendered(size_t page, const std::vector<int>& shown);

  // The pages that rendered() has not returned.
  std::vector<size_t> rest();

 private:
  using Waiting = std::pair<size_t, size_t>;  // (the last page it needs, the page)
  std::mutex mutex_;
  std::vector<bool> rendered_;
  size_t prefix_ = 0;  // pages [0, prefix_) are all rendered
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<Waiting>> waiting_;
};

}  // namespace book
