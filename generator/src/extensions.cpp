// The registry: one line per extension file in ext/, in the order they run on a page.
#include "extension.hpp"

namespace book {

std::unique_ptr<Extension> make_quiz_extension();
std::unique_ptr<Extension> make_admonition_extension();
std::unique_ptr<Extension> make_markdown_in_html_extension();
std::unique_ptr<Extension> make_trace_embed_extension();

Extensions default_extensions() {
  Extensions e;
  e.push_back(make_quiz_extension());  // before admonitions: it reads the raw "??? question"
  e.push_back(make_admonition_extension());
  e.push_back(make_markdown_in_html_extension());
  e.push_back(make_trace_embed_extension());
  return e;
}

}  // namespace book
