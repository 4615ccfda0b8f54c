#include "assemble.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "csp.hpp"
#include "search/ui.hpp"
#include "text.hpp"

namespace book {
namespace {

// Hrefs from the root prefix: with directory URLs a page is linked by its folder ("a/b/"), as
// MkDocs does; a plain static server answers a folder with its index.html.
std::string href_to(const Book& book, int page, const std::string& root) {
  const std::string href = root + page_url(book.pages[page].out_rel, book.config.use_directory_urls);
  return href.empty() ? "./" : href;
}

bool has_feature(const Config& cfg, const char* name) {
  return cfg.theme.features.count(name) > 0;
}

// Front matter `hide:` lists what a page hides ("toc", "navigation", "footer"), one a line.
bool hidden(const Page& p, const std::string& what) {
  const auto it = p.model.front_matter.find("hide");
  if (it == p.model.front_matter.end()) return false;
  for (auto line : split_lines(it->second)) {
    while (!line.empty() && (line.front() == ' ' || line.front() == '-')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line == what) return true;
  }
  return false;
}

// A path from mkdocs.yml (logo, extra_css) as the page links it: URLs as written, site paths
// from the page's root.
std::string site_link(const std::string& path, const std::string& root) {
  if (has_url_scheme(path) || (!path.empty() && path[0] == '/')) return path;
  return root + path;
}

std::string title_of(const Book& book, const NavNode& n) {
  if (!n.title.empty()) return n.title;
  if (n.page >= 0) return page_title(book.pages[n.page]);
  return n.external_url;
}

bool contains_page(const NavNode& n, int page) {
  if (n.page == page) return true;
  return std::any_of(n.children.begin(), n.children.end(), [&](const NavNode& c) { return contains_page(c, page); });
}

int first_page(const NavNode& n) {
  if (n.page >= 0) return n.page;
  for (const auto& c : n.children)
    if (const int p = first_page(c); p >= 0) return p;
  return -1;
}

size_t nav_pages(const std::vector<NavNode>& nodes) {
  size_t n = 0;
  for (const auto& node : nodes) n += (node.page >= 0) + nav_pages(node.children);
  return n;
}

// Material writes the whole nav into every page unless navigation.prune is on, so a book's
// output grows with the square of its size (MkDocs' 1,000-page output is 240 MB, most of it
// sidebars) and so does the time to write it. Above this many pages in the nav the sidebar
// is pruned without being asked: each page keeps the top level and its own section, every
// other section is one link. No reader scans hundreds of entries, and a smaller book (the
// compatibility test's included) looks exactly as Material draws it. A nav of hundreds of
// pages at one level has no sections to fold and stays whole: the author should group it.
constexpr size_t kAutoPruneAbove = 200;

bool prunes(const Book& book) {
  return has_feature(book.config, "navigation.prune") || nav_pages(book.nav) > kAutoPruneAbove;
}

// The sidebar as Material's navigation features shape it: sections collapsible unless
// navigation.sections makes the top level into groups, open where the page is or everywhere
// with navigation.expand, pruned to the page's own section with navigation.prune, a section's
// index.md as its title with navigation.indexes, and the page's TOC under it with toc.integrate.
struct NavRender {
  const Book& book;
  int current;
  std::string root;
  std::string integrated_toc;         // empty unless toc.integrate
  bool prune;                         // navigation.prune, asked for or automatic (prunes())
  std::vector<int>* shown = nullptr;  // if set: only notes the pages whose titles it would show

  std::string title(const NavNode& n) const {
    if (!shown || !n.title.empty() || n.page < 0) return title_of(book, n);
    shown->push_back(n.page);
    return {};
  }

  std::string link(int page, const std::string& title) const {
    return "<a href=\"" + href_to(book, page, root) + "\"" + (page == current ? " aria-current=\"page\"" : "") + ">" +
           title + "</a>";
  }

  void list(const std::vector<NavNode>& nodes, int depth, std::string& out) const {
    out += "<ul>";
    for (const auto& n : nodes) {
      const std::string title = escape_html(this->title(n));
      if (!n.children.empty() || (n.page < 0 && n.external_url.empty()))
        section(n, title, depth, out);
      else if (n.page >= 0)
        out += "<li>" + link(n.page, title) + (n.page == current ? integrated_toc : "") + "</li>";
      else
        out += "<li><a href=\"" + escape_html(n.external_url) + "\">" + title + "</a></li>";
    }
    out += "</ul>";
  }

