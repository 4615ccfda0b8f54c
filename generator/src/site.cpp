#include "site.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "book.hpp"
#include "config.hpp"
#include "links.hpp"
#include "markdown.hpp"
#include "text.hpp"
#include "theme.hpp"

namespace book {
namespace fs = std::filesystem;

Mount parse_mount(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    fail("--mount", 0, "\"" + spec + "\" is not SITE_PATH=FOLDER (e.g. sims/race=build/sim/web)");
  Mount m{spec.substr(0, eq), spec.substr(eq + 1)};
  if (m.site_path.find("..") != std::string::npos || m.site_path[0] == '/')
    fail("--mount", 0, "site path \"" + m.site_path + "\" must stay inside the site");
  return m;
}

namespace {

// Runs fn(i, worker) for i in [0, n) on `threads` threads; worker < threads.
template <class F>
void parallel_for(size_t n, unsigned threads, F&& fn) {
  std::atomic<size_t> next{0};
  auto worker = [&](unsigned w) {
    for (size_t i; (i = next++) < n;) fn(i, w);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& t : pool) t.join();
}

void write_file(const fs::path& file, const std::string& data) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) fail(file.string(), 0, "cannot write file (disk full or no permission?)");
}

// Lists files under dir as site paths below `prefix`.
void list_files(const fs::path& dir, const std::string& prefix, std::vector<std::pair<std::string, fs::path>>& out) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = e.path().lexically_relative(dir).generic_string();
    out.push_back({prefix.empty() || prefix == "." ? rel : prefix + "/" + rel, e.path()});
  }
}

BuildCache::Stamp stamp_of(const fs::path& file) {
  std::error_code ec;
  BuildCache::Stamp s;
  s.mtime = fs::last_write_time(file, ec);
  s.size = fs::file_size(file, ec);
  return s;
}

std::string stamp_text(const BuildCache::Stamp& s) {
  return ":" + std::to_string(s.mtime.time_since_epoch().count()) + ":" + std::to_string(s.size) + "\n";
}

std::string title_of(const Book& book, const NavNode& n) {
  if (!n.title.empty()) return n.title;
  if (n.page >= 0) {
    const Page& p = book.pages[n.page];
    return p.rendered.title.empty() ? fs::path(p.src_rel).stem().string() : p.rendered.title;
  }
  return n.external_url;
}

void nav_html(const Book& book, const std::vector<NavNode>& nodes, int current, const std::string& root, std::string& out) {
  out += "<ul>";
  for (const auto& n : nodes) {
    const std::string title = escape_html(title_of(book, n));
    if (!n.children.empty() || (n.page < 0 && n.external_url.empty())) {
      out += "<li class=\"nav-section\"><span class=\"nav-section-title\">" + title + "</span>";
      nav_html(book, n.children, current, root, out);
      out += "</li>";
    } else if (n.page >= 0) {
      out += "<li><a href=\"" + root + book.pages[n.page].out_rel + "\"" +
             (n.page == current ? " aria-current=\"page\"" : "") + ">" + title + "</a></li>";
    } else {
      out += "<li><a href=\"" + escape_html(n.external_url) + "\">" + title + "</a></li>";
    }
  }
  out += "</ul>";
}

std::string toc_html(const RenderedPage& page) {
  std::string out;
  int open_level = 0;
  for (const auto& h : page.headings) {
    if (h.level < 2 || h.level > 3) continue;
    if (open_level == 0) {
      out += "<ul>";
      open_level = 2;
    }
    if (h.level > open_level) {
      // A level-3 heading opens a list inside the last item (or a fresh one).
      if (out.size() >= 5 && out.compare(out.size() - 5, 5, "</li>") == 0) out.resize(out.size() - 5);
      else out += "<li>";
      out += "<ul>";
      open_level = 3;
    } else if (h.level < open_level) {
      out += "</ul></li>";
      open_level = 2;
    }
    out += "<li><a href=\"#" + h.id + "\">" + escape_html(h.text) + "</a></li>";
  }
  if (open_level == 3) out += "</ul></li>";
  if (open_level) out += "</ul>";
  return out;
}

