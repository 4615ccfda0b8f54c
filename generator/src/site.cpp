#include "site.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <optional>
#include <set>

#include <sys/resource.h>

#include "assemble.hpp"
#include "book.hpp"
#include "builtin_theme.hpp"
#include "config.hpp"
#include "data_dir.hpp"
#include "fragment_cache.hpp"
#include "links.hpp"
#include "markdown.hpp"
#include "page_stream.hpp"
#include "parallel.hpp"
#include "search/index.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "up_to_date.hpp"

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

using SiteFiles = std::vector<std::pair<std::string, fs::path>>;  // site path -> file to copy
using Files = std::vector<std::pair<std::string, std::string>>;   // site path -> contents made

// BOOK_TIMING=1 prints how long each stage took, for profiling builds, and the processor time
// the process spent in it: a stage that keeps every core busy shows cores x its wall time.
class StageTimer {
 public:
  void operator()(const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    const double cpu = cpu_ms();
    if (enabled_) std::fprintf(stderr, "  %-10s %8.1f ms  (cpu %7.1f ms)\n", stage, ms(last_, now), cpu - last_cpu_);
    last_ = now;
    last_cpu_ = cpu;
  }
  double seconds() const { return ms(start_, std::chrono::steady_clock::now()) / 1000; }

 private:
  using Time = std::chrono::steady_clock::time_point;
  static double ms(Time a, Time b) { return std::chrono::duration<double, std::milli>(b - a).count(); }
  static double cpu_ms() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const auto ms_of = [](timeval t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return ms_of(u.ru_utime) + ms_of(u.ru_stime);
  }
  bool enabled_ = std::getenv("BOOK_TIMING") != nullptr;
  Time start_ = std::chrono::steady_clock::now(), last_ = start_;
  double last_cpu_ = cpu_ms();
};

// What the load stage hands on: everything the site will be made of.
struct Inputs {
  Config config;
  fs::path template_file;
  Template theme;
  Book book;
  Extensions extensions;                         // made from the config, which says which of them the book enables
  std::vector<const BuiltinFile*> theme_assets;  // without --theme: written first, so any other file wins
  SiteFiles copies;                              // every file copied as it is, mounts last so they win
  std::vector<Stamp> copy_stamps;                // with a cache: each copy's stamp
  std::vector<Stamp> page_stamps;                // with a cache: each page's stamp
  std::vector<Diagnostics> page_diags;           // what rendering each page reported (cached with it)
  SiteFacts facts;                               // what every page shares (service worker, CSP sources)
};

unsigned thread_count(const BuildOptions& opt) {
  return opt.threads ? opt.threads : hardware_threads();
}

void list_files(const fs::path& dir, const std::string& prefix, SiteFiles& out) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = e.path().lexically_relative(dir).generic_string();
    out.push_back({prefix.empty() || prefix == "." ? rel : prefix + "/" + rel, e.path()});
  }
}

// An asset an extension reads while rendering (a recorded trace) rather than copies.
bool consumed(const Inputs& in, const std::string& asset) {
  return std::any_of(in.extensions.begin(), in.extensions.end(),
                     [&](const auto& e) { return e->consumes_asset(asset); });
}

SiteFiles files_to_copy(const Inputs& in, const BuildOptions& opt) {
  SiteFiles copies;
  for (const auto& a : in.book.assets)
    if (!consumed(in, a)) copies.push_back({a, in.config.docs_dir / a});
  for (const auto& e : in.extensions) e->site_assets(copies);
  if (!opt.theme.empty() && fs::is_directory(opt.theme / "assets")) list_files(opt.theme / "assets", "assets", copies);
  for (const auto& m : opt.mounts) {
    if (!fs::is_directory(m.dir))
      fail(m.dir.string(), 0, "mounted folder does not exist (is its part built? run cmake --build build)");
    list_files(m.dir, m.site_path, copies);
  }
  return copies;
}

// A build of its own with the fragment cache keeps a record (not serve's, not --no-cache).
bool keeps_record(const BuildOptions& opt) {
  return !opt.fragment_cache.empty() && !opt.cache;
}

// Each copied file's and page's stamp, read once for what needs them: serve's cache and the
// build record.
void stamp_files(Inputs& in, bool needed, unsigned threads) {
  in.copy_stamps.resize(in.copies.size());
  in.page_stamps.resize(in.book.pages.size());
  if (!needed) return;
  const size_t copies = in.copies.size();
  parallel_for(copies + in.book.pages.size(), threads, [&](size_t i, unsigned) {
    if (i < copies)
      in.copy_stamps[i] = Stamp::of(in.copies[i].second);
    else
      in.page_stamps[i - copies] = Stamp::of(in.book.pages[i - copies].src_abs);
  });
}

