// Renders Markdown the way a build does (default extensions), for golden tests.
#pragma once
#include <string>
#include <utility>

#include "markdown.hpp"

struct Rendered {
  book::PageModel page;
  book::Diagnostics diags;
  std::string errors() const {
    std::string s;
    for (const auto& d : diags.all()) s += d.format() + "\n";
    return s;
  }
};

inline Rendered render_md(const std::string& md, book::RenderOptions options = {}) {
  static const book::Extensions extensions = book::default_extensions();
  book::Renderer renderer(extensions, std::move(options));
  Rendered r;
  r.page = renderer.render(md, {"page.md", "."}, r.diags);
  return r;
}
