// The core: one Markdown page to a page model with cmark-gfm (GFM extensions on, tagfilter
// off so authors' raw HTML such as MicroSim iframes passes as in MkDocs). It knows headings,
// code, links and raw HTML; everything else comes from the extensions it is given.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "config.hpp"
#include "diagnostics.hpp"
#include "extension.hpp"
#include "highlight.hpp"
#include "page.hpp"

namespace book {

// The GitHub extensions every page is parsed with. The benchmark's cmark-gfm floor uses the
// same list.
inline constexpr const char* kGfmExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

// Rewrites a relative link to a Markdown page to the page it becomes: "a/b.md#x" ->
// "a/b.html#x". Other URLs are returned unchanged.
std::string rewrite_md_link(const std::string& url);

struct PageSource {
  std::string shown_file;            // the path messages print
  std::filesystem::path source_dir;  // the page's folder (traces live beside it)
};

// What mkdocs.yml says about rendering that the core itself honours.
struct RenderOptions {
  // toc's `permalink`: the symbol placed after each heading, as HTML; empty for none (as
  // Python-Markdown without the option). `permalink: true` is "&para;".
  std::string permalink;
  std::string permalink_title = "Permanent link";
  static RenderOptions from(const Config& config);
};

// Not thread-safe: give each thread its own Renderer (they may share the extensions).
class Renderer {
 public:
  explicit Renderer(const Extensions& extensions, RenderOptions options = {});
  PageModel render(std::string_view markdown, const PageSource& source, Diagnostics& diags);

 private:
  const Extensions& extensions_;
  RenderOptions options_;
  Highlighter highlighter_;
};

}  // namespace book
