#include "config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

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

// The keys MkDocs 1.4 knows. Those we have no use for are still not warned about: a
// MkDocs book must build without noise.
const std::set<std::string> kKnownKeys = {"site_name",
                                          "site_url",
                                          "site_description",
                                          "site_author",
                                          "copyright",
                                          "docs_dir",
                                          "site_dir",
                                          "nav",
                                          "pages",
                                          "theme",
                                          "extra_css",
                                          "extra_javascript",
                                          "extra_templates",
                                          "extra",
                                          "markdown_extensions",
                                          "plugins",
                                          "use_directory_urls",
                                          "repo_url",
                                          "repo_name",
                                          "edit_uri",
                                          "edit_uri_template",
                                          "strict",
                                          "dev_addr",
                                          "hooks",
                                          "watch",
                                          "validation",
                                          "remote_branch",
                                          "remote_name",
                                          "google_analytics",
                                          "exclude_docs",
                                          "not_in_nav",
                                          "draft_docs",
                                          "INHERIT"};
const std::set<std::string> kThemes = {"material", "mkdocs"};
const std::set<std::string> kPlugins = {"search"};

// A value as text: scalars as written (a tag such as !!python/name:x keeps its text "x"),
// lists as lines, mappings as "key: value" lines.
std::string text_of(const YAML::Node& n) {
  const size_t python = n.Tag().find("python/name:");
  if (python != std::string::npos) return n.Tag().substr(python + 12);
  if (n.IsScalar()) return n.Scalar();
  std::string out;
  if (n.IsSequence())
    for (const auto& item : n) out += (out.empty() ? "" : "\n") + text_of(item);
  if (n.IsMap())
    for (const auto& kv : n) out += (out.empty() ? "" : "\n") + kv.first.Scalar() + ": " + text_of(kv.second);
  return out;
}

std::vector<std::string> string_list(const YAML::Node& n, const std::string& file, const char* what) {
  std::vector<std::string> out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) fail(file, line_of(n), std::string(what) + " must be a list");
  for (const auto& item : n)
    out.push_back(item.IsMap() && item.size() == 1 ? item.begin()->first.Scalar() : text_of(item));
  return out;
}

// markdown_extensions: a list of names or {name: {options}}.
std::vector<MarkdownExtension> parse_extensions(const YAML::Node& n, const std::string& file) {
  std::vector<MarkdownExtension> out;
  if (!n.IsSequence()) fail(file, line_of(n), "markdown_extensions must be a list");
  for (const auto& item : n) {
    MarkdownExtension e;
    e.line = line_of(item);
    if (item.IsScalar()) {
      e.name = item.Scalar();
    } else if (item.IsMap() && item.size() == 1) {
      e.name = item.begin()->first.Scalar();
      const YAML::Node opts = item.begin()->second;
      if (opts.IsMap())
        for (const auto& kv : opts) e.options[kv.first.Scalar()] = text_of(kv.second);
    } else {
      fail(file, e.line, "a markdown_extensions entry is a name or \"name: {options}\"");
    }
    out.push_back(std::move(e));
  }
  return out;
}

ThemeConfig parse_theme(const YAML::Node& n, Config& cfg) {
  ThemeConfig t;
  if (n.IsScalar()) t.name = n.Scalar();
  if (!n.IsMap()) return t;
  if (n["name"]) t.name = text_of(n["name"]);
  if (n["logo"]) t.logo = text_of(n["logo"]);
  if (n["favicon"]) t.favicon = text_of(n["favicon"]);
  if (n["language"]) t.language = text_of(n["language"]);
  if (const auto f = n["features"]) {
    for (const auto& name : string_list(f, cfg.shown_file, "theme.features")) t.features.insert(name);
  }
  // palette: one scheme, or a list of schemes (light/dark toggles): the first one's colours.
  YAML::Node palette = n["palette"];
  if (palette && palette.IsSequence() && palette.size() > 0) palette = palette[0];
  if (palette && palette.IsMap()) {
    if (palette["primary"]) t.primary = text_of(palette["primary"]);
    if (palette["accent"]) t.accent = text_of(palette["accent"]);
  }
  return t;
}

