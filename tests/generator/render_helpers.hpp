// Renders Markdown the way a build does (default extensions), for golden tests.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "config.hpp"
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

inline Rendered render_with(const std::string& md, const book::Extensions& extensions,
                            book::RenderOptions options = {}) {
  book::Renderer renderer(extensions, std::move(options));
  Rendered r;
  r.page = renderer.render(md, {"page.md", "."}, r.diags);
  return r;
}

inline Rendered render_md(const std::string& md) {
  static const book::Extensions extensions = book::default_extensions();
  return render_with(md, extensions);
}

// As a book whose mkdocs.yml lists `enabled` under markdown_extensions renders it.
inline Rendered render_md(const std::string& md, const std::vector<std::string>& enabled) {
  book::Config config;
  for (const auto& name : enabled) config.markdown_extensions.push_back({name, {}, 0});
  return render_with(md, book::default_extensions(config));
}

// The same with the extensions a book's mkdocs.yml enables (markdown_extensions).
inline Rendered render_configured(const std::string& md, const book::Config& config) {
  return render_with(md, book::default_extensions(config));
}

// A config whose markdown_extensions names these, without options.
inline book::Config config_with(std::initializer_list<const char*> names) {
  book::Config config;
  for (const char* n : names) config.markdown_extensions.push_back({n, {}, 0});
  return config;
}

// With the rendering options mkdocs.yml's toc settings give (permalinks).
inline Rendered render_with_options(const std::string& md, book::RenderOptions options) {
  return render_with(md, book::default_extensions(), std::move(options));
}