  void section(const NavNode& n, const std::string& title, int depth, std::string& out) const {
    const Config& cfg = book.config;
    const bool active = contains_page(n, current);
    std::vector<NavNode> children = n.children;
    std::string label = title;
    const NavNode* first = children.empty() ? nullptr : &children.front();
    if (has_feature(cfg, "navigation.indexes") && first && first->page >= 0 && first->children.empty() &&
        (book.pages[first->page].src_rel == "index.md" || ends_with_index(book.pages[first->page].src_rel))) {
      label = link(first->page, title) + (first->page == current ? integrated_toc : "");
      children.erase(children.begin());
    }
    if (prune && !active) {
      const int target = first_page(n);
      out += "<li class=\"nav-section\">" + (target >= 0 ? link(target, title) : label) + "</li>";
      return;
    }
    if (depth == 0 && has_feature(cfg, "navigation.sections")) {
      out += "<li class=\"nav-section\"><span class=\"nav-section-title\">" + label + "</span>";
      list(children, depth + 1, out);
      out += "</li>";
      return;
    }
    const bool open = active || has_feature(cfg, "navigation.expand");
    out += std::string("<li class=\"nav-section\"><details class=\"nav-collapsible\"") + (open ? " open" : "") +
           "><summary class=\"nav-section-title\">" + label + "</summary>";
    list(children, depth + 1, out);
    out += "</details></li>";
  }

