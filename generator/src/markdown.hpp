// The core: one Markdown page to a page model with cmark-gfm (GFM extensions on, tagfilter
// off so authors' raw HTML such as MicroSim iframes passes as in MkDocs). It knows headings,
// code, links and raw HTML; everything else comes from the extensions it is given.
#pragma once
#include <filesystem>
#include <set>
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

// A relative Markdown link or image as the page at `from` (its source path, "a/b.md") shows
// it. Without directory URLs a link to a Markdown page names the page it becomes
// ("c.md#x" -> "c.html#x") and other URLs stay as written, since pages are written beside
// their sources. With directory URLs, as MkDocs does, every link to a file (a '.' in its last
// part) is made relative to the page's own folder: from "a/b.md", "c.md" -> "../c/" and
// "img/x.png" -> "../img/x.png". External URLs, anchors and absolute paths never change.
std::string rewrite_md_link(const std::string& url, const std::string& from = {}, bool directory_urls = false);

// Whether rewrite_md_link may change `url` in directory-URL mode: links to folders ("../c/")
// are kept as written, so they are relative to the page's output folder, as raw HTML is.
bool names_file(const std::string& url);

struct PageSource {
  std::string shown_file;            // the path messages print
  std::filesystem::path source_dir;  // the page's folder (traces live beside it)
  std::string src_rel = {};          // "a/b.md", relative to docs_dir: where links start
  bool directory_urls = false;       // mkdocs.yml's use_directory_urls
  // Every page's src_rel; a link to a page not among them is left as written, as MkDocs does.
  const std::set<std::string>* pages = nullptr;
};

// What mkdocs.yml says about rendering that the core itself honours.
struct RenderOptions {
  // toc's `permalink`: the symbol placed after each heading, as HTML; empty for none (as
  // Python-Markdown without the option). `permalink: true` is "&para;".
  std::string permalink;
  std::string permalink_title = "Permanent link";
  // pymdownx.highlight: whether every block is numbered unless its fence says otherwise
  // (linenums), whether `linenums: false` forbids numbers even where a fence asks, whether
  // numbers link to their line, and how they look: "table" (a gutter beside the code, the
  // default) or "inline".
  bool linenums = false;
  bool linenums_forbidden = false;
  bool anchor_linenums = false;
  std::string linenums_style = "table";
  // Whether pages keep their sections' text, which only the search index reads.
  bool section_text = true;
  // Highlighted blocks and trace diagrams from earlier builds (none: render them all).
  FragmentCache* fragments = nullptr;
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
