// The core: one Markdown page to HTML with cmark-gfm (GFM extensions on, tagfilter off so
// authors' raw HTML such as MicroSim iframes passes as in MkDocs). It knows headings, code
// and links; everything else comes from the extensions it is given.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "extension.hpp"
#include "highlight.hpp"

namespace book {

struct Heading {
  int level;
  std::string text;  // plain text, as in the TOC
  std::string id;
  int line;
};

// A link or image as written, for the link checker (.md targets already rewritten).
struct LinkRef {
  std::string url;
  int line;
};

struct RenderedPage {
  std::string html;
  std::string title;  // first level-1 heading, else first heading
  std::vector<Heading> headings;
  std::vector<LinkRef> links;
  std::set<std::string> ids;  // every id on the page: anchors that links may target
};

// The GitHub extensions every page is parsed with (tagfilter stays off: authors' raw HTML is
// trusted, as in MkDocs). The benchmark's cmark-gfm floor uses the same list.
inline constexpr const char* kGfmExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

// Rewrites a relative link to a Markdown page to the page it becomes: "a/b.md#x" ->
// "a/b.html#x". Other URLs are returned unchanged.
std::string rewrite_md_link(const std::string& url);

// Not thread-safe: give each thread its own Renderer (they may share the extensions).
class Renderer {
 public:
  explicit Renderer(const Extensions& extensions);
  RenderedPage render(std::string_view markdown, const PageContext& ctx, Diagnostics& diags);

 private:
  const Extensions& extensions_;
  Highlighter highlighter_;
};

}  // namespace book
