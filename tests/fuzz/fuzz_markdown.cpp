// libFuzzer target: one page of Markdown with our extensions, as `generator build` sees it
// (check_utf8, the mojibake scan, then the Renderer with every extension enabled), plus the
// slug rules. Anything other than a BuildError escaping, a sanitizer report, or a broken
// property below is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config.hpp"
#include "diagnostics.hpp"
#include "markdown.hpp"
#include "slug.hpp"
#include "text.hpp"

#ifndef BOOK_FUZZ_PAGE_DIR
#error "BOOK_FUZZ_PAGE_DIR must name the chapter folder (its traces/ feed the trace embeds)"
#endif

namespace {

// Python-Markdown's slugify keeps \w, '-' and nothing else, lowercased; ours promises ASCII.
bool is_slug(const std::string& s) {
  for (unsigned char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

bool valid_utf8(std::string_view s) {
  try {
    book::check_utf8(s, "property");
    return true;
  } catch (const book::BuildError&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One renderer for the whole run, as one build thread has: state must not leak between pages.
  // Every extension a book can enable, so the optional ones are fuzzed too.
  static const book::Extensions extensions = [] {
    book::Config config;
    for (const char* name : {"attr_list", "def_list", "abbr", "footnotes", "pymdownx.tabbed", "pymdownx.arithmatex",
                             "pymdownx.emoji", "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde"})
      config.markdown_extensions.push_back({name, {}, 0});
    config.markdown_extensions.push_back({"pymdownx.superfences", {{"custom_fences", "name: mermaid"}}, 0});
    return book::default_extensions(config);
  }();
  static book::Renderer renderer(extensions);

  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (!is_slug(book::slugify(text))) __builtin_trap();

  if (!valid_utf8(text)) return 0;  // a build stops at check_utf8 with file:line; nothing renders

  for (const auto& m : book::find_mojibake(text)) {
    // These strings are printed in warnings: they must be text, and point into the page.
    if (!valid_utf8(m.found) || !valid_utf8(m.repaired) || m.line < 1) __builtin_trap();
  }
  if (!valid_utf8(book::repair_mojibake(text))) __builtin_trap();

  book::Diagnostics diags;
  try {
    // The chapter's folder, so that titled code fences find the recorded traces next to it.
    const book::PageModel page = renderer.render(text, {"fuzz.md", BOOK_FUZZ_PAGE_DIR}, diags);
    for (const auto& h : page.headings)
      if (page.ids.count(h.id) == 0) __builtin_trap();  // every heading is a link target
  } catch (const book::BuildError&) {
  }
  return 0;
}