void warn_unknown(Config& cfg, const YAML::Node& root) {
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (!kKnownKeys.count(key))
      cfg.warnings.push_back({Diagnostic::Severity::Warning, cfg.shown_file, line_of(kv.first),
                              "unknown setting \"" + key + "\" is ignored"});
  }
  if (!kThemes.count(cfg.theme.name))
    cfg.warnings.push_back({Diagnostic::Severity::Warning, cfg.shown_file, root["theme"] ? line_of(root["theme"]) : 1,
                            "theme \"" + cfg.theme.name + "\" is not available; the built-in theme is used"});
  if (!root["plugins"] || !root["plugins"].IsSequence()) return;
  for (const auto& item : root["plugins"]) {
    const std::string name = item.IsMap() && item.size() == 1 ? item.begin()->first.Scalar() : text_of(item);
    if (!kPlugins.count(name))
      cfg.warnings.push_back({Diagnostic::Severity::Warning, cfg.shown_file, line_of(item),
                              "plugin \"" + name + "\" is not supported and is skipped"});
  }
}

void read_strings(const YAML::Node& root, Config& cfg) {
  const std::string& f = cfg.shown_file;
  const std::pair<const char*, std::string*> fields[] = {
      {"site_name", &cfg.site_name},     {"site_url", &cfg.site_url},   {"site_description", &cfg.site_description},
      {"site_author", &cfg.site_author}, {"copyright", &cfg.copyright}, {"repo_url", &cfg.repo_url},
      {"repo_name", &cfg.repo_name},     {"edit_uri", &cfg.edit_uri}};
  for (const auto& [key, field] : fields)
    if (root[key]) *field = scalar(root[key], f, key);
  if (root["use_directory_urls"]) cfg.use_directory_urls = root["use_directory_urls"].as<std::string>() == "true";
  if (root["extra_css"]) cfg.extra_css = string_list(root["extra_css"], f, "extra_css");
  if (root["extra_javascript"]) cfg.extra_javascript = string_list(root["extra_javascript"], f, "extra_javascript");
}

std::filesystem::path folder(const YAML::Node& root, const char* key, const char* fallback, const Config& cfg) {
  const std::string name = root[key] ? scalar(root[key], cfg.shown_file, key) : fallback;
  return (cfg.file.parent_path() / name).lexically_normal();
}

YAML::Node parse_yaml(const std::string& text, const std::string& shown) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(shown, e.mark.line + 1, "not valid YAML: " + e.msg);
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) fail(shown, 1, "the config must be a mapping of keys such as site_name, nav");
  return root;
}

}  // namespace

std::string MarkdownExtension::option(const std::string& key, std::string fallback) const {
  const auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

const MarkdownExtension* Config::extension(const std::string& name) const {
  for (const auto& e : markdown_extensions)
    if (e.name == name) return &e;
  return nullptr;
}

bool Config::search_enabled() const {
  return std::find(plugins.begin(), plugins.end(), "search") != plugins.end();
}

Config load_config(const std::filesystem::path& file) {
  Config cfg;
  cfg.file = std::filesystem::absolute(file);
  cfg.shown_file = file.string();
  const std::string text = read_file(file, cfg.shown_file);
  check_utf8(text, cfg.shown_file);
  const YAML::Node root = parse_yaml(text, cfg.shown_file);
  read_strings(root, cfg);
  cfg.docs_dir = folder(root, "docs_dir", "docs", cfg);
  cfg.site_dir = folder(root, "site_dir", "site", cfg);
  std::error_code ec;  // a name the file system refuses (too long) is simply not a folder
  if (!std::filesystem::is_directory(cfg.docs_dir, ec))
    fail(cfg.shown_file, root["docs_dir"] ? line_of(root["docs_dir"]) : 1,
         "docs_dir \"" + cfg.docs_dir.filename().string() + "\" is not a folder (it is relative to this file)");
  if (const auto nav = root["nav"]) {
    if (!nav.IsSequence()) fail(cfg.shown_file, line_of(nav), "nav must be a list of entries");
    NavWalk walk{cfg.shown_file, {nav}};
    for (const auto& entry : nav) cfg.nav.push_back(parse_nav_entry(entry, walk));
  }
  if (root["theme"]) cfg.theme = parse_theme(root["theme"], cfg);
  if (root["markdown_extensions"])
    cfg.markdown_extensions = parse_extensions(root["markdown_extensions"], cfg.shown_file);
  cfg.plugins =
      root["plugins"] ? string_list(root["plugins"], cfg.shown_file, "plugins") : std::vector<std::string>{"search"};
  warn_unknown(cfg, root);
  return cfg;
}

}  // namespace book
