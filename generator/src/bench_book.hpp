// The benchmark's book: page i is the chapter with every identifier and number of its code
// (and of its prose's code spans and numbers) changed by i, its recorded traces changed the
// same way, so no two pages or traces are alike and no content cache can share work between
// them; plus pages shaped like the Python and shell textbooks MkDocs books are made of.
// The same arguments always give the same bytes.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace book {

// Identifiers outside a few C keywords get "_<i>", numbers get i added; line count kept.
std::string vary_code(std::string_view code, int i);
// A Markdown source varied as above in its code blocks, code spans and numbers (links,
// raw HTML and fence attributes other than title stay as they are, so the page still builds).
std::string vary_markdown(std::string_view markdown, int i);
// A recorded trace (JSON) varied to match vary_markdown's page: source, calls' text, times.
std::string vary_trace(const std::string& json_text, int i);

struct BenchBook {
  std::filesystem::path config;  // mkdocs.yml
  std::filesystem::path docs;
  int chapters = 0, textbook_pages = 0;
};

// `chapters` varied chapters (chapters/NNNN/index.md) and `textbook_pages` textbook pages,
// in a nav of sections, with Material's navigation.prune.
BenchBook make_bench_book(const std::filesystem::path& root, const std::filesystem::path& chapter, int chapters,
                          int textbook_pages);

// A book of the chapter and `entries - 1` small pages, for the page size against nav size.
std::filesystem::path make_nav_book(const std::filesystem::path& root, const std::filesystem::path& chapter,
                                    int entries);

}  // namespace book
