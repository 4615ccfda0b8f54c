#include "links.hpp"

#include <cctype>
#include <vector>

#include "markdown.hpp"
#include "text.hpp"

namespace book {
namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool ends_with(const std::string& s, const char* tail) {
  const std::string t(tail);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// Where a link points: a site path (empty for external URLs) and an anchor.
struct Target {
  std::string path, anchor, error;
  bool output_path = false;  // `path` names a file of the output, never a source .md
};

// Markdown links are resolved from the source file, as the build rewrites them for the
// page's output folder. What is not rewritten (raw HTML's src and href, and with directory
// URLs links to folders) is what the browser resolves: relative to the page's output. A path
// of the site's output then, so a raw link to an .md file finds nothing, as on the site.
Target target_of(const Page& page, const Link& link, bool directory_urls) {
  Target t;
  const std::string& url = link.url;
  if (url.empty() || has_url_scheme(url)) return t;
  const size_t hash = url.find('#');
  if (hash != std::string::npos) t.anchor = percent_decode(url.substr(hash + 1));
  const std::string path = percent_decode(url.substr(0, std::min(url.find('?'), hash)));
  const bool as_output = link.kind == Link::Kind::RawHtml || (directory_urls && !names_file(path));
  const std::string& from = as_output ? page.out_rel : page.src_rel;
  t.path = path.empty() ? page.out_rel : resolve_path(from, path, t.error);
  t.output_path = as_output;
  return t;
}

// The page output a target names, or empty with the message that says why not.
std::string output_for(const Target& t, const SiteIndex& site, std::string& why) {
  if (!t.output_path && ends_with(t.path, ".md")) {
    const auto page = site.pages.find(t.path);
    if (page != site.pages.end()) return page->second;
    why = "no page " + t.path + " in the book; check the file name (pages are the .md files under docs_dir)";
    return {};
  }
  if (site.files.count(t.path)) return t.path;
  if (site.files.count(t.path + "/index.html")) return t.path + "/index.html";  // a folder with an index page
  why = "nothing is generated at " + t.path;
  // An author who links the .html a page used to become is told the file to link instead.
  const std::string md = ends_with(t.path, ".html") ? t.path.substr(0, t.path.size() - 5) + ".md" : std::string();
  if (!md.empty() && site.pages.count(md)) why += " (link to " + md.substr(md.rfind('/') + 1) + " instead)";
  return {};
}

}  // namespace

std::string resolve_path(const std::string& from, const std::string& path, std::string& error) {
  // Normalise by hand: lexically_normal would let "../" climb above the site root.
  const size_t slash = from.rfind('/');
  const std::string base = path[0] == '/' || slash == std::string::npos ? "" : from.substr(0, slash);
  const std::string joined = base.empty() ? path : base + "/" + path;
  std::vector<std::string> parts;
  for (size_t start = 0; start <= joined.size();) {
    const size_t end = std::min(joined.find('/', start), joined.size());
    const std::string part = joined.substr(start, end - start);
    if (part == ".." && parts.empty()) {
      error = "points outside the site";
      return {};
    }
    if (part == "..")
      parts.pop_back();
    else if (!part.empty() && part != ".")
      parts.push_back(part);
    start = end + 1;
  }
  std::string resolved;
  for (const auto& p : parts) resolved += (resolved.empty() ? "" : "/") + p;
  if (path.back() == '/' || resolved.empty()) resolved += (resolved.empty() ? "" : "/") + std::string("index.html");
  return resolved;
}

SiteIndex index_site(const Book& book, const std::vector<std::pair<std::string, std::filesystem::path>>& copies) {
  SiteIndex index;
  index.directory_urls = book.config.use_directory_urls;
  for (const auto& p : book.pages) {
    index.files.insert(p.out_rel);
    index.pages[p.src_rel] = p.out_rel;
    index.ids[p.out_rel] = &p.model.ids;
  }
  for (const auto& c : copies) index.files.insert(c.first);
  return index;
}

void check_links(const Page& page, const SiteIndex& site, Diagnostics& diags) {
  for (const auto& link : page.model.links) {
    const Target t = target_of(page, link, site.directory_urls);
    if (!t.error.empty()) {
      diags.warning(page.shown_file, link.line, "link \"" + link.url + "\" " + t.error);
      continue;
    }
    if (t.path.empty()) continue;
    std::string why;
    const std::string out = output_for(t, site, why);
    if (out.empty()) {
      diags.warning(page.shown_file, link.line, "broken link \"" + link.url + "\": " + why);
      continue;
    }
    const auto ids = site.ids.find(out);
    if (!t.anchor.empty() && ids != site.ids.end() && !ids->second->count(t.anchor))
      diags.warning(
          page.shown_file, link.line,
          "broken anchor \"#" + t.anchor + "\" in link \"" + link.url + "\": " + out + " has no element with that id");
  }
}

}  // namespace book
