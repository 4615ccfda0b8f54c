// Which pages can be assembled while the book is still rendering: a page waits for every page
// whose title it shows, and the last batch is left to be assembled on all cores.
#include <catch2/catch.hpp>

#include "page_stream.hpp"

using Pages = std::vector<size_t>;

TEST_CASE("a page is ready once the pages whose titles it shows are rendered", "[page_stream]") {
  book::PageStream s(5);
  CHECK(s.rendered(0, {1}) == Pages{});  // waits for page 1
  CHECK(s.rendered(1, {0}) == Pages{0, 1});
  CHECK(s.rendered(3, {}) == Pages{});  // page 2 is not rendered yet: pages are waited for in order
  CHECK(s.rendered(2, {3}) == Pages{2, 3});
}

TEST_CASE("a page that shows a late page's title waits for it, and only that page", "[page_stream]") {
  book::PageStream s(4);
  CHECK(s.rendered(0, {3}) == Pages{});  // the home page, say, whose next page is the last
  CHECK(s.rendered(1, {}) == Pages{1});
  CHECK(s.rendered(2, {1}) == Pages{2});
  CHECK(s.rendered(3, {}) == Pages{});  // the last page rendered: the rest is left for all cores
  CHECK(s.rest() == Pages{0, 3});
  CHECK(s.rest() == Pages{});  // each page is handed out once
}

TEST_CASE("a book whose every page shows every title is assembled at the end, all at once", "[page_stream]") {
  book::PageStream s(3);
  for (size_t i = 0; i < 3; ++i) CHECK(s.rendered(i, {0, 1, 2}) == Pages{});
  CHECK(s.rest() == Pages{0, 1, 2});
}
