#include "theme.hpp"

#include <algorithm>

#include "diagnostics.hpp"
#include "text.hpp"

namespace book {

const std::vector<std::string>& Template::known_names() {
  static const std::vector<std::string> names = {
      "title", "site_name", "head_title", "content", "toc", "nav", "prev_next", "root", "page_path",
      // mkdocs.yml's Material settings and the page's own policy (assemble.cpp fills them).
      "lang", "csp", "service_worker", "favicon", "head", "scripts", "logo", "repo", "edit", "footer", "primary",
      "accent", "features", "body_class",
      // what only some pages load (KaTeX, Mermaid)
      "page_scripts", "search"};
  return names;
}

Template Template::load(const std::filesystem::path& file, const std::string& shown) {
  return parse(read_file(file, shown), shown);
}

Template Template::parse(const std::string& text, const std::string& shown) {
  check_utf8(text, shown);
  Template t;
  size_t pos = 0;
  auto line_at = [&](size_t at) { return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')); };
  while (pos < text.size()) {
    const size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const bool raw = text.compare(open, 3, "{{{") == 0;
    const std::string closer = raw ? "}}}" : "}}";
    const size_t close = text.find(closer, open);
    if (close == std::string::npos)
      fail(shown, line_at(open), "\"" + std::string(raw ? "{{{" : "{{") + "\" is never closed");
    std::string name = text.substr(open + (raw ? 3 : 2), close - open - (raw ? 3 : 2));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    const auto& known = known_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      fail(shown, line_at(open), "unknown template variable \"" + name + "\"; known: " + list);
    }
    t.parts_.push_back({text.substr(pos, open - pos), false, false});
    t.parts_.push_back({name, true, raw});
    pos = close + closer.size();
  }
  t.parts_.push_back({text.substr(pos), false, false});
  return t;
}

std::string Template::render(const std::map<std::string, std::string>& values) const {
  // One buffer of about the page's size: a page is mostly its content, copied once.
  size_t size = 0;
  for (const auto& p : parts_) {
    const auto it = p.variable ? values.find(p.text) : values.end();
    size += !p.variable ? p.text.size() : it == values.end() ? 0 : it->second.size();
  }
  std::string out;
  out.reserve(size + size / 16);
  for (const auto& p : parts_) {
    if (!p.variable) {
      out += p.text;
      continue;
    }
    const auto it = values.find(p.text);
    if (it == values.end()) continue;
    out += p.raw ? it->second : escape_html(it->second);
  }
  return out;
}

}  // namespace book