std::string prev_next_html(const Book& book, int current, const std::string& root) {
  const auto& order = book.reading_order;
  const auto it = std::find(order.begin(), order.end(), current);
  if (it == order.end()) return {};
  std::string out;
  auto link = [&](int i, const char* rel, const char* label) {
    const Page& p = book.pages[i];
    out += std::string("<a class=\"") + rel + "\" rel=\"" + rel + "\" href=\"" + root + p.out_rel + "\"><span class=\"prev-next-label\">" +
           label + "</span> " + escape_html(p.rendered.title.empty() ? p.src_rel : p.rendered.title) + "</a>";
  };
  if (it != order.begin()) link(*(it - 1), "prev", "Previous:");
  if (it + 1 != order.end()) link(*(it + 1), "next", "Next:");
  return out;
}

// Refuses to replace anything the generator did not make: an author's folder given as
// --out by mistake must never be deleted.
void check_output_folder(const fs::path& out, const Config& cfg, const fs::path& theme) {
  const fs::path o = fs::weakly_canonical(out);
  for (const fs::path& src : {cfg.docs_dir, theme}) {
    const fs::path s = fs::weakly_canonical(src);
    const auto [a, b] = std::mismatch(s.begin(), s.end(), o.begin(), o.end());
    const auto [c, d] = std::mismatch(o.begin(), o.end(), s.begin(), s.end());
    if (a == s.end() || c == o.end())
      fail(out.string(), 0, "output folder overlaps the sources (" + src.string() + "); choose another --out such as build/site");
  }
  if (fs::exists(out) && !fs::is_empty(out) && !fs::exists(out / kOutputMarker))
    fail(out.string(), 0, "folder exists and was not made by this generator; refusing to replace it. Remove it or choose another --out");
}

}  // namespace