// Every input other than the pages: a cache is valid only while all of it is unchanged.
std::string inputs_but_pages(const Inputs& in, const BuildOptions& opt) {
  std::string fingerprint = opt.config.string() + Stamp::of(opt.config).text();
  if (!in.template_file.empty()) fingerprint += Stamp::of(in.template_file).text();
  for (size_t i = 0; i < in.copies.size(); ++i)
    fingerprint += in.copies[i].first + "=" + in.copies[i].second.string() + in.copy_stamps[i].text();
  return fingerprint;
}

// The page template: from the theme folder, or without one the built-in theme's, whose
// assets are then written from memory.
void load_theme(Inputs& in, const BuildOptions& opt) {
  if (!opt.theme.empty()) {
    in.template_file = opt.theme / "templates" / "page.html";
    in.theme = Template::load(in.template_file, in.template_file.lexically_proximate(fs::current_path()).string());
    return;
  }
  in.theme = Template::parse(std::string(builtin_theme_file("templates/page.html")->text()),
                             "templates/page.html (built-in theme)");
  for (const auto& f : builtin_theme())
    if (std::string_view(f.path).substr(0, 7) == "assets/") in.theme_assets.push_back(&f);
}

Inputs load(const BuildOptions& opt, Diagnostics& diags) {
  Inputs in;
  in.config = load_config(opt.config);
  in.extensions = default_extensions(in.config);
  for (const auto& w : in.config.warnings) diags.warning(w.file, w.line, w.message);
  load_theme(in, opt);
  in.book = load_book(in.config, diags);
  in.copies = files_to_copy(in, opt);
  const bool service_worker =
      std::any_of(in.copies.begin(), in.copies.end(), [](const auto& c) { return c.first == "coi-serviceworker.js"; });
  in.facts = site_facts(in.config, service_worker, diags);
  stamp_files(in, opt.cache || keeps_record(opt), thread_count(opt));
  if (opt.cache) opt.cache->set_inputs(inputs_but_pages(in, opt));
  return in;
}

PageModel render_page(Renderer& renderer, const Page& p, PageSource source, Diagnostics& diags) {
  try {
    const std::string text = read_file(p.src_abs, p.shown_file);
    check_utf8(text, p.shown_file);
    for (const auto& m : find_mojibake(text))
      diags.warning(
          p.shown_file, m.line,
          "likely mojibake \"" + m.found + "\" (UTF-8 read as Windows-1252): did you mean \"" + m.repaired + "\"?");
    source.shown_file = p.shown_file;
    source.source_dir = p.src_abs.parent_path();
    source.src_rel = p.src_rel;
    return renderer.render(text, source, diags);
  } catch (const BuildError& e) {
    diags.error(e.diagnostic.file, e.diagnostic.line, e.diagnostic.message);
  } catch (const std::exception& e) {
    // Anything else is our bug, but the author still needs to know which page hit it.
    diags.error(p.shown_file, 0, std::string("internal error while rendering: ") + e.what());
  }
  return {};
}

// Assembles pages and writes them (or keeps an unchanged one) on whichever thread has them
// ready. A build of its own then lets each body go; only serve's cache keeps them.
struct PageWriter {
  PageWriter(Inputs& in, const BuildOptions& opt, OutputFolder& out, bool keep_bodies)
      : in(in),
        opt(opt),
        out(out),
        keep_bodies(keep_bodies),
        hashes(in.book.pages.size()),
        errors(in.book.pages.size()) {}

  Inputs& in;
  const BuildOptions& opt;
  OutputFolder& out;
  bool keep_bodies;
  std::vector<size_t> hashes;
  std::vector<std::string> errors;
  std::vector<size_t> pending;  // rendered, not yet written: the rest of the book

  void write(size_t i) {
    Page& p = in.book.pages[i];
    const std::string html = assemble_page(in.book, i, in.theme, in.facts);
    hashes[i] = std::hash<std::string>{}(html) ^ html.size();
    if (!(opt.cache && opt.cache->written_unchanged(p.out_rel, hashes[i]) && out.reuse(p.out_rel)))
      errors[i] = out.write(p.out_rel, html);
    if (!keep_bodies) std::string().swap(p.model.body);
  }
};

