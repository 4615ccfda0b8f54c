#include "serve.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "config.hpp"
#include "text.hpp"

namespace book {
namespace fs = std::filesystem;

void print_report(const BuildReport& report, const std::string& out) {
  for (const auto& d : report.diagnostics.all()) std::fprintf(stderr, "%s\n", d.format().c_str());
  if (report.ok())
    std::fprintf(stderr, "built %zu pages (%zu files) into %s in %.0f ms\n", report.pages, report.files, out.c_str(),
                 report.seconds * 1000);
  else
    std::fprintf(stderr, "build failed; %s was left as it was\n", out.c_str());
}

const char* content_type_for(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

namespace {

// The page side of live reload: long-polls for a new build, reloads, or shows the error.
constexpr const char* kLiveReloadJs = R"JS((function () {
  let since = -1, generation = -1;
  function banner(text) {
    let el = document.getElementById('livereload-error');
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('pre');
      el.id = 'livereload-error';
      el.setAttribute('role', 'alert');
      el.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;max-height:40vh;overflow:auto;' +
        'background:#7f1d1d;color:#fff;font:14px/1.4 monospace;z-index:99999;white-space:pre-wrap';
      document.body.appendChild(el);
    }
    el.textContent = text;
  }
  async function poll() {
    try {
      const r = await fetch('/__livereload?since=' + since, { cache: 'no-store' });
      const s = await r.json();
      if (generation >= 0 && s.generation !== generation) { location.reload(); return; }
      generation = s.generation;
      since = s.version;
      banner(s.error);
      setTimeout(poll, 0);
    } catch (e) {
      setTimeout(poll, 1000);  // server restarting: try again
    }
  }
  poll();
})();
)JS";

// A cheap fingerprint of every source file: names, sizes and modification times.
std::string fingerprint(const std::vector<fs::path>& roots) {
  std::string fp;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      fp += root.string() + std::to_string(fs::last_write_time(root, ec).time_since_epoch().count()) + "\n";
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      fp += it->path().string() + ":" + std::to_string(it->file_size(ec)) + ":" +
            std::to_string(it->last_write_time(ec).time_since_epoch().count()) + "\n";
    }
  }
  return fp;
}

// Wakes up when a file under the watched folders changes (inotify), or on every timeout
// where inotify is not available.
class Watcher {
 public:
  explicit Watcher(const std::vector<fs::path>& roots) : roots_(roots), fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    add_watches();
  }
  ~Watcher() {
    if (fd_ >= 0) close(fd_);
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // True when something may have changed.
  bool wait(std::chrono::milliseconds timeout) {
    if (fd_ < 0) {
      std::this_thread::sleep_for(timeout);
      return true;
    }
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
  }

  // Reads the pending events; new folders get watches of their own.
  void drain() {
    if (fd_ < 0) return;
    alignas(inotify_event) char buf[16384];
    bool new_dir = false;
    for (ssize_t n; (n = read(fd_, buf, sizeof buf)) > 0;)
      for (char* p = buf; p < buf + n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(p);
        new_dir |= (e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO));
        p += sizeof(inotify_event) + e->len;
      }
    if (new_dir) add_watches();
  }

 private:
  void add_watches() {
    if (fd_ < 0) return;
    constexpr uint32_t mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB;
    for (const auto& root : roots_) {
      std::error_code ec;
      // A file (mkdocs.yml) is watched through its folder: editors replace files by rename.
      const fs::path dir = fs::is_directory(root, ec) ? root : root.parent_path();
      inotify_add_watch(fd_, dir.c_str(), mask);
      if (dir != root) continue;
      for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_directory(ec)) inotify_add_watch(fd_, it->path().c_str(), mask);
    }
  }

  std::vector<fs::path> roots_;
  int fd_;
};

httplib::Server* g_server = nullptr;

}  // namespace

