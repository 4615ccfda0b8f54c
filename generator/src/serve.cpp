// `generator serve` put together: the build, the watcher that rebuilds, live reload and the
// file server, and the order in which they start and stop. The parts live in their own files
// (static_files, live_reload, watcher, stop_signals); this one only wires them.
#include "serve.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "config.hpp"
#include "live_reload.hpp"
#include "static_files.hpp"
#include "stop_signals.hpp"
#include "watcher.hpp"

namespace book {
namespace fs = std::filesystem;

namespace {
std::string counted(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}
}  // namespace

void print_report(const BuildReport& report, const std::string& out) {
  for (const auto& d : report.diagnostics.all()) std::fprintf(stderr, "%s\n", d.format().c_str());
  for (const auto& n : report.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
  const size_t errors = report.count(Diagnostic::Severity::Error);
  const std::string warnings = counted(report.count(Diagnostic::Severity::Warning), "warning");
  if (report.ok() && report.up_to_date)
    std::fprintf(stderr,
                 "%s is up to date (%zu pages, %zu files): no input changed since it was built, in %.0f ms with %s\n",
                 out.c_str(), report.pages, report.files, report.seconds * 1000, warnings.c_str());
  else if (report.ok())
    std::fprintf(stderr, "built %zu pages (%zu files) into %s in %.0f ms with %s\n", report.pages, report.files,
                 out.c_str(), report.seconds * 1000, warnings.c_str());
  else
    std::fprintf(stderr, "build failed: %s, %s%s; %s was left as it was\n", counted(errors, "error").c_str(),
                 warnings.c_str(), report.strict && errors == 0 ? " (--strict makes warnings errors)" : "",
                 out.c_str());
}

namespace {

// Rebuilds share one BuildCache, so saving a page re-renders only that page; the site a
// rebuild replaced is deleted in the background, so the new one is served at once.
class SiteBuilder {
 public:
  SiteBuilder(const BuildOptions& options, LiveReload& reload);
  ~SiteBuilder();  // waits for the deletions: no replaced site is left behind
  SiteBuilder(const SiteBuilder&) = delete;
  SiteBuilder& operator=(const SiteBuilder&) = delete;
  void rebuild();  // one thread at a time

 private:
  BuildCache cache_;
  BuildOptions options_;
  LiveReload& reload_;
  std::vector<std::thread> cleaners_;
};

// The book, the config, the theme and the mounted folders.
std::vector<fs::path> watched_roots(const BuildOptions& build);
// Routes and headers of every reply.
void set_up(httplib::Server& server, LiveReload& reload, const fs::path& site);
// The port listened on (port 0: one the system picked), or -1.
int bind_port(httplib::Server& server, const std::string& host, int port);
// Closes the listening socket; listen_after_bind() returns once every worker is done.
void stop_accepting(httplib::Server& server, const std::atomic<bool>& listening_ended);
// Wakes the workers that wait for a request on a connection (see the definition for why).
void shut_down_connections(int port);

}  // namespace

int serve(const ServeOptions& opt) {
  StopSignals signals;  // first: every thread started below inherits the blocked signals
  LiveReload reload;
  SiteBuilder builder(opt.build, reload);
  builder.rebuild();

  Watcher watcher(watched_roots(opt.build));
  std::thread watching([&] { watcher.run([&] { builder.rebuild(); }); });

  httplib::Server server;
  set_up(server, reload, fs::absolute(opt.build.out));
  const int port = bind_port(server, opt.host, opt.port);
  if (port < 0) {
    std::fprintf(stderr, "serve: cannot listen on %s:%d (port in use? set PORT or --port)\n", opt.host.c_str(),
                 opt.port);
    watcher.stop();
    watching.join();
    return 1;
  }
  std::fprintf(stderr, "serving %s at http://%s:%d/ (cross-origin isolated, live reload); Ctrl-C stops\n",
               opt.build.out.c_str(), opt.host.c_str(), port);
  std::atomic<bool> listening_ended{false};
  std::thread listening([&] {
    server.listen_after_bind();
    listening_ended = true;
    signals.interrupt();
  });

  signals.wait();
  // Every open page holds a long poll on one of the server's threads: answer them all, stop
  // accepting, and once the answers are out, cut the connections that wait for a request.
  reload.stop();
  watcher.stop();
  stop_accepting(server, listening_ended);
  reload.wait_until_answered(std::chrono::milliseconds(500));
  shut_down_connections(port);
  listening.join();
  watching.join();  // after a rebuild under way, if any: build_site cannot be interrupted
  return 0;
}

namespace {

SiteBuilder::SiteBuilder(const BuildOptions& options, LiveReload& reload) : options_(options), reload_(reload) {
  options_.cache = &cache_;
  options_.defer_cleanup = true;
}

SiteBuilder::~SiteBuilder() {
  for (auto& t : cleaners_) t.join();
}

void SiteBuilder::rebuild() {
  BuildReport r = build_site(options_);
  if (!r.stale.empty())
    cleaners_.emplace_back([stale = r.stale] {
      std::error_code ec;
      fs::remove_all(stale, ec);
    });
  print_report(r, options_.out.string());
  std::string errors;
  for (const auto& d : r.diagnostics.all())
    if (d.severity == Diagnostic::Severity::Error || r.strict) errors += d.format() + "\n";
  reload_.publish(r.ok(), errors);
}

std::vector<fs::path> watched_roots(const BuildOptions& build) {
  std::vector<fs::path> roots = {build.config};
  if (!build.theme.empty()) roots.push_back(build.theme);  // the built-in theme cannot change
  try {
    roots.push_back(load_config(build.config).docs_dir);
  } catch (const std::exception&) {
    // The first build has reported it; the config itself is still watched.
  }
  for (const auto& m : build.mounts) roots.push_back(m.dir);
  return roots;
}

void set_up(httplib::Server& server, LiveReload& reload, const fs::path& site) {
  reload.add_routes(server);
  add_static_routes(server, site);  // last: its pattern would also take /__livereload
  // Without it, small responses on a kept-alive connection wait ~40 ms for a delayed ACK.
  server.set_tcp_nodelay(true);
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    // Cross-origin isolation: SharedArrayBuffer (the MicroSim's real threads) needs both.
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
  });
}

int bind_port(httplib::Server& server, const std::string& host, int port) {
  if (port == 0) return server.bind_to_any_port(host);
  return server.bind_to_port(host, port) ? port : -1;
}

int local_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return -1;
}

// httplib (0.11) looks at stop() only between two requests of a connection: a worker waiting
// for the next request of a kept-alive connection (or the first one of a browser's spare
// connection) waits out the keep-alive timeout (5 s) first, and httplib hands out no list of
// its connections. They are this process's connected sockets on the server's local port:
// shutting down their reading side makes those workers see the end of the stream at once.
// httplib then takes the client for gone and writes nothing more, hence the wait for the
// answers to the long polls before. Called after stop(), when no connection can be accepted.
void shut_down_connections(int port) {
  std::error_code ec;
  for (auto it = fs::directory_iterator("/proc/self/fd", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const int fd = std::atoi(it->path().filename().c_str());
    struct stat st {};
    sockaddr_storage peer{};
    socklen_t peer_len = sizeof peer;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) || local_port(fd) != port) continue;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) continue;  // not a connection
    shutdown(fd, SHUT_RD);
  }
}

void stop_accepting(httplib::Server& server, const std::atomic<bool>& listening_ended) {
  // stop() does nothing before listen_after_bind() has started, and a signal can come first.
  while (!server.is_running() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!listening_ended) server.stop();
}

}  // namespace
}  // namespace book