  static bool ends_with_index(const std::string& rel) {
    return rel.size() > 9 && rel.compare(rel.size() - 9, 9, "/index.md") == 0;
  }
};

// toc_depth: "3" shows levels up to h3, "2-4" levels 2 to 4; Material's default shows all.
std::pair<int, int> toc_levels(const Config& cfg) {
  int low = 1, high = 6;
  if (const MarkdownExtension* toc = cfg.extension("toc")) {
    const std::string depth = toc->option("toc_depth", "6");
    const size_t dash = depth.find('-');
    try {
      if (dash == std::string::npos) {
        high = std::stoi(depth);
      } else {
        low = std::stoi(depth.substr(0, dash));
        high = std::stoi(depth.substr(dash + 1));
      }
    } catch (const std::exception&) {
      low = 1, high = 6;  // not a number: Material's default, every level
    }
  }
  // The page title (h1) heads the page, not its table of contents.
  return {std::max(low, 2), high};
}

// Nested as Python-Markdown nests: a deeper heading opens a list inside the last item.
std::string toc_html(const PageModel& page, std::pair<int, int> levels) {
  std::string out;
  std::vector<int> open;  // the level of each open <ul>
  for (const auto& h : page.headings) {
    if (h.level < levels.first || h.level > levels.second) continue;
    while (open.size() > 1 && h.level <= open[open.size() - 2]) {
      out += "</ul></li>";
      open.pop_back();
    }
    // Shallower than its list but deeper than the parent's: a sibling in this list.
    if (!open.empty() && h.level < open.back()) open.back() = h.level;
    if (open.empty()) {
      out += "<ul>";
      open.push_back(h.level);
    } else if (h.level > open.back()) {
      out.resize(out.size() - 5);  // reopen the last "<li>...</li>"
      out += "<ul>";
      open.push_back(h.level);
    }
    out += "<li><a href=\"#" + h.id + "\">" + escape_html(h.text) + "</a></li>";
  }
  for (size_t i = 1; i < open.size(); ++i) out += "</ul></li>";
  if (!open.empty()) out += "</ul>";
  return out;
}

// The pages before and after `current` in reading order; -1 where there is none.
std::pair<int, int> neighbours(const Book& book, int current) {
  const auto& order = book.reading_order;
  const auto it = std::find(order.begin(), order.end(), current);
  if (it == order.end()) return {-1, -1};
  return {it == order.begin() ? -1 : *(it - 1), it + 1 == order.end() ? -1 : *(it + 1)};
}

std::string prev_next_html(const Book& book, int current, const std::string& root) {
  const auto [prev, next] = neighbours(book, current);
  std::string out;
  auto link = [&](int i, const char* rel, const char* label) {
    const Page& p = book.pages[i];
    out += std::string("<a class=\"") + rel + "\" rel=\"" + rel + "\" href=\"" + href_to(book, i, root) +
           "\"><span class=\"prev-next-label\">" + label + "</span> " + escape_html(page_title(p)) + "</a>";
  };
  if (prev >= 0) link(prev, "prev", "Previous:");
  if (next >= 0) link(next, "next", "Next:");
  return out;
}

// What only some pages load (PageModel::needs): KaTeX where there is math, Mermaid where
// there are diagrams, each with its small start-up script from the theme.
std::string page_scripts(const PageModel& page, const std::string& root) {
  std::string out;
  if (page.needs.count("math"))
    out += "<link rel=\"stylesheet\" href=\"" + root + "assets/katex/katex.min.css\">\n<script src=\"" + root +
           "assets/katex/katex.min.js\" defer></script>\n<script src=\"" + root + "assets/math.js\" defer></script>\n";
  if (page.needs.count("mermaid"))
    out += "<script src=\"" + root + "assets/mermaid/mermaid.min.js\" defer></script>\n<script src=\"" + root +
           "assets/mermaid-init.js\" defer></script>\n";
  return out;
}

std::string with_slash(std::string url) {
  if (!url.empty() && url.back() != '/') url += '/';
  return url;
}

std::string url_host(const std::string& url) {
  const size_t start = url.find("://");
  if (start == std::string::npos) return {};
  std::string host = url.substr(start + 3, url.find('/', start + 3) - start - 3);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return host;
}

// repo_name and edit_uri default by host, as MkDocs does.
std::string repo_name(const Config& cfg) {
  if (!cfg.repo_name.empty()) return cfg.repo_name;
  const std::string host = url_host(cfg.repo_url);
  if (host == "github.com") return "GitHub";
  if (host == "gitlab.com") return "GitLab";
  if (host == "bitbucket.org") return "Bitbucket";
  std::string name = host.substr(0, host.find('.'));
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string edit_url(const Config& cfg, const Page& p) {
  if (cfg.repo_url.empty() && !has_url_scheme(cfg.edit_uri)) return {};
  std::string uri = cfg.edit_uri;
  const std::string host = url_host(cfg.repo_url);
  if (uri.empty() && (host == "github.com" || host == "gitlab.com")) uri = "edit/master/docs/";
  if (uri.empty() && host == "bitbucket.org") uri = "src/default/docs/";
  if (uri.empty()) return {};
  if (uri[0] != '?' && uri[0] != '#') uri = with_slash(uri);
  if (has_url_scheme(uri)) return uri + p.src_rel;
  if (uri[0] == '/')
    return cfg.repo_url.substr(0, cfg.repo_url.find('/', cfg.repo_url.find("://") + 3)) + uri + p.src_rel;
  return with_slash(cfg.repo_url) + uri + p.src_rel;
}

// What goes into <head> after the theme's own stylesheets.
std::string head_html(const Book& book, const Page* p, const std::string& root) {
  const Config& cfg = book.config;
  std::string out;
  std::string description = cfg.site_description;
  if (p) {
    const auto it = p->model.front_matter.find("description");
    if (it != p->model.front_matter.end() && !it->second.empty()) description = it->second;
  }
  if (!description.empty()) out += "<meta name=\"description\" content=\"" + escape_html(description) + "\">\n";
  if (!cfg.site_author.empty()) out += "<meta name=\"author\" content=\"" + escape_html(cfg.site_author) + "\">\n";
  if (p && !cfg.site_url.empty())
    out += "<link rel=\"canonical\" href=\"" + escape_html(with_slash(cfg.site_url) + page_url(book, *p)) + "\">\n";
  for (const auto& css : cfg.extra_css)
    out += "<link rel=\"stylesheet\" href=\"" + escape_html(site_link(css, root)) + "\">\n";
  return out;
}

std::string scripts_html(const Config& cfg, const std::string& root) {
  std::string out;
  for (const auto& js : cfg.extra_javascript) {
    const bool module = js.size() > 4 && js.compare(js.size() - 4, 4, ".mjs") == 0;
    out += std::string("<script") + (module ? " type=\"module\"" : "") + " src=\"" + escape_html(site_link(js, root)) +
           "\"></script>\n";
  }
  return out;
}

std::string header_extras(const Config& cfg, std::string& logo, const std::string& root) {
  if (!cfg.theme.logo.empty())
    logo = "<img class=\"site-logo\" src=\"" + escape_html(site_link(cfg.theme.logo, root)) + "\" alt=\"\">";
  if (cfg.repo_url.empty()) return {};
  return "<a class=\"repo-link\" href=\"" + escape_html(cfg.repo_url) + "\">" + escape_html(repo_name(cfg)) + "</a>";
}

// Material writes palette colour names with spaces ("deep purple"); its CSS uses dashes.
std::string colour_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return c == ' ' ? '-' : std::tolower(c); });
  return name;
}

std::string features_text(const Config& cfg) {
  std::string out;
  for (const auto& f : cfg.theme.features) out += (out.empty() ? "" : " ") + f;
  return out;
}

