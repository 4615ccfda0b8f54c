#include "links.hpp"

#include <cctype>
#include <filesystem>
#include <vector>

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

}  // namespace

std::string resolve_link(const std::string& page_out, const std::string& url, std::string& anchor, std::string& error) {
  anchor.clear();
  error.clear();
  if (url.empty() || has_url_scheme(url)) return {};
  const size_t hash = url.find('#');
  if (hash != std::string::npos) anchor = percent_decode(url.substr(hash + 1));
  std::string path = percent_decode(url.substr(0, std::min(url.find('?'), hash)));
  if (path.empty()) return page_out;  // "#anchor" on the same page

  // Normalise by hand: lexically_normal would let "../" climb above the site root.
  std::vector<std::string> parts;
  std::string base = path[0] == '/' ? "" : page_out.substr(0, page_out.rfind('/') == std::string::npos ? 0 : page_out.rfind('/'));
  const std::string joined = base.empty() ? path : base + "/" + path;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string part = joined.substr(start, slash - start);
    if (part == "..") {
      if (parts.empty()) {
        error = "points outside the site";
        return {};
      }
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string resolved;
  for (const auto& p : parts) resolved += (resolved.empty() ? "" : "/") + p;
  if (path.back() == '/' || resolved.empty()) resolved += (resolved.empty() ? "" : "/") + std::string("index.html");
  return resolved;
}

void check_links(const Page& page, const SiteIndex& site, Diagnostics& diags) {
  for (const auto& link : page.rendered.links) {
    std::string anchor, error;
    std::string target = resolve_link(page.out_rel, link.url, anchor, error);
    if (!error.empty()) {
      diags.error(page.shown_file, link.line, "link \"" + link.url + "\" " + error);
      continue;
    }
    if (target.empty()) continue;
    if (!site.files.count(target)) {
      // A folder link works when the folder has an index page.
      if (site.files.count(target + "/index.html")) {
        target += "/index.html";
      } else {
        diags.error(page.shown_file, link.line,
                    "broken link \"" + link.url + "\": nothing is generated at " + target +
                        (link.url.find(".html") != std::string::npos ? " (link to the .md file to point at a page)" : ""));
        continue;
      }
    }
    if (anchor.empty()) continue;
    const auto ids = site.ids.find(target);
    if (ids != site.ids.end() && !ids->second->count(anchor))
      diags.error(page.shown_file, link.line, "broken anchor \"#" + anchor + "\" in link \"" + link.url + "\": " +
                                                  target + " has no element with that id");
  }
}

}  // namespace book
