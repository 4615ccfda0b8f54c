// Our Markdown additions plug in here, the way cmark-gfm's extensions plug into its core:
// the core (markdown.cpp) knows nothing about admonitions, quizzes or traces; it runs
// every registered extension at two points of a page's life.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "fence.hpp"

namespace book {

// One line of a page after the line pass, remembering the source line it came from so that
// every message still names the line the author wrote.
struct Line {
  std::string text;
  int source_line;
};
using Lines = std::vector<Line>;

struct PageContext {
  std::string shown_file;                 // e.g. "content/chapters/07-shared-memory/index.md"
  std::filesystem::path source_dir;       // folder of the Markdown file (for sibling files)
};


class Extension {
 public:
  virtual ~Extension() = default;
  virtual const char* name() const = 0;

  // Before cmark parses the page: rewrite block syntax cmark does not know into
  // CommonMark plus HTML blocks. Must keep source_line on every line it emits.
  virtual void transform_lines(Lines& /*lines*/, const PageContext&, Diagnostics&) {}

  // True for a file under docs_dir that this extension reads into pages, so it is not
  // also copied into the site as it is (recorded traces become diagrams, not downloads).
  virtual bool consumes_asset(const std::string& /*docs_relative_path*/) const { return false; }

  // After a fenced code block is rendered: HTML to place right under it.
  virtual std::string after_code_block(const CodeBlock&, const PageContext&, Diagnostics&) {
    return {};
  }
};

using Extensions = std::vector<std::unique_ptr<Extension>>;

// The standard set, in the order they run.
Extensions default_extensions();

// Factories, one per extension file.
std::unique_ptr<Extension> make_admonition_extension();    // !!! / ??? / ???+ blocks
std::unique_ptr<Extension> make_markdown_in_html_extension();  // <div markdown>
std::unique_ptr<Extension> make_trace_embed_extension();   // traces/<stem>.json under code

}  // namespace book