// Markdown -> page models on all cores; unchanged pages come back from the cache. Each page is
// written as soon as the pages whose titles it shows are rendered (PageStream).
void render_pages(Inputs& in, const BuildOptions& opt, FragmentCache* fragments, PageWriter& writer,
                  Diagnostics& diags) {
  const unsigned threads = thread_count(opt);
  std::vector<std::unique_ptr<Renderer>> renderers;
  RenderOptions options = RenderOptions::from(in.config);
  options.fragments = fragments;
  for (unsigned t = 0; t < threads; ++t) renderers.push_back(std::make_unique<Renderer>(in.extensions, options));
  in.page_diags.assign(in.book.pages.size(), {});
  std::set<std::string> pages;
  for (const auto& p : in.book.pages) pages.insert(p.src_rel);
  PageStream stream(in.book.pages.size());
  parallel_for(in.book.pages.size(), threads, [&](size_t i, unsigned w) {
    Page& p = in.book.pages[i];
    if (!opt.cache || !opt.cache->take_rendering(p.src_abs.string(), in.page_stamps[i], p.model, in.page_diags[i]))
      p.model = render_page(*renderers[w], p, {{}, {}, {}, in.config.use_directory_urls, &pages}, in.page_diags[i]);
    for (size_t ready : stream.rendered(i, titles_shown(in.book, i))) writer.write(ready);
  });
  writer.pending = stream.rest();
  for (const auto& d : in.page_diags) diags.merge(d);
}

void check_all_links(const Inputs& in, Diagnostics& diags) {
  SiteFiles files = in.copies;
  for (const auto* f : in.theme_assets) files.push_back({f->path, {}});
  const SiteIndex index = index_site(in.book, files);
  for (const auto& p : in.book.pages) check_links(p, index, diags);
}

// Files the theme makes beyond the pages: the 404 page and, with site_url, the sitemap. An
// author's own 404.md or sitemap.xml wins.
Files theme_files(const Inputs& in) {
  std::set<std::string> taken;
  for (const auto& c : in.copies) taken.insert(c.first);
  for (const auto& p : in.book.pages) taken.insert(p.out_rel);
  Files files;
  if (!taken.count("404.html")) files.push_back({"404.html", assemble_not_found(in.book, in.theme, in.facts)});
  const std::string sitemap = sitemap_xml(in.book);
  if (!sitemap.empty() && !taken.count("sitemap.xml")) files.push_back({"sitemap.xml", sitemap});
  return files;
}

// The site's files known before anything is rendered; the theme's others and the search
// index's come later (OutputFolder::add).
std::vector<std::string> site_paths(const Inputs& in) {
  std::vector<std::string> paths;
  for (const auto& c : in.copies) paths.push_back(c.first);
  for (const auto* f : in.theme_assets) paths.push_back(f->path);
  for (const auto& p : in.book.pages) paths.push_back(p.out_rel);
  return paths;
}

void fail_on_first(const std::vector<std::string>& errors, const std::string& where) {
  for (const auto& e : errors)
    if (!e.empty()) fail(where, 0, e);
}

// Copies the files and writes the pages not written yet; unchanged ones are hard-linked.
void write_site(const Inputs& in, const BuildOptions& opt, OutputFolder& out, PageWriter& pages,
                std::map<std::string, size_t>& written) {
  const unsigned threads = thread_count(opt);
  for (const auto* f : in.theme_assets) fail_on_first({out.write(f->path, std::string(f->text()))}, opt.out.string());
  std::vector<std::string> errors(in.copies.size());
  const auto copy_path = [&](size_t i) -> const std::string& { return in.copies[i].first; };
  parallel_for_by_folder(in.copies.size(), threads, copy_path, [&](size_t i, unsigned) {
    const std::string& rel = in.copies[i].first;
    if (opt.cache && opt.cache->copied_unchanged(rel, in.copy_stamps[i]) && out.reuse(rel)) return;
    errors[i] = out.copy(rel, in.copies[i].second);
  });
  fail_on_first(errors, opt.out.string());
  parallel_for(pages.pending.size(), threads, [&](size_t i, unsigned) { pages.write(pages.pending[i]); });
  fail_on_first(pages.errors, opt.out.string());
  for (size_t i = 0; i < pages.hashes.size(); ++i) written[in.book.pages[i].out_rel] = pages.hashes[i];
}

// The page models go back into the cache by move once the build is done with them.
void keep_renderings(Inputs& in, const BuildOptions& opt) {
  if (!opt.cache) return;
  for (size_t i = 0; i < in.book.pages.size() && i < in.page_diags.size(); ++i) {
    Page& p = in.book.pages[i];
    opt.cache->keep_rendering(p.src_abs.string(), in.page_stamps[i], std::move(p.model), in.page_diags[i]);
  }
}

fs::path output_record(const BuildOptions& opt, const std::string& build) {
  return opt.fragment_cache / ("output-" + build);
}

