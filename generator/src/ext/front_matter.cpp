// MkDocs' front matter: a page that starts with a `---` line and a YAML block closed by
// `---` or `...` has that block taken out of its body and read as the page's metadata.
// `title` names the page (over its first h1) and its nav entry; `description` and `hide`
// are kept for the theme. Values are kept as text; a list becomes its items, one a line.
// The block is always removed, even when its YAML is invalid (that is a warning), and the
// lines after it keep their source line numbers.
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "extension.hpp"
#include "line_pass.hpp"

namespace book {
namespace {

bool is_fence(const std::string& s, const char* marker) {
  const std::string t = s.substr(0, s.find_last_not_of(" \t") + 1);
  return t == marker;
}

// Scalars as written; a sequence its items one a line; a mapping its "key: value" lines.
std::string as_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  std::string out;
  auto add = [&out](const std::string& s) { out += (out.empty() ? "" : "\n") + s; };
  if (n.IsSequence())
    for (const auto& item : n) add(as_text(item));
  else if (n.IsMap())
    for (const auto& kv : n) add(kv.first.Scalar() + ": " + as_text(kv.second));
  return out;
}

class FrontMatter : public Extension {
 public:
  const char* name() const override { return "front_matter"; }

  void block_syntax(Lines& lines, PageContext& ctx) override {
    if (lines.empty() || !is_fence(lines[0].text, "---")) return;
    size_t close = 1;
    while (close < lines.size() && !is_fence(lines[close].text, "---") && !is_fence(lines[close].text, "...")) ++close;
    if (close == lines.size()) return;  // no closing line: a thematic break, as in MkDocs
    std::string yaml;
    for (size_t i = 1; i < close; ++i) (yaml += lines[i].text) += '\n';
    read(yaml, lines[0].source_line, ctx);
    size_t body = close + 1;  // MkDocs also drops the blank lines that follow the block
    while (body < lines.size() && blank(lines[body].text)) ++body;
    lines.erase(lines.begin(), lines.begin() + static_cast<long>(body));
  }

 private:
  static void read(const std::string& yaml, int first_line, PageContext& ctx) {
    YAML::Node root;
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      ctx.diags.warning(ctx.shown_file, first_line + 1 + std::max(0, e.mark.line),
                        "front matter is not valid YAML (" + e.msg + "); the block is ignored");
      return;
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      ctx.diags.warning(ctx.shown_file, first_line + 1,
                        "front matter must be \"key: value\" lines; the block is ignored");
      return;
    }
    for (const auto& kv : root) ctx.page.front_matter[kv.first.Scalar()] = as_text(kv.second);
    const auto title = ctx.page.front_matter.find("title");
    if (title != ctx.page.front_matter.end()) ctx.page.title = title->second;
  }
};

}  // namespace

std::unique_ptr<Extension> make_front_matter_extension() {
  return std::make_unique<FrontMatter>();
}

}  // namespace book