std::set<std::string> page_sources(const PageModel& model, const SiteFacts& facts) {
  std::set<std::string> sources = facts.sources;
  sources.insert(model.inline_hashes.begin(), model.inline_hashes.end());
  sources.insert(model.external_sources.begin(), model.external_sources.end());
  // Mermaid styles each diagram with <style> and style= that it writes in the browser: no hash
  // can name them, so pages with diagrams allow inline styles (never inline scripts). Browsers
  // ignore 'unsafe-inline' next to a hash, so the page's style hashes go.
  if (model.needs.count("mermaid")) {
    for (auto it = sources.begin(); it != sources.end();)
      it = it->rfind("style-src ", 0) == 0 ? sources.erase(it) : ++it;
    sources.insert("style-src 'unsafe-inline'");
  }
  return sources;
}

// The variables every page shares; the page fills in the rest.
std::map<std::string, std::string> common_values(const Book& book, const std::string& root, const SiteFacts& facts) {
  const Config& cfg = book.config;
  std::string logo;
  const std::string repo = header_extras(cfg, logo, root);
  return {
      {"site_name", cfg.site_name},
      {"root", root},
      {"lang", cfg.theme.language},
      {"primary", colour_name(cfg.theme.primary)},
      {"accent", colour_name(cfg.theme.accent)},
      {"features", features_text(cfg)},
      {"favicon", site_link(cfg.theme.favicon.empty() ? "assets/favicon.svg" : cfg.theme.favicon, root)},
      {"service_worker", facts.service_worker ? "<script src=\"" + root + "coi-serviceworker.js\"></script>" : ""},
      {"logo", logo},
      {"repo", repo},
      {"scripts", scripts_html(cfg, root)},
      {"search", cfg.search_enabled() ? search::search_box_html(root) : ""},
      {"footer", cfg.copyright.empty() ? "" : "<div class=\"copyright\">" + cfg.copyright + "</div>"},
  };
}

const NavNode* nav_entry(const std::vector<NavNode>& nodes, int page) {
  for (const auto& n : nodes) {
    if (n.page == page) return &n;
    if (const NavNode* found = nav_entry(n.children, page)) return found;
  }
  return nullptr;
}

// MkDocs' title rule: the nav's title, front matter's, the first h1, "Home" for the home page,
// else the file name made readable ("shared_memory-intro.md" -> "Shared memory intro").
std::string mkdocs_title(const Book& book, int i) {
  const Page& p = book.pages[i];
  if (const NavNode* n = nav_entry(book.nav, i); n && !n->title.empty()) return n->title;
  const auto fm = p.model.front_matter.find("title");
  if (fm != p.model.front_matter.end() && !fm->second.empty()) return fm->second;
  for (const auto& h : p.model.headings)
    if (h.level == 1) return h.text;
  if (p.src_rel == "index.md") return "Home";
  std::string name = std::filesystem::path(p.src_rel).stem().string();
  std::replace(name.begin(), name.end(), '-', ' ');
  std::replace(name.begin(), name.end(), '_', ' ');
  if (std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); }) && !name.empty())
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

// Material adds the page title as <h1> when the Markdown has none.
std::string content_with_title(const Book& book, int i) {
  const Page& p = book.pages[i];
  const auto& hs = p.model.headings;
  if (p.model.raw_h1 || std::any_of(hs.begin(), hs.end(), [](const Heading& h) { return h.level == 1; }))
    return p.model.body;
  return "<h1>" + escape_html(mkdocs_title(book, i)) + "</h1>\n" + p.model.body;
}

std::string body_class(const Page& p, const Config& cfg) {
  std::string out;
  for (const char* what : {"toc", "navigation", "footer"})
    if (hidden(p, what)) out += std::string(out.empty() ? "" : " ") + "hide-" + what;
  if (has_feature(cfg, "toc.integrate")) out += std::string(out.empty() ? "" : " ") + "toc-integrated";
  return out;
}

// The line of mkdocs.yml that names `text` (the Config keeps values, not their lines).
int config_line(const Config& config, const std::string& text) {
  std::string yml;
  try {
    yml = read_file(config.file, config.shown_file);
  } catch (const std::exception&) {
    return 0;
  }
  const size_t at = yml.find(text);
  return at == std::string::npos ? 0 : 1 + static_cast<int>(std::count(yml.begin(), yml.begin() + at, '\n'));
}

}  // namespace