int serve(const ServeOptions& opt) {
  std::mutex mu;
  std::condition_variable changed;
  long generation = 0;  // successful builds
  long version = 0;     // every build, failed ones too (their errors are shown in the page)
  std::string last_error;
  std::atomic<bool> stopping{false};

  BuildCache cache;  // only the watcher thread builds after the first build
  BuildOptions build = opt.build;
  build.cache = &cache;
  build.defer_cleanup = true;
  std::vector<std::thread> cleaners;  // delete replaced sites while the new one is served
  auto rebuild = [&] {
    BuildReport r = build_site(build);
    if (!r.stale.empty())
      cleaners.emplace_back([stale = r.stale] {
        std::error_code ec;
        fs::remove_all(stale, ec);
      });
    print_report(r, opt.build.out.string());
    std::string errors;
    for (const auto& d : r.diagnostics.all())
      if (d.severity == Diagnostic::Severity::Error) errors += d.format() + "\n";
    std::lock_guard<std::mutex> lock(mu);
    if (r.ok()) ++generation;
    ++version;
    last_error = errors;
    changed.notify_all();
  };
  rebuild();

  // Watch the book, the config, the theme and the mounted folders.
  std::vector<fs::path> watched = {opt.build.config, opt.build.theme};
  {
    try {
      watched.push_back(load_config(opt.build.config).docs_dir);
    } catch (const std::exception&) {
    }
    for (const auto& m : opt.build.mounts) watched.push_back(m.dir);
  }
  std::thread watcher([&] {
    // inotify tells us when something changed, so an idle server costs nothing; the
    // fingerprint then decides whether a rebuild is due (editors touch files without
    // changing them). Without inotify, poll the fingerprint.
    Watcher w(watched);
    std::string seen = fingerprint(watched);
    while (!stopping) {
      if (!w.wait(std::chrono::milliseconds(250))) continue;
      std::this_thread::sleep_for(std::chrono::milliseconds(30));  // let a save finish
      w.drain();
      const std::string now = fingerprint(watched);
      if (now != seen) {
        seen = now;
        rebuild();
      }
    }
  });

  httplib::Server svr;
  g_server = &svr;
  const fs::path root = fs::absolute(opt.build.out);

  svr.Get("/__livereload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kLiveReloadJs, "text/javascript; charset=utf-8");
  });
  svr.Get("/__livereload", [&](const httplib::Request& req, httplib::Response& res) {
    long since = -1;
    if (req.has_param("since")) since = std::atol(req.get_param_value("since").c_str());
    std::unique_lock<std::mutex> lock(mu);
    changed.wait_for(lock, std::chrono::seconds(20), [&] { return stopping || version != since; });
    const nlohmann::json state = {{"version", version}, {"generation", generation}, {"error", last_error}};
    // Messages quote the author's text; never let a stray byte break the reply.
    res.set_content(state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
  });
  svr.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    // httplib has decoded the path; refuse anything that climbs out of the output folder.
    const fs::path rel = fs::path(req.path).relative_path().lexically_normal();
    if (!rel.empty() && (*rel.begin() == ".." || rel.is_absolute())) {
      res.status = 403;
      res.set_content("forbidden\n", "text/plain");
      return;
    }
    fs::path file = root / rel;
    std::error_code ec;
    if (fs::is_directory(file, ec)) file /= "index.html";
    if (!fs::is_regular_file(file, ec)) {
      res.status = 404;
      res.set_content("<!doctype html><title>Not found</title><h1>404: " + escape_html(req.path) +
                          " is not in the site</h1><script src=\"/__livereload.js\"></script>",
                      "text/html; charset=utf-8");
      return;
    }
    std::string body;
    try {
      body = read_file(file, file.string());
    } catch (const std::exception&) {
      res.status = 404;
      return;
    }
    if (file.extension() == ".html") {
      const size_t at = body.rfind("</body>");
      body.insert(at == std::string::npos ? body.size() : at, "<script src=\"/__livereload.js\"></script>");
    }
    res.set_content(std::move(body), content_type_for(file.string()));
  });
  // Without it, small responses on a kept-alive connection wait ~40 ms for a delayed ACK.
  svr.set_tcp_nodelay(true);
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    // Cross-origin isolation: SharedArrayBuffer (the MicroSim's real threads) needs both.
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
  });

  std::signal(SIGINT, [](int) { if (g_server) g_server->stop(); });
  std::signal(SIGTERM, [](int) { if (g_server) g_server->stop(); });

  if (!svr.bind_to_port(opt.host, opt.port)) {
    std::fprintf(stderr, "serve: cannot listen on %s:%d (port in use? set PORT or --port)\n", opt.host.c_str(), opt.port);
    stopping = true;
    changed.notify_all();
    watcher.join();
    return 1;
  }
  std::fprintf(stderr, "serving %s at http://%s:%d/ (cross-origin isolated, live reload); Ctrl-C stops\n",
               opt.build.out.c_str(), opt.host.c_str(), opt.port);
  svr.listen_after_bind();
  stopping = true;
  {
    std::lock_guard<std::mutex> lock(mu);
    changed.notify_all();
  }
  watcher.join();
  for (auto& t : cleaners) t.join();
  g_server = nullptr;
  return 0;
}

}  // namespace book
