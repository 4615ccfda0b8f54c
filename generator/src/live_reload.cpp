// The long poll's state lives here, apart from the file serving and the watcher, so that
// stopping it (which must wake every waiting poll) is one call with one lock.
#include "live_reload.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace book {

const char* const kLiveReloadJs = R"JS((function () {
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

void LiveReload::publish(bool ok, const std::string& errors) {
  std::lock_guard<std::mutex> lock(mu_);
  if (ok) ++generation_;
  ++version_;
  error_ = errors;
  changed_.notify_all();
}

std::string LiveReload::wait_for_change(long since, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, timeout, [&] { return stopping_ || version_ != since; });
  return state_json();
}

void LiveReload::stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
  changed_.notify_all();
}

void LiveReload::wait_until_answered(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  written_.wait_for(lock, timeout, [&] { return unwritten_ <= 0; });
}

void LiveReload::written() {
  std::lock_guard<std::mutex> lock(mu_);
  --unwritten_;
  written_.notify_all();
}

std::string LiveReload::state_json() const {
  const nlohmann::json state = {{"version", version_}, {"generation", generation_}, {"error", error_}};
  // Messages quote the author's text; never let a stray byte break the reply.
  return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void LiveReload::add_routes(httplib::Server& server) {
  server.Get("/__livereload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kLiveReloadJs, "text/javascript; charset=utf-8");
  });
  server.Get("/__livereload", [this](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++unwritten_;
    }
    long since = -1;
    if (req.has_param("since")) since = std::atol(req.get_param_value("since").c_str());
    res.set_content(wait_for_change(since, std::chrono::seconds(20)), "application/json");
  });
  // httplib calls the logger once a reply has been written. A 200 for /__livereload comes from
  // the handler above (a malformed request gets its 400 without it); a poll whose reply is not
  // a 200 (a Range header, an exception) only makes wait_until_answered() wait out its timeout.
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    if (req.path == "/__livereload" && res.status == 200) written();
  });
}

}  // namespace book