SiteFacts site_facts(const Config& config, bool service_worker, Diagnostics& diags) {
  SiteFacts facts;
  facts.service_worker = service_worker;
  auto allow = [&](const std::vector<std::string>& urls, const char* key, const char* directive) {
    for (const auto& url : urls) {
      const std::string origin = url_origin(url);
      if (origin.empty() || !facts.sources.insert(std::string(directive) + " " + origin).second) continue;
      diags.warning(config.shown_file, config_line(config, url),
                    std::string(key) + " \"" + url + "\" is loaded from another host; every page's " +
                        "Content-Security-Policy allows " + origin + " (" + directive + ")");
    }
  };
  allow(config.extra_css, "extra_css", "style-src");
  allow(config.extra_javascript, "extra_javascript", "script-src");
  return facts;
}

std::string page_url(const Book& book, const Page& page) {
  return page_url(page.out_rel, book.config.use_directory_urls);
}

std::string assemble_page(const Book& book, size_t i, const Template& theme, const SiteFacts& facts) {
  const Page& p = book.pages[i];
  const Config& cfg = book.config;
  const std::string root = root_prefix(p.out_rel);
  const std::string title = page_title(p), site_name = cfg.site_name;
  const std::string toc = hidden(p, "toc") ? "" : toc_html(p.model, toc_levels(cfg));
  const bool integrate = has_feature(cfg, "toc.integrate");
  std::string nav;
  if (!hidden(p, "navigation"))
    NavRender{book, static_cast<int>(i), root, integrate ? toc : "", prunes(book)}.list(book.nav, 0, nav);
  auto values = common_values(book, root, facts);
  const std::string edit = edit_url(cfg, p);
  values.insert({
      {"title", title},
      // "Page - Book" in the tab, but not "Book - Book" on a home page named like the book.
      {"head_title", title == site_name ? title : title + " - " + site_name},
      {"toc", integrate ? "" : toc},
      {"nav", nav},
      {"prev_next", hidden(p, "footer") ? "" : prev_next_html(book, static_cast<int>(i), root)},
      {"page_path", p.out_rel},
      {"page_scripts", page_scripts(p.model, root)},
      {"csp", page_policy(page_sources(p.model, facts))},
      {"head", head_html(book, &p, root)},
      {"edit", edit.empty() ? "" : "<a class=\"edit-link\" href=\"" + escape_html(edit) + "\">Edit this page</a>"},
      {"body_class", body_class(p, cfg)},
  });
  values["content"] = content_with_title(book, static_cast<int>(i));  // moved in: the body is copied once
  return theme.render(values);
}

std::vector<int> titles_shown(const Book& book, size_t i) {
  const Page& p = book.pages[i];
  std::vector<int> shown;
  std::string nav;
  if (!hidden(p, "navigation"))
    NavRender{book, static_cast<int>(i), root_prefix(p.out_rel), "", prunes(book), &shown}.list(book.nav, 0, nav);
  if (!hidden(p, "footer")) {
    const auto [prev, next] = neighbours(book, static_cast<int>(i));
    for (int n : {prev, next})
      if (n >= 0) shown.push_back(n);
  }
  return shown;
}

std::string assemble_not_found(const Book& book, const Template& theme, const SiteFacts& facts) {
  const Config& cfg = book.config;
  // Served for a missing path at any depth, so its links start at the site's root, as MkDocs
  // does: the path of site_url, or "/".
  std::string root = "/";
  if (const size_t host = cfg.site_url.find("://"); host != std::string::npos) {
    const size_t path = cfg.site_url.find('/', host + 3);
    if (path != std::string::npos) root = with_slash(cfg.site_url.substr(path));
  }
  std::string nav;
  NavRender{book, -1, root, "", prunes(book)}.list(book.nav, 0, nav);
  auto values = common_values(book, root, facts);
  values.insert({
      {"title", "404 - Not found"},
      {"head_title", "404 - Not found - " + cfg.site_name},
      {"content", "<h1 id=\"__404\">404 - Not found</h1>\n"},
      {"nav", nav},
      {"page_path", "404.html"},
      {"csp", page_policy(facts.sources)},
      {"head", head_html(book, nullptr, root)},
  });
  return theme.render(values);
}

std::string sitemap_xml(const Book& book) {
  if (book.config.site_url.empty()) return {};
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  // No <lastmod>: the same book gives the same site, byte for byte.
  for (const auto& p : book.pages)
    out += "  <url><loc>" + escape_html(with_slash(book.config.site_url) + page_url(book, p)) + "</loc></url>\n";
  return out + "</urlset>\n";
}

}  // namespace book
