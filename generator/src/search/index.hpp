// The search index of a book, made from the page models (never from the written HTML):
// one document per section (the text before the first heading, then each heading's), each
// reached by a deep link to the heading's id. Files are written under search/ in the site:
//   search/index.json   the manifest: document count, chunk size, the tree of term shards
//   search/t/...        term shards (format.hpp)
//   search/d/<g>/<n>    documents n*chunk .. n*chunk+chunk-1, deflated: for each, four lines
//                       (URL from the site root with #id, page title, heading, plain text),
//                       fetched only for the results shown, for their titles and excerpts;
//                       g = n / group, so that no folder holds thousands of files (a folder's
//                       files are created one at a time: the kernel locks it for each).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "book.hpp"
#include "search/format.hpp"

namespace book::search {

struct Document {
  std::string url;        // from the site root: "a/b/#id" or "a/b.html#id"
  std::string title;      // the page's
  std::string heading;    // the section's heading; empty for the text before the first one
  std::string_view text;  // the section's, as the page model holds it (any whitespace): the book outlives it
  bool page_start;        // the page's first document: its title's words count there
};

// `threads`: how many to work on (the build's --threads).
std::vector<Document> documents(const Book& book, unsigned threads);

// Term entries with BM25 impacts: title words weigh 3, heading words 2, text 1.
std::vector<Entry> index_entries(const std::vector<Document>& docs, unsigned threads);

// Sizes trade a reader's bytes against files to create (on a disk each costs a build more
// than its bytes). A first query fetches the chunks of its five best results, so chunks stay
// small; 16 KB leaves are half as many files as 8 KB ones, for a few KB more a query (a typed
// "shmat" fetches 17 KB of the bench book's index).
constexpr size_t kChunk = 8;              // documents a file
constexpr size_t kGroup = 128;            // chunk files a folder
constexpr size_t kLeafLimit = 16 * 1024;  // bytes of a leaf before deflating

// Every file of the index, paths relative to the site root ("search/index.json").
std::vector<std::pair<std::string, std::string>> index_files(const Book& book, unsigned threads);

}  // namespace book::search
