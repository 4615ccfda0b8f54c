#include "book.hpp"

#include <algorithm>
#include <map>
#include "parallel.hpp"
#include "walk.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= path.size();) {
    const size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::string output_path_for(const std::string& md_rel, bool directory_urls) {
  const std::string stem = md_rel.substr(0, md_rel.size() - 3);
  const bool index = stem == "index" || (stem.size() > 6 && stem.compare(stem.size() - 6, 6, "/index") == 0);
  return stem + (directory_urls && !index ? "/index.html" : ".html");
}

std::string page_url(const std::string& out_rel, bool directory_urls) {
  const size_t slash = out_rel.rfind('/');
  const std::string file = out_rel.substr(slash == std::string::npos ? 0 : slash + 1);
  return directory_urls && file == "index.html" ? out_rel.substr(0, out_rel.size() - file.size()) : out_rel;
}

std::string relative_href(const std::string& from_out_rel, const std::string& to) {
  std::vector<std::string> from = split_path(from_out_rel), target = split_path(to);
  from.pop_back();  // the page's own file name
  const std::string file = target.back();
  target.pop_back();
  size_t common = 0;
  while (common < from.size() && common < target.size() && from[common] == target[common]) ++common;
  std::string href;
  for (size_t i = common; i < from.size(); ++i) href += "../";
  for (size_t i = common; i < target.size(); ++i) href += target[i] + "/";
  href += file;
  return href.empty() ? "./" : href;
}

std::string root_prefix(const std::string& out_rel) {
  std::string prefix;
  for (char c : out_rel)
    if (c == '/') prefix += "../";
  return prefix;
}

std::string page_title(const Page& page) {
  if (!page.model.title.empty()) return page.model.title;
  return fs::path(page.src_rel).stem().string();
}

namespace {

NavNode resolve(const NavItem& item, const std::map<std::string, int>& by_path, const Config& cfg,
                std::vector<int>& order, Diagnostics& diags) {
  NavNode node;
  node.title = item.title;
  if (!item.children.empty() || item.page.empty()) {
    for (const auto& c : item.children) node.children.push_back(resolve(c, by_path, cfg, order, diags));
    return node;
  }
  if (item.page.find("://") != std::string::npos) {
    node.external_url = item.page;
    return node;
  }
  const std::string rel = fs::path(item.page).lexically_normal().generic_string();
  const auto it = by_path.find(rel);
  if (it == by_path.end()) {
    diags.warning(cfg.shown_file, item.line,
                  "nav entry \"" + (item.title.empty() ? item.page : item.title) + "\" points to \"" + item.page +
                      "\", which is not a Markdown file under docs_dir (" + cfg.docs_dir.string() + ")");
    return node;
  }
  node.page = it->second;
  order.push_back(it->second);
  return node;
}

// The pages and assets under docs_dir, in path order; hidden names left out.
void list_docs(const Config& config, Book& book, Diagnostics& diags) {
  const fs::path cwd = fs::current_path();
  FolderListing found = list_files(config.docs_dir.native(), hardware_threads());
  if (!found.error.empty()) diags.error(found.error_folder, 0, "cannot list folder: " + found.error);
  std::sort(found.files.begin(), found.files.end(), [](const auto& a, const auto& b) { return a.rel < b.rel; });
  for (auto& f : found.files) {
    const fs::path path = config.docs_dir / f.rel;
    if (path == config.file) continue;
    if (f.symlink) {
      // A link out of the book would copy a file from anywhere on the machine into the site.
      std::error_code ec;
      const fs::path target = fs::weakly_canonical(path, ec);
      const fs::path docs = fs::weakly_canonical(config.docs_dir, ec);
      const auto [d, t] = std::mismatch(docs.begin(), docs.end(), target.begin(), target.end());
      if (d != docs.end()) {
        diags.error(
            path.lexically_proximate(cwd).generic_string(), 0,
            "symbolic link points outside docs_dir (to " + target.string() + "); copy the file into the book instead");
        continue;
      }
    }
    if (f.rel.size() > 3 && f.rel.compare(f.rel.size() - 3, 3, ".md") == 0) {
      Page p;
      p.out_rel = output_path_for(f.rel, config.use_directory_urls);
      p.src_abs = path;
      p.shown_file = path.lexically_proximate(cwd).generic_string();
      p.src_rel = std::move(f.rel);
      book.pages.push_back(std::move(p));
    } else {
      book.assets.push_back(std::move(f.rel));
    }
  }
}

}  // namespace

Book load_book(const Config& config, Diagnostics& diags) {
  Book book;
  book.config = config;
  list_docs(config, book, diags);
  std::sort(book.pages.begin(), book.pages.end(), [](const Page& a, const Page& b) { return a.src_rel < b.src_rel; });
  std::sort(book.assets.begin(), book.assets.end());

  std::map<std::string, int> by_path;
  for (size_t i = 0; i < book.pages.size(); ++i) by_path[book.pages[i].src_rel] = static_cast<int>(i);
  if (config.nav.empty()) {
    // No nav: every page, index.md first, as MkDocs does.
    std::vector<int> idx(book.pages.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int>(i);
    std::stable_partition(idx.begin(), idx.end(), [&](int i) { return book.pages[i].src_rel == "index.md"; });
    for (int i : idx) {
      book.nav.push_back({"", i, "", {}});
      book.reading_order.push_back(i);
    }
  } else {
    for (const auto& item : config.nav) book.nav.push_back(resolve(item, by_path, config, book.reading_order, diags));
  }
  return book;
}

}  // namespace book