// A build without serve's cache remembers, in the fragment cache's folder, what each of its
// outputs holds. The next one keeps each unchanged file: as it is in the spare, or else
// hard-linked from the live site. With no record, everything is written. Only the build that
// holds the fragment cache's lock reads and writes these records and the spare.
BuildOptions remembering(const BuildOptions& opt, BuildCache& memory, const OutputFolder& out, bool live_intact,
                         bool& from_spare) {
  BuildOptions o = opt;
  o.cache = &memory;
  // A site changed by hand since it was built is never trusted again, not even as the spare.
  std::error_code ec;
  if (!live_intact) fs::remove(output_record(o, out.previous_build()), ec);
  from_spare = memory.load_output(output_record(o, out.spare_build()), out.spare_build());
  if (!from_spare && live_intact) memory.load_output(output_record(o, out.previous_build()), out.previous_build());
  return o;
}

// Keeps the records of the live site and of the spare (the site it replaced), no others.
void keep_output_records(const BuildOptions& opt, const BuildCache& memory, const OutputFolder& out) {
  memory.save_output(output_record(opt, out.build_id()), out.build_id());
  const std::set<std::string> live{"output-" + out.build_id(), "output-" + out.previous_build()};
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(opt.fragment_cache, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("output-", 0) == 0 && !live.count(name)) fs::remove(e.path(), ec);
  }
}

// The record of the last build that wrote `out`, beside its fragment cache.
fs::path record_file(const BuildOptions& opt) {
  return opt.fragment_cache / "last-build";
}

// What the build record digests: every input, by the stamps load read.
std::string inputs_print(const Inputs& in, const BuildOptions& opt) {
  InputPrint p;
  p.add(inputs_but_pages(in, opt));
  for (const fs::path& path : {fs::current_path(), opt.theme, opt.out, data_dir()}) p.add(path.string());
  p.add(opt.strict ? "strict" : "lenient");
  for (const auto& m : opt.mounts) p.add(m.site_path + "=" + m.dir.string());
  for (size_t i = 0; i < in.book.pages.size(); ++i) p.add(in.book.pages[i].src_abs.string() + in.page_stamps[i].text());
  // Assets that are copied are stamped among the copies; the others pages read (traces).
  std::vector<const std::string*> read;
  for (const auto& asset : in.book.assets)
    if (consumed(in, asset)) read.push_back(&asset);
  std::vector<std::string> stamps(read.size());
  parallel_for(read.size(), thread_count(opt),
               [&](size_t i, unsigned) { stamps[i] = InputPrint::file_line(in.config.docs_dir / *read[i]); });
  for (const auto& s : stamps) p.add(s);
  return p.digest();
}

// What the record of the last build says about this one.
struct LastBuild {
  std::string inputs;               // this build's input print; empty: no record is kept (serve, --no-cache)
  bool site_intact = false;         // the site is as the last recorded build left it
  std::optional<BuildRecord> same;  // ... and was built from these very inputs: its record
};

// `site`: the output's site_print, made while the book was loaded.
LastBuild check_last_build(const Inputs& in, const BuildOptions& opt, std::future<std::string>& site) {
  LastBuild last;
  if (!keeps_record(opt)) return last;
  last.inputs = inputs_print(in, opt);
  auto r = load_record(record_file(opt));
  last.site_intact = r && r->site == site.get();
  if (last.site_intact && r->inputs == last.inputs) last.same = std::move(r);
  return last;
}

// The report of a build that had nothing to do: the recorded one.
BuildReport replay(const BuildRecord& r, double seconds, BuildReport report) {
  report.diagnostics = {};  // the config's warnings again, with the pages'
  for (const auto& w : r.warnings) report.diagnostics.warning(w.file, w.line, w.message);
  report.pages = r.pages;
  report.files = r.files;
  report.up_to_date = true;
  report.seconds = seconds;
  return report;
}

void keep_fragments(FragmentCache& fragments, const BuildOptions& options, BuildReport& report) {
  // Pages that serve's cache supplied looked nothing up, yet their fragments are live.
  fragments.save(/*forget_unused=*/!options.cache);
  report.fragments_reused = fragments.hits();
  report.fragments_made = fragments.misses();
}

void record_build(const std::string& inputs, const BuildOptions& opt, const BuildReport& report) {
  BuildRecord r{inputs, site_print(opt.out), report.pages, report.files, {}};
  for (const auto& d : report.diagnostics.all())
    if (d.severity == Diagnostic::Severity::Warning) r.warnings.push_back(d);
  if (!r.site.empty()) save_record(record_file(opt), r);
}

