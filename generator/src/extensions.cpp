// The registry: one line per extension file in ext/, in the order they run on a page.
#include "config.hpp"
#include "extension.hpp"

namespace book {

std::unique_ptr<Extension> make_front_matter_extension();
std::unique_ptr<Extension> make_quiz_extension();
std::unique_ptr<Extension> make_admonition_extension();
std::unique_ptr<Extension> make_tabbed_extension();
std::unique_ptr<Extension> make_markdown_in_html_extension();
std::unique_ptr<Extension> make_def_list_extension();
std::unique_ptr<Extension> make_footnotes_extension();
std::unique_ptr<Extension> make_abbr_extension();
std::unique_ptr<Extension> make_attr_list_extension();
std::unique_ptr<Extension> make_trace_embed_extension();
std::unique_ptr<Extension> make_arithmatex_extension();
std::unique_ptr<Extension> make_emoji_extension();
std::unique_ptr<Extension> make_mark_extension();
std::unique_ptr<Extension> make_caret_extension();
std::unique_ptr<Extension> make_tilde_extension();
std::unique_ptr<Extension> make_mermaid_extension();

namespace {

// superfences' custom_fences option, as config.cpp keeps it: "name: mermaid" among its lines.
bool mermaid_fence(const Config& config) {
  const MarkdownExtension* e = config.extension("pymdownx.superfences");
  return e && ("\n" + e->option("custom_fences") + "\n").find("\nname: mermaid\n") != std::string::npos;
}

}  // namespace

bool extension_enabled(const Config& config, const std::string& name) {
  return config.extension(name) || config.extension("markdown.extensions." + name);
}

Extensions default_extensions(const Config& config) {
  Extensions e;
  e.push_back(make_front_matter_extension());  // first: the block is not part of the body
  e.push_back(make_quiz_extension());          // before admonitions: it reads the raw "??? question"
  e.push_back(make_admonition_extension());
  // def_list writes its terms and definitions as md_in_html elements: it runs first.
  if (extension_enabled(config, "def_list")) e.push_back(make_def_list_extension());
  if (extension_enabled(config, "pymdownx.tabbed")) e.push_back(make_tabbed_extension());
  e.push_back(make_markdown_in_html_extension());
  if (extension_enabled(config, "footnotes")) e.push_back(make_footnotes_extension());
  if (extension_enabled(config, "abbr")) e.push_back(make_abbr_extension());
  if (extension_enabled(config, "attr_list")) e.push_back(make_attr_list_extension());
  e.push_back(make_trace_embed_extension());
  // Inline syntax as source passes, after the block passes have dedented bodies; math first,
  // so that what it protects is no longer read as emoji or marks.
  if (extension_enabled(config, "pymdownx.arithmatex")) e.push_back(make_arithmatex_extension());
  if (extension_enabled(config, "pymdownx.emoji")) e.push_back(make_emoji_extension());
  if (extension_enabled(config, "pymdownx.mark")) e.push_back(make_mark_extension());
  if (extension_enabled(config, "pymdownx.caret")) e.push_back(make_caret_extension());
  if (extension_enabled(config, "pymdownx.tilde")) e.push_back(make_tilde_extension());
  if (mermaid_fence(config)) e.push_back(make_mermaid_extension());
  return e;
}

Extensions default_extensions() {
  return default_extensions(Config{});
}

}  // namespace book
