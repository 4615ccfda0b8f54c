// pymdownx.superfences' custom fence for Mermaid, as Material documents it:
//   markdown_extensions:
//     - pymdownx.superfences:
//         custom_fences:
//           - name: mermaid
//             class: mermaid
//             format: !!python/name:pymdownx.superfences.fence_code_format
// A ```mermaid block becomes <pre class="mermaid"><code>...</code></pre> (the code escaped, as
// fence_code_format writes it) in place of a highlighted block, and the page gets needs
// "mermaid": the theme loads Mermaid (served by the site, from npm) only there.
// Mermaid writes a <style> element and style attributes into each SVG it draws: under the
// theme's style-src 'self' the diagram is drawn but those styles are refused, so such pages
// need their policy widened for styles (never for scripts).
#include "data_dir.hpp"
#include "extension.hpp"
#include "text.hpp"

namespace book {
namespace {

class Mermaid : public Extension {
 public:
  explicit Mermaid(std::filesystem::path script) : script_(std::move(script)) {}
  const char* name() const override { return "pymdownx.superfences mermaid"; }

  void code_block(const CodeBlock& block, std::string& html, PageContext& ctx) override {
    if (block.info.lang != "mermaid") return;
    std::string code = block.code;
    if (!code.empty() && code.back() == '\n') code.pop_back();
    html = "<pre class=\"mermaid\"><code>" + escape_html(code) + "</code></pre>\n";
    ctx.page.needs.insert("mermaid");
  }

  void site_assets(std::vector<std::pair<std::string, std::filesystem::path>>& out) const override {
    std::error_code ec;
    if (std::filesystem::is_regular_file(script_, ec)) out.push_back({"assets/mermaid/mermaid.min.js", script_});
  }

 private:
  std::filesystem::path script_;
};

}  // namespace

std::unique_ptr<Extension> make_mermaid_extension() {
  return std::make_unique<Mermaid>(data_dir() / "assets" / "mermaid" / "mermaid.min.js");
}

}  // namespace book
