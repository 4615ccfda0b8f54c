// Our Markdown additions (admonitions, md_in_html, quizzes, trace embeds) plug in here; the
// core (markdown.cpp) calls every registered extension at named points of one page's
// rendering and knows nothing about them. What this really is: not cmark-gfm's parser-level
// syntax extensions, but a pre-pass over source lines (like mdBook's preprocessors) for block
// syntax, plus callbacks on the nodes cmark-gfm parsed. Lines keep their source line numbers,
// so every message still names the line the author wrote. Nothing edits the rendered body:
// an extension that changes an element's tag or attributes says so on the node
// (PageContext::styles) and the core writes that element itself.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diagnostics.hpp"
#include "page.hpp"

typedef struct cmark_node cmark_node;

namespace book {

class FragmentCache;

struct Line {
  std::string text;
  int source_line;
};
using Lines = std::vector<Line>;

// How the core writes an element an extension restyled (see ElementStyles).
struct ElementStyle {
  std::string tag;      // empty: the node's own (p, a, img, em, strong, code, del, td, th, hN)
  std::string written;  // attributes as the author wrote them in HTML (` class="x"`), kept as they are
  // Attributes added, values unescaped; a class joins the classes there, another name replaces
  // one there, and the tag then lists them sorted by name, as Python-Markdown writes them.
  std::map<std::string, std::string> added;
};
// Keyed by cmark node: a paragraph, heading, table cell, link, image, emphasis or code span.
using ElementStyles = std::unordered_map<const cmark_node*, ElementStyle>;

// What an extension may see and change while one page renders.
struct PageContext {
  std::string shown_file;            // e.g. "content/chapters/07-shared-memory/index.md"
  std::filesystem::path source_dir;  // folder of the Markdown file (for sibling files)
  Diagnostics& diags;
  PageModel& page;
  ElementStyles& styles;
  FragmentCache* fragments = nullptr;  // rendered fragments kept between builds, if any
};

class Extension {
 public:
  virtual ~Extension() = default;
  virtual const char* name() const = 0;

  // Block syntax, before cmark parses the page: rewrite what cmark does not know into
  // CommonMark plus HTML blocks. Must keep source_line on every line it emits.
  virtual void block_syntax(Lines& /*lines*/, PageContext&) {}

  // Inline: a text node outside code. Return true after writing HTML that replaces it.
  virtual bool inline_text(const std::string& /*text*/, std::string& /*html*/, PageContext&) { return false; }

  // A heading, before its id is made unique: may set the id or change the text.
  virtual void heading(Heading&, PageContext&) {}

  // A fenced code block after highlighting: `html` is the block's whole HTML. Append to place
  // something right under it (a recorded trace), or replace it (superfences' custom fences:
  // a mermaid block is not code to highlight).
  virtual void code_block(const CodeBlock&, std::string& /*html*/, PageContext&) {}

  // A link or image as written; may rewrite the URL the page shows.
  virtual void link(Link&, PageContext&) {}

  // The parsed document, after the link and raw-HTML callbacks and before the text callbacks
  // and before headings and code blocks are written: may edit text nodes and give elements a style.
  virtual void tree(cmark_node* /*root*/, PageContext&) {}

  // The whole page model, once the body is rendered.
  virtual void page_done(PageContext&) {}

  // True for a file under docs_dir that this extension reads into pages, so it is not
  // also copied into the site as it is (recorded traces become diagrams, not downloads).
  virtual bool consumes_asset(const std::string& /*docs_relative_path*/) const { return false; }

  // Files this extension adds to every site it is enabled for, as (site path, file on disk):
  // the scripts and styles that pages with PageModel::needs load (KaTeX, Mermaid).
  virtual void site_assets(std::vector<std::pair<std::string, std::filesystem::path>>& /*out*/) const {}
};

using Extensions = std::vector<std::unique_ptr<Extension>>;

struct Config;

// The registry (extensions.cpp): the standard set, in the order they run. What MkDocs always
// does (front matter) and what our books rely on (admonitions, details, md_in_html) is always
// there; the Python-Markdown and pymdownx extensions a book opts into in mkdocs.yml's
// markdown_extensions (attr_list, def_list, abbr, footnotes, pymdownx.tabbed, arithmatex, emoji,
// mark, caret, tilde, superfences' mermaid fence) are there only when it lists them, as in
// MkDocs. An extension that needs its options reads them from `config` here, when it is made.
Extensions default_extensions(const Config& config);
Extensions default_extensions();  // for a book whose mkdocs.yml lists no markdown_extensions

// True when mkdocs.yml lists the extension, by its short name or its full module name
// ("footnotes" or "markdown.extensions.footnotes").
bool extension_enabled(const Config& config, const std::string& name);

}  // namespace book