// The theme's files beyond the pages (theme_files), and the search index. (Made beside the
// link check instead, on threads of its own, the index saved no measurable time and raised the
// bench book's peak memory by 5 MiB.)
Files made_files(const Inputs& in, const BuildOptions& opt, StageTimer& stage) {
  Files files = theme_files(in);
  stage("theme");
  if (in.config.search_enabled())
    for (auto& f : search::index_files(in.book, thread_count(opt))) files.push_back(std::move(f));
  stage("search");
  return files;
}

// Writes the site into the new folder and swaps it in; what it wrote goes into the cache.
// `extra`: the theme's files and the search index, thousands of small files written on all
// cores, as the pages are.
void write_and_swap(Inputs& in, const BuildOptions& opt, const Files& extra, OutputFolder& out, PageWriter& pages,
                    BuildReport& report) {
  std::map<std::string, size_t> written;
  std::vector<std::string> extra_paths;
  for (const auto& f : extra) extra_paths.push_back(f.first);
  out.add(extra_paths);
  write_site(in, opt, out, pages, written);
  std::vector<std::string> errors(extra.size());
  parallel_for_by_folder(
      extra.size(), thread_count(opt), [&](size_t i) -> const std::string& { return extra[i].first; },
      [&](size_t i, unsigned) { errors[i] = out.write(extra[i].first, extra[i].second); });
  fail_on_first(errors, opt.out.string());
  report.stale = out.commit(opt.defer_cleanup);
  if (out.replaces_mkdocs_site())
    report.notes.push_back("replaced " + opt.out.string() + ", a site that MkDocs had built");
  std::map<std::string, Stamp> copied;
  for (size_t i = 0; i < in.copies.size(); ++i) copied[in.copies[i].first] = in.copy_stamps[i];
  if (opt.cache) opt.cache->set_output(std::move(copied), std::move(written));
  report.pages = in.book.pages.size();
  report.files = in.theme_assets.size() + in.copies.size() + in.book.pages.size() + extra.size();
}

}  // namespace

size_t BuildReport::count(Diagnostic::Severity severity) const {
  size_t n = 0;
  for (const auto& d : diagnostics.all()) n += d.severity == severity;
  return n;
}

BuildReport build_site(const BuildOptions& options) {
  StageTimer stage;
  BuildReport report;
  report.strict = options.strict;
  Diagnostics& diags = report.diagnostics;
  try {
    // The site's files are listed while the book is loaded.
    std::future<std::string> site =
        std::async(keeps_record(options) ? std::launch::async : std::launch::deferred, site_print, options.out);
    Inputs in = load(options, diags);
    // Stamped before anything is built: a file edited during the build then counts as changed.
    const LastBuild last = check_last_build(in, options, site);
    if (last.same) return replay(*last.same, stage.seconds(), std::move(report));
    std::vector<fs::path> sources{in.config.docs_dir};
    if (!options.theme.empty()) sources.push_back(options.theme);
    OutputFolder out(options.out, sources);
    std::unique_ptr<FragmentCache> fragments;
    if (!options.fragment_cache.empty()) fragments = std::make_unique<FragmentCache>(options.fragment_cache);
    // A build of its own (not serve's) that holds the cache keeps the site it replaces as the
    // next one's spare, and remembers what it wrote.
    const bool remember = fragments && fragments->active() && !options.cache;
    if (remember) out.keep_spare();
    BuildCache memory;
    bool from_spare = false;
    const BuildOptions opt = remember ? remembering(options, memory, out, last.site_intact, from_spare) : options;
    if (opt.cache != options.cache) opt.cache->set_inputs(inputs_but_pages(in, opt));  // stamped in load
    stage("load");
    // Pages go into the new folder as they are rendered; it replaces the site only if the
    // build succeeds.
    out.begin(site_paths(in), from_spare);
    PageWriter pages(in, opt, out, /*keep_bodies=*/options.cache != nullptr);
    render_pages(in, opt, fragments.get(), pages, diags);
    stage("render");
    check_all_links(in, diags);
    stage("links");
    if (report.ok()) {
      write_and_swap(in, opt, made_files(in, opt, stage), out, pages, report);
      stage("write");
      if (opt.cache == &memory) {
        keep_output_records(opt, memory, out);
        if (!last.inputs.empty()) record_build(last.inputs, opt, report);
      }
      if (fragments) keep_fragments(*fragments, options, report);
    }
    keep_renderings(in, opt);
  } catch (const BuildError& e) {
    diags.error(e.diagnostic.file, e.diagnostic.line, e.diagnostic.message);
  } catch (const std::exception& e) {
    diags.error(options.out.string(), 0, e.what());
  }
  report.seconds = stage.seconds();
  return report;
}

}  // namespace book
