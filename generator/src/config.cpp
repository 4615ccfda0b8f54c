#include "config.hpp"

#include <yaml-cpp/yaml.h>

#include "diagnostics.hpp"
#include "text.hpp"

namespace book {
namespace {

int line_of(const YAML::Node& n) {
  return n.Mark().line + 1;
}

std::string scalar(const YAML::Node& n, const std::string& file, const char* what) {
  if (!n.IsScalar()) fail(file, line_of(n), std::string(what) + " must be a string");
  return n.as<std::string>();
}

// YAML aliases can make a nav section contain itself (endless recursion) or repeat sections
// until the nav has billions of entries: both must be errors, not a crash or a hang.
constexpr size_t max_nav_entries = 10000;
struct NavWalk {
  const std::string& file;
  std::vector<YAML::Node> open_sections;  // the lists being read, outermost first
  size_t entries = 0;
};

// MkDocs nav entries: "page.md", {Title: page.md}, or {Section: [entries...]}.
NavItem parse_nav_entry(const YAML::Node& n, NavWalk& walk) {
  const std::string& file = walk.file;
  NavItem item;
  item.line = line_of(n);
  if (++walk.entries > max_nav_entries)
    fail(file, item.line,
         "nav has more than " + std::to_string(max_nav_entries) + " entries (does a YAML alias repeat a section?)");
  if (n.IsScalar()) {
    item.page = n.as<std::string>();
    return item;
  }
  if (!n.IsMap() || n.size() != 1)
    fail(file, item.line, "a nav entry is \"page.md\", \"Title: page.md\" or \"Section: [entries]\"");
  const auto kv = *n.begin();
  item.title = scalar(kv.first, file, "a nav title");
  if (kv.second.IsScalar()) {
    item.page = kv.second.as<std::string>();
  } else if (kv.second.IsSequence()) {
    for (const auto& open : walk.open_sections)
      if (open.is(kv.second))
        fail(file, item.line, "nav section \"" + item.title + "\" contains itself (through a YAML alias)");
    walk.open_sections.push_back(kv.second);
    for (const auto& child : kv.second) item.children.push_back(parse_nav_entry(child, walk));
    walk.open_sections.pop_back();
  } else {
    fail(file, line_of(kv.second), "nav entry \"" + item.title + "\" must name a page or a list of entries");
  }
  return item;
}

}  // namespace

Config load_config(const std::filesystem::path& file) {
  Config cfg;
  cfg.file = std::filesystem::absolute(file);
  cfg.shown_file = file.string();
  const std::string text = read_file(file, cfg.shown_file);
  check_utf8(text, cfg.shown_file);

  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(cfg.shown_file, e.mark.line + 1, "not valid YAML: " + e.msg);
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) fail(cfg.shown_file, 1, "the config must be a mapping of keys such as site_name, nav");

  if (root["site_name"]) cfg.site_name = scalar(root["site_name"], cfg.shown_file, "site_name");
  std::string docs = "docs";
  if (root["docs_dir"]) docs = scalar(root["docs_dir"], cfg.shown_file, "docs_dir");
  cfg.docs_dir = (cfg.file.parent_path() / docs).lexically_normal();
  std::error_code ec;  // a name the file system refuses (too long) is simply not a folder
  if (!std::filesystem::is_directory(cfg.docs_dir, ec))
    fail(cfg.shown_file, root["docs_dir"] ? line_of(root["docs_dir"]) : 1,
         "docs_dir \"" + docs + "\" is not a folder (it is relative to this file)");

  if (const auto nav = root["nav"]) {
    if (!nav.IsSequence()) fail(cfg.shown_file, line_of(nav), "nav must be a list of entries");
    NavWalk walk{cfg.shown_file, {nav}};
    for (const auto& entry : nav) cfg.nav.push_back(parse_nav_entry(entry, walk));
  }
  return cfg;
}

}  // namespace book
