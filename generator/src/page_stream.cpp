#include "page_stream.hpp"

#include <algorithm>

namespace book {

std::vector<size_t> PageStream::rendered(size_t page, const std::vector<int>& shown) {
  size_t last = page;
  for (int p : shown) last = std::max(last, static_cast<size_t>(p));
  std::vector<size_t> ready;
  const std::lock_guard<std::mutex> lock(mutex_);
  rendered_[page] = true;
  waiting_.push({last, page});
  while (prefix_ < rendered_.size() && rendered_[prefix_]) ++prefix_;
  if (prefix_ == rendered_.size()) return ready;
  for (; !waiting_.empty() && waiting_.top().first < prefix_; waiting_.pop()) ready.push_back(waiting_.top().second);
  return ready;
}

std::vector<size_t> PageStream::rest() {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::vector<size_t> pages;
  for (; !waiting_.empty(); waiting_.pop()) pages.push_back(waiting_.top().second);
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace book