BuildReport build_site(const BuildOptions& opt) {
  const auto started = std::chrono::steady_clock::now();
  // BOOK_TIMING=1 prints how long each phase took, for profiling builds.
  const bool timing = std::getenv("BOOK_TIMING") != nullptr;
  auto phase = [&, last = started](const char* name) mutable {
    if (!timing) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "  %-10s %8.1f ms\n", name, std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
  };
  BuildReport report;
  Diagnostics& diags = report.diagnostics;
  fs::path tmp;
  try {
    const Config cfg = load_config(opt.config);
    check_output_folder(opt.out, cfg, opt.theme);
    const fs::path template_file = opt.theme / "templates" / "page.html";
    const Template page_template = Template::load(template_file, template_file.lexically_proximate(fs::current_path()).string());
    Book book = load_book(cfg, diags);

    const Extensions extensions = default_extensions();
    auto consumed = [&](const std::string& rel) {
      for (const auto& e : extensions)
        if (e->consumes_asset(rel)) return true;
      return false;
    };
    // Every file the site will hold, mounts last so they win.
    std::vector<std::pair<std::string, fs::path>> copies;
    for (const auto& a : book.assets)
      if (!consumed(a)) copies.push_back({a, cfg.docs_dir / a});
    if (fs::is_directory(opt.theme / "assets")) list_files(opt.theme / "assets", "assets", copies);
    for (const auto& m : opt.mounts) {
      if (!fs::is_directory(m.dir))
        fail(m.dir.string(), 0, "mounted folder does not exist (is its part built? run cmake --build build)");
      list_files(m.dir, m.site_path, copies);
    }

    phase("load");
    // 1. Render every page (the costly part) on all cores.
    const unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<Diagnostics> page_diags(book.pages.size());
    std::vector<std::unique_ptr<Renderer>> renderers;
    for (unsigned t = 0; t < threads; ++t) renderers.push_back(std::make_unique<Renderer>(extensions));
    // Pages read sibling files (traces) and the theme: a change to any input other than a
    // page itself invalidates every cached rendering.
    BuildCache* cache = opt.cache;
    std::vector<BuildCache::Stamp> copy_stamps(copies.size());
    if (cache) {
      std::string inputs = opt.config.string() + stamp_text(stamp_of(opt.config)) + stamp_text(stamp_of(template_file));
      for (size_t i = 0; i < copies.size(); ++i) {
        copy_stamps[i] = stamp_of(copies[i].second);
        inputs += copies[i].first + "=" + copies[i].second.string() + stamp_text(copy_stamps[i]);
      }
      if (inputs != cache->inputs) {
        cache->rendered.clear();
        cache->inputs = std::move(inputs);
      }
    }
    std::vector<BuildCache::Stamp> page_stamps(book.pages.size());
    parallel_for(book.pages.size(), threads, [&](size_t i, unsigned w) {
      Renderer* r = renderers[w].get();
      Page& p = book.pages[i];
      if (cache) {
        page_stamps[i] = stamp_of(p.src_abs);
        const auto hit = cache->rendered.find(p.src_abs.string());  // read-only while workers run
        if (hit != cache->rendered.end() && hit->second.stamp == page_stamps[i]) {
          p.rendered = std::move(hit->second.page);  // moved back in keep_renderings()
          page_diags[i] = hit->second.diags;
          return;
        }
      }
      try {
        const std::string text = read_file(p.src_abs, p.shown_file);
        check_utf8(text, p.shown_file);
        for (const auto& m : find_mojibake(text))
          page_diags[i].warning(p.shown_file, m.line, "likely mojibake \"" + m.found + "\" (UTF-8 read as Windows-1252): did you mean \"" + m.repaired + "\"?");
        p.rendered = r->render(text, {p.shown_file, p.src_abs.parent_path()}, page_diags[i]);
      } catch (const BuildError& e) {
        page_diags[i].error(e.diagnostic.file, e.diagnostic.line, e.diagnostic.message);
      } catch (const std::exception& e) {
        // Anything else is our bug, but the author still needs to know which page hit it.
        page_diags[i].error(p.shown_file, 0, std::string("internal error while rendering: ") + e.what());
      }
    });
    // Renderings go back into the cache by move once the build no longer needs them.
    auto keep_renderings = [&] {
      if (!cache) return;
      for (size_t i = 0; i < book.pages.size(); ++i)
        cache->rendered[book.pages[i].src_abs.string()] = {page_stamps[i], std::move(book.pages[i].rendered), page_diags[i]};
    };
    for (const auto& d : page_diags) diags.merge(d);

    phase("render");
    // 2. Check links against everything the site will hold.
    SiteIndex index;
    for (const auto& p : book.pages) {
      index.files.insert(p.out_rel);
      index.ids[p.out_rel] = &p.rendered.ids;
    }
    for (const auto& c : copies) index.files.insert(c.first);
    for (const auto& p : book.pages) check_links(p, index, diags);
    phase("links");
    if (diags.has_errors()) {
      keep_renderings();
      return report;
    }

    // 3. Write into a fresh folder beside the output, then swap it in.
    fs::create_directories(fs::absolute(opt.out).parent_path());
    tmp = fs::absolute(opt.out).parent_path() / ("." + opt.out.filename().string() + ".tmp-" + std::to_string(getpid()));
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    std::set<fs::path> dirs;
    for (const auto& c : copies) dirs.insert((tmp / c.first).parent_path());
    for (const auto& p : book.pages) dirs.insert((tmp / p.out_rel).parent_path());
    for (const auto& d : dirs) fs::create_directories(d);
    std::vector<std::string> copy_errors(copies.size());
    // The previous output, from which unchanged files are hard-linked instead of written.
    const fs::path previous = cache && fs::exists(opt.out / kOutputMarker) ? fs::absolute(opt.out) : fs::path();
    auto reuse = [&](const std::string& rel) {
      std::error_code ec;
      fs::create_hard_link(previous / rel, tmp / rel, ec);
      return !ec;
    };
    parallel_for(copies.size(), threads, [&](size_t i, unsigned) {
      const std::string& rel = copies[i].first;
      if (!previous.empty()) {
        const auto was = cache->copied.find(rel);
        if (was != cache->copied.end() && was->second == copy_stamps[i] && reuse(rel)) return;
      }
      std::error_code ec;
      fs::copy_file(copies[i].second, tmp / rel, fs::copy_options::overwrite_existing, ec);
      if (ec) copy_errors[i] = copies[i].second.string() + ": cannot copy: " + ec.message();
    });
    for (const auto& e : copy_errors)
      if (!e.empty()) fail(tmp.string(), 0, e);
    phase("copy");
    std::vector<std::string> write_errors(book.pages.size());
    std::vector<size_t> page_hashes(book.pages.size());
    parallel_for(book.pages.size(), threads, [&](size_t i, unsigned) {
      const Page& p = book.pages[i];
      const std::string root = root_prefix(p.out_rel);
      std::string nav;
      nav_html(book, book.nav, static_cast<int>(i), root, nav);
      try {
        const std::string title = p.rendered.title.empty() ? fs::path(p.src_rel).stem().string() : p.rendered.title;
        const std::string html = page_template.render({
            {"title", title},
            {"site_name", cfg.site_name},
            // "Page - Book" in the tab, but not "Book - Book" on a home page named like the book.
            {"head_title", title == cfg.site_name ? title : title + " - " + cfg.site_name},
            {"content", p.rendered.html},
            {"toc", toc_html(p.rendered)},
            {"nav", nav},
            {"prev_next", prev_next_html(book, static_cast<int>(i), root)},
            {"root", root},
            {"page_path", p.out_rel},
        });
        page_hashes[i] = std::hash<std::string>{}(html) ^ html.size();
        if (!previous.empty()) {
          const auto was = cache->written.find(p.out_rel);
          if (was != cache->written.end() && was->second == page_hashes[i] && reuse(p.out_rel)) return;
        }
        write_file(tmp / p.out_rel, html);
      } catch (const BuildError& e) {
        write_errors[i] = e.what();
      }
    });
    for (const auto& e : write_errors)
      if (!e.empty()) fail(tmp.string(), 0, e);
    phase("write");
    write_file(tmp / kOutputMarker, "This folder is generated; the generator replaces it whole on each build.\n");

    if (fs::exists(opt.out)) {
      // Atomic exchange: readers (and `serve`) see the old site or the new one, never half.
      if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, opt.out.c_str(), RENAME_EXCHANGE) != 0)
        fail(opt.out.string(), 0, std::string("cannot replace output folder: ") + std::strerror(errno));
      if (opt.defer_cleanup) {
        // A name of its own, so the next build's temporary folder cannot meet it.
        static std::atomic<unsigned> replaced{0};
        report.stale = tmp.parent_path() / ("." + opt.out.filename().string() + ".old-" + std::to_string(getpid()) + "-" +
                                            std::to_string(replaced++));
        fs::rename(tmp, report.stale);
      } else {
        fs::remove_all(tmp);
      }
    } else {
      fs::rename(tmp, opt.out);
    }
    tmp.clear();
    phase("swap");
    if (cache) {
      // Only now does the output hold exactly these files.
      cache->written.clear();
      cache->copied.clear();
      for (size_t i = 0; i < book.pages.size(); ++i) cache->written[book.pages[i].out_rel] = page_hashes[i];
      for (size_t i = 0; i < copies.size(); ++i) cache->copied[copies[i].first] = copy_stamps[i];
    }
    keep_renderings();
    report.pages = book.pages.size();
    report.files = copies.size() + book.pages.size();
  } catch (const BuildError& e) {
    diags.error(e.diagnostic.file, e.diagnostic.line, e.diagnostic.message);
  } catch (const std::exception& e) {
    diags.error(opt.out.string(), 0, e.what());
  }
  if (!tmp.empty()) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace book
